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
const SCORE_FUZZY_MIN = 1;

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
 * `lowerMask` (see `characterMask`) lets a fuzzy miss be ruled out without a scan.
 */
export function matchText(original: string, lower: string, token: string, fuzzy: boolean, lowerMask?: number): TextMatch | null {
  const ranges: number[] = [];
  const score = scoreText(original, lower, token, fuzzy, lowerMask, ranges);
  if (score < 0) return null;
  const result: [number, number][] = [];
  for (let i = 0; i < ranges.length; i += 2) result.push([ranges[i] as number, ranges[i + 1] as number]);
  return { score, ranges: result };
}

/**
 * The score of `matchText`, without building its ranges unless `ranges` is given (flat
 * start/end pairs are pushed to it): searching thousands of roles per keystroke allocates
 * nothing. -1 when the token does not match.
 */
export function scoreText(original: string, lower: string, token: string, fuzzy: boolean, lowerMask?: number, ranges?: number[]): number {
  if (token.length === 0 || token.length > lower.length) return -1;
  const first = lower.indexOf(token);
  if (first >= 0) return substringScore(original, lower, token, first, ranges);
  if (!fuzzy || token.length < 2) return -1;
  // A subsequence needs every character of the token somewhere in the field.
  if (lowerMask !== undefined) {
    const needed = characterMask(token);
    if ((lowerMask & needed) !== needed) return -1;
  }
  const leftmost = align(original, lower, token, false, null);
  if (leftmost === NO_MATCH) return -1;
  const byWords = align(original, lower, token, true, null);
  const best = Math.max(leftmost, byWords);
  if (ranges !== undefined) align(original, lower, token, byWords > leftmost, ranges);
  // Any subsequence is a match, if a poor one: were a scattered one refused, a longer token
  // could match where its own prefix did not, and narrowing the search as one types would be wrong.
  return Math.min(SCORE_FUZZY_MAX, Math.max(SCORE_FUZZY_MIN, best));
}

/**
 * A 32-bit summary of which characters a lower-case text holds (one bit per letter, one for
 * digits, one for the rest): two ANDs rule out most fuzzy matches before any scan.
 */
export function characterMask(lower: string): number {
  let mask = 0;
  for (let i = 0; i < lower.length; i += 1) {
    const c = lower.charCodeAt(i);
    mask |= c >= 97 && c <= 122 ? 1 << (c - 97) : c >= 48 && c <= 57 ? 1 << 26 : 1 << 27;
  }
  return mask;
}

function substringScore(original: string, lower: string, token: string, first: number, ranges: number[] | undefined): number {
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
  ranges?.push(at, at + token.length);
  return score + coverage * 20;
}

const NO_MATCH = Number.NEGATIVE_INFINITY;

/**
 * Aligns the token's characters in `lower` as a subsequence and scores the alignment: leftmost
 * first, or, with `preferWordStarts`, jumping to the next word start holding a character that
 * does not continue the previous one (so "ola" picks O-nly L-ambda A-ccess, not scattered
 * letters). Pushes the matched runs to `ranges` when given.
 */
function align(original: string, lower: string, token: string, preferWordStarts: boolean, ranges: number[] | null): number {
  let score = 20;
  let prev = -1;
  for (let t = 0; t < token.length; t += 1) {
    const ch = token.charCodeAt(t);
    let found = -1;
    const from = prev + 1;
    const continues = t > 0 && lower.charCodeAt(from) === ch;
    if (preferWordStarts && !continues) {
      for (let i = from; i < lower.length; i += 1) {
        if (lower.charCodeAt(i) === ch && isWordStart(original, i)) {
          found = i;
          break;
        }
      }
    }
    if (found < 0) found = lower.indexOf(token[t] as string, from);
    if (found < 0) return NO_MATCH;
    if (t > 0 && found === prev + 1) score += 4;
    else if (isWordStart(original, found)) score += 6;
    else score -= 3 + Math.min(found - prev - 1, 10) * 0.5;
    if (ranges !== null) {
      if (ranges.length > 0 && ranges[ranges.length - 1] === found) ranges[ranges.length - 1] = found + 1;
      else ranges.push(found, found + 1);
    }
    prev = found;
  }
  return score;
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
