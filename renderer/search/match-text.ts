/** A half-open range `[start, end)` of characters that matched. */
export type MatchRange = readonly [start: number, end: number];

export interface TextMatch {
  score: number;
  ranges: MatchRange[];
}

const SCORE_PREFIX = 100;
const SCORE_WORD_START = 80;
const SCORE_INSIDE_WORD = 50;
const SCORE_FUZZY_MAX = 45;

/**
 * Whether a word starts at `i`: the first character, after a separator (`-`, `_`, space, `@`, …),
 * at a lower→upper case change (`ReadOnly|Access`) or at a letter↔digit change.
 */
export function isWordStart(text: string, i: number): boolean {
  if (i <= 0) return true;
  const prev = text.charCodeAt(i - 1);
  const cur = text.charCodeAt(i);
  if (!isAlphanumeric(prev)) return isAlphanumeric(cur);
  if (isLower(prev) && isUpper(cur)) return true;
  return isDigit(prev) !== isDigit(cur);
}

/**
 * Matches one lower-case `token` against one field (`original` and its lower-case copy `lower`).
 * A substring wins over a subsequence, a word start over the middle of a word, an earlier
 * occurrence over a later one; `fuzzy` allows subsequences ("roa" in "ReadOnlyAccess").
 */
export function matchText(original: string, lower: string, token: string, fuzzy: boolean): TextMatch | null {
  if (token.length === 0 || token.length > lower.length) return null;
  const first = lower.indexOf(token);
  if (first >= 0) return substringMatch(original, lower, token, first);
  if (!fuzzy || token.length < 2) return null;
  return subsequenceMatch(original, lower, token);
}

function substringMatch(original: string, lower: string, token: string, first: number): TextMatch {
  let at = first;
  // A later occurrence at a word start ("access" in "ReadOnlyAccess") beats an earlier one inside a word.
  if (!isWordStart(original, at)) {
    for (let next = lower.indexOf(token, at + 1); next >= 0; next = lower.indexOf(token, next + 1)) {
      if (isWordStart(original, next)) {
        at = next;
        break;
      }
    }
  }
  const coverage = token.length / lower.length;
  let score: number;
  if (at === 0) score = SCORE_PREFIX + (coverage === 1 ? 50 : 0);
  else if (isWordStart(original, at)) score = SCORE_WORD_START - Math.min(at, 30) / 6;
  else score = SCORE_INSIDE_WORD - Math.min(at, 30) / 3;
  return { score: score + coverage * 20, ranges: [[at, at + token.length]] };
}

function subsequenceMatch(original: string, lower: string, token: string): TextMatch | null {
  const leftmost = alignSubsequence(original, lower, token, false);
  if (leftmost === null) return null;
  const byWords = alignSubsequence(original, lower, token, true);
  const a = scoreAlignment(original, leftmost);
  const b = byWords === null ? -Infinity : scoreAlignment(original, byWords);
  const positions = b > a ? (byWords as number[]) : leftmost;
  return { score: Math.min(SCORE_FUZZY_MAX, Math.max(a, b)), ranges: toRanges(positions) };
}

/**
 * Positions of the token's characters in `lower`, leftmost first; with `preferWordStarts`, a
 * character that does not continue the previous one jumps to the next word start holding it
 * when there is one (so "ola" picks O-nly L-ambda A-ccess rather than scattered letters).
 */
function alignSubsequence(original: string, lower: string, token: string, preferWordStarts: boolean): number[] | null {
  const positions: number[] = [];
  let from = 0;
  for (let t = 0; t < token.length; t += 1) {
    const ch = token.charCodeAt(t);
    let found = -1;
    const continues = positions.length > 0 && lower.charCodeAt(from) === ch;
    if (preferWordStarts && !continues) {
      for (let i = from; i < lower.length; i += 1) {
        if (lower.charCodeAt(i) === ch && isWordStart(original, i)) {
          found = i;
          break;
        }
      }
    }
    if (found < 0) {
      for (let i = from; i < lower.length; i += 1) {
        if (lower.charCodeAt(i) === ch) {
          found = i;
          break;
        }
      }
    }
    if (found < 0) return null;
    positions.push(found);
    from = found + 1;
  }
  return positions;
}

function scoreAlignment(original: string, positions: readonly number[]): number {
  let score = 20;
  for (let i = 0; i < positions.length; i += 1) {
    const p = positions[i] as number;
    const prev = i > 0 ? (positions[i - 1] as number) : -1;
    if (p === prev + 1 && i > 0) score += 4;
    else if (isWordStart(original, p)) score += 6;
    else score -= 3 + Math.min(p - prev - 1, 10) * 0.5;
  }
  return score;
}

function toRanges(positions: readonly number[]): MatchRange[] {
  const ranges: [number, number][] = [];
  for (const p of positions) {
    const last = ranges[ranges.length - 1];
    if (last && last[1] === p) last[1] = p + 1;
    else ranges.push([p, p + 1]);
  }
  return ranges;
}

/** Sorts and merges overlapping or touching ranges. */
export function mergeRanges(ranges: readonly MatchRange[]): MatchRange[] {
  const sorted = [...ranges].sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const [start, end] of sorted) {
    const last = merged[merged.length - 1];
    if (last && start <= last[1]) last[1] = Math.max(last[1], end);
    else merged.push([start, end]);
  }
  return merged;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}
function isUpper(c: number): boolean {
  return c >= 65 && c <= 90;
}
function isLower(c: number): boolean {
  return c >= 97 && c <= 122;
}
function isAlphanumeric(c: number): boolean {
  return isDigit(c) || isUpper(c) || isLower(c) || c > 127;
}
