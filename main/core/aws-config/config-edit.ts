import type { ConfigLine } from './config-document';

/**
 * Edits to a config file as line splices: replace lines [start, end) of the original with
 * `lines`. Lines outside every splice are copied untouched, which is what keeps the rest of
 * the file byte for byte. Splices never overlap; an insertion is a splice with start === end.
 */
export interface LineSplice {
  start: number;
  end: number;
  lines: ConfigLine[];
}

/** Splices in the order they apply; at one position insertions come first, in the order given. */
export function sortSplices(splices: readonly LineSplice[]): LineSplice[] {
  return splices
    .map((splice, order) => ({ splice, order }))
    .sort((a, b) => a.splice.start - b.splice.start || (a.splice.end - a.splice.start) - (b.splice.end - b.splice.start) || a.order - b.order)
    .map(({ splice }) => splice);
}

/** The lines after applying `splices` (sorted or not) to `lines`. */
export function applySplices(lines: readonly ConfigLine[], splices: readonly LineSplice[]): ConfigLine[] {
  const out: ConfigLine[] = [];
  let cursor = 0;
  for (const splice of sortSplices(splices)) {
    if (splice.start < cursor) throw new Error(`Overlapping config edits at line ${splice.start + 1}.`);
    for (let i = cursor; i < splice.start; i += 1) out.push(lines[i] as ConfigLine);
    for (const line of splice.lines) out.push(line);
    cursor = splice.end;
  }
  for (let i = cursor; i < lines.length; i += 1) out.push(lines[i] as ConfigLine);
  return out;
}

export interface DiffLabels {
  /** Shown after `--- ` and `+++ `. */
  oldLabel: string;
  newLabel: string;
}

/**
 * A unified diff (3 lines of context) of the change `splices` make to `lines`, as `diff -u`
 * prints it, so `--dry-run` output reads like any patch. '' when nothing changes.
 */
export function unifiedDiff(lines: readonly ConfigLine[], splices: readonly LineSplice[], labels: DiffLabels, context = 3): string {
  const changes = sortSplices(splices).filter((splice) => !sameLines(lines, splice));
  if (changes.length === 0) return '';
  const out: string[] = [`--- ${labels.oldLabel}`, `+++ ${labels.newLabel}`];
  // Offset between old and new line numbers before each change.
  let delta = 0;
  let index = 0;
  while (index < changes.length) {
    let last = index;
    while (last + 1 < changes.length && (changes[last + 1] as LineSplice).start - (changes[last] as LineSplice).end <= 2 * context) last += 1;
    const first = changes[index] as LineSplice;
    const final = changes[last] as LineSplice;
    const oldStart = Math.max(0, first.start - context);
    const oldEnd = Math.min(lines.length, final.end + context);
    const body: string[] = [];
    let newCount = 0;
    let cursor = oldStart;
    let groupDelta = 0;
    for (let k = index; k <= last; k += 1) {
      const change = changes[k] as LineSplice;
      for (; cursor < change.start; cursor += 1) {
        body.push(...diffLine(' ', lines[cursor] as ConfigLine));
        newCount += 1;
      }
      // Adjacent changes print as one block: all removed lines, then all added ones.
      const run = [change];
      while (k < last && (changes[k + 1] as LineSplice).start === (run[run.length - 1] as LineSplice).end) {
        k += 1;
        run.push(changes[k] as LineSplice);
      }
      const runEnd = (run[run.length - 1] as LineSplice).end;
      for (let i = change.start; i < runEnd; i += 1) body.push(...diffLine('-', lines[i] as ConfigLine));
      for (const piece of run) {
        for (const line of piece.lines) body.push(...diffLine('+', line));
        newCount += piece.lines.length;
        groupDelta += piece.lines.length - (piece.end - piece.start);
      }
      cursor = runEnd;
    }
    for (; cursor < oldEnd; cursor += 1) {
      body.push(...diffLine(' ', lines[cursor] as ConfigLine));
      newCount += 1;
    }
    const oldCount = oldEnd - oldStart;
    const newStart = oldStart + delta;
    out.push(`@@ -${rangeLabel(oldStart, oldCount)} +${rangeLabel(newStart, newCount)} @@`, ...body);
    delta += groupDelta;
    index = last + 1;
  }
  return `${out.join('\n')}\n`;
}

/** True when applying `splice` changes the text. */
export function spliceChanges(lines: readonly ConfigLine[], splice: LineSplice): boolean {
  return !sameLines(lines, splice);
}

function sameLines(lines: readonly ConfigLine[], splice: LineSplice): boolean {
  if (splice.end - splice.start !== splice.lines.length) return false;
  return splice.lines.every((line, i) => {
    const old = lines[splice.start + i] as ConfigLine;
    return old.text === line.text && old.eol === line.eol;
  });
}

function diffLine(mark: string, line: ConfigLine): string[] {
  return line.eol === '' ? [`${mark}${line.text}`, '\\ No newline at end of file'] : [`${mark}${line.text}`];
}

function rangeLabel(start: number, count: number): string {
  // diff -u numbers lines from 1; an empty range names the line before it.
  if (count === 0) return `${start},0`;
  return count === 1 ? `${start + 1}` : `${start + 1},${count}`;
}

/**
 * A line ending in a lone `\r` followed by an empty line ending in `\n` would read back as one
 * `\r\n` line break, losing a line. Where an edit puts such a pair side by side, the inserted
 * line's ending is adjusted (never an original line's); between two original lines that an
 * edit brought together the bytes are the same either way.
 */
export function preventLineBreakJoins(lines: readonly ConfigLine[], splices: LineSplice[]): void {
  // Only lone `\r` line endings can join; most files have none, and then there is nothing to do.
  const hasLoneCr = (list: readonly ConfigLine[]) => list.some((line) => line.eol === '\r');
  if (!hasLoneCr(lines) && !splices.some((splice) => hasLoneCr(splice.lines))) return;
  type Slot = { line: ConfigLine; owner?: { splice: LineSplice; index: number } };
  const sequence: Slot[] = [];
  let cursor = 0;
  const pushOriginal = (end: number) => {
    for (; cursor < end; cursor += 1) sequence.push({ line: lines[cursor] as ConfigLine });
  };
  for (const splice of sortSplices(splices)) {
    pushOriginal(splice.start);
    splice.lines.forEach((line, index) => sequence.push({ line, owner: { splice, index } }));
    cursor = splice.end;
  }
  pushOriginal(lines.length);
  for (let i = 0; i + 1 < sequence.length; i += 1) {
    const first = sequence[i] as Slot;
    const second = sequence[i + 1] as Slot;
    if (first.line.eol !== '\r' || second.line.text !== '' || !second.line.eol.startsWith('\n')) continue;
    if (second.owner) {
      second.line = { text: '', eol: '\r' };
      second.owner.splice.lines[second.owner.index] = second.line;
    } else if (first.owner) {
      first.line = { text: first.line.text, eol: '\r\n' };
      first.owner.splice.lines[first.owner.index] = first.line;
    }
  }
}
