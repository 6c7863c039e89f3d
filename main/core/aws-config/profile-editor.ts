import type { ConfigDocument, ConfigLine, ConfigSection, LineEnding } from './config-document';
import { findOption } from './config-document';
import type { LineSplice } from './config-edit';
import { preventLineBreakJoins } from './config-edit';
import { firstNonSpace } from './python-text';

/**
 * The line edits that add, update and remove Rolecall profiles, placed so that nothing around
 * them reads differently afterwards:
 * - a new profile is a blank line, a `[profile NAME]` header and `key = value` lines, all at
 *   column 0 in the file's own line ending, after the last Rolecall profile (or at the end);
 * - a key is changed in place, keeping the text before its value; a missing key is added after
 *   the section's last key, indented like it so it cannot turn into a continuation line;
 * - a removed profile takes its header, its keys and the blank line before it (the one Rolecall
 *   wrote), except when another Rolecall profile follows directly, which then keeps it.
 * Nothing is ever placed before a line that is indented, which would then continue the value
 * above it; such a profile is added at the end of the file instead, or not removed.
 */
export class ProfileEditor {
  private readonly splices: LineSplice[] = [];
  private readonly eol: Exclude<LineEnding, ''>;
  private readonly lastLine: number;
  /** Lines some splice removes: skipped when looking at what follows an edit. */
  private readonly removed: boolean[];
  /** Where a removal was refused: nothing may be inserted there, or the next run would decide otherwise. */
  private readonly blockedStarts = new Set<number>();
  /** Sections a removal was refused for. */
  readonly stuck = new Set<ConfigSection>();
  private lastLineSplice: LineSplice | undefined;
  private appendsAtEnd = false;

  constructor(private readonly document: ConfigDocument) {
    this.eol = document.eol;
    this.lastLine = document.lines.length - 1;
    this.removed = new Array<boolean>(document.lines.length).fill(false);
  }

  /**
   * Removes the given Rolecall sections where that is safe; returns those removed. Runs of
   * sections that follow each other directly go together, last run first, so each decision
   * knows what will follow it.
   */
  removeSections(sections: readonly ConfigSection[], isManagedHeader: (line: number) => boolean): Set<ConfigSection> {
    const done = new Set<ConfigSection>();
    const sorted = [...sections].sort((a, b) => a.headerLine - b.headerLine);
    const runs: ConfigSection[][] = [];
    for (const section of sorted) {
      const run = runs[runs.length - 1];
      const previous = run?.[run.length - 1];
      if (run && previous && previous.contentEndLine === section.headerLine) run.push(section);
      else runs.push([section]);
    }
    for (const run of runs.reverse()) {
      const first = run[0] as ConfigSection;
      const end = (run[run.length - 1] as ConfigSection).contentEndLine;
      const keepSeparator = end < this.document.lines.length && !this.removed[end] && isManagedHeader(end);
      const start = !keepSeparator && first.headerLine > 0 && this.document.roles[first.headerLine - 1] === 'blank' ? first.headerLine - 1 : first.headerLine;
      if (this.nextContentIndent(end) > 0 || this.wouldJoin(start, end)) {
        for (const section of run) this.stuck.add(section);
        this.blockedStarts.add(start);
        this.blockedStarts.add(first.headerLine);
        continue;
      }
      this.replace(start, end, []);
      this.markRemoved(start, end);
      for (const section of run) done.add(section);
    }
    return done;
  }

  /** Where new profiles go: after `section` when nothing indented follows it, else at the end. */
  insertionPointAfter(section: ConfigSection | undefined): number {
    const at = section?.contentEndLine;
    if (at !== undefined && !this.blockedStarts.has(at) && this.nextContentIndent(at) <= 0) return at;
    return this.document.lines.length;
  }

  /** Brings a section's owned keys to `values` and its name to `name`; returns the keys changed. */
  updateSection(section: ConfigSection, values: ReadonlyMap<string, string | null>, name: string): string[] {
    const changed: string[] = [];
    if (section.name !== name) {
      const header = this.document.lines[section.headerLine] as ConfigLine;
      const indent = firstNonSpace(header.text);
      const close = header.text.lastIndexOf(']');
      this.replace(section.headerLine, section.headerLine + 1, [
        { text: `${header.text.slice(0, indent)}[profile ${name}]${header.text.slice(close + 1)}`, eol: header.eol },
      ]);
      changed.push('name');
    }
    const lastOption = section.options[section.options.length - 1];
    const keyIndent = lastOption ? (this.document.lines[lastOption.line] as ConfigLine).text.slice(0, firstNonSpace((this.document.lines[lastOption.line] as ConfigLine).text)) : '';
    const missing: ConfigLine[] = [];
    for (const [key, value] of values) {
      const option = findOption(section, key);
      if (value === null) {
        if (option && this.wouldJoin(option.line, option.endLine)) {
          // Removing the line would merge the lines around it; an empty value means the same.
          const line = this.document.lines[option.line] as ConfigLine;
          if (option.value !== '' || option.endLine !== option.line + 1) {
            const eol = (this.document.lines[option.endLine - 1] as ConfigLine).eol;
            this.replace(option.line, option.endLine, [{ text: line.text.slice(0, option.valueColumn), eol }]);
            changed.push(key);
          }
        } else if (option) {
          this.replace(option.line, option.endLine, []);
          this.markRemoved(option.line, option.endLine);
          changed.push(key);
        }
      } else if (!option) {
        missing.push({ text: `${keyIndent}${key} = ${value}`, eol: this.eol });
        changed.push(key);
      } else if (option.value !== value || option.endLine !== option.line + 1) {
        const line = this.document.lines[option.line] as ConfigLine;
        const lastOfOption = this.document.lines[option.endLine - 1] as ConfigLine;
        this.replace(option.line, option.endLine, [{ text: line.text.slice(0, option.valueColumn) + value, eol: lastOfOption.eol }]);
        changed.push(key);
      }
    }
    if (missing.length > 0) this.insert(section.contentEndLine, missing);
    return changed;
  }

  /** New `[profile NAME]` sections at `at`, each after a blank line. */
  addSections(at: number, sections: ReadonlyArray<{ name: string; values: ReadonlyArray<readonly [string, string]> }>): void {
    const lines: ConfigLine[] = [];
    for (const { name, values } of sections) {
      if (at > 0 || lines.length > 0) lines.push({ text: '', eol: this.eol });
      lines.push({ text: `[profile ${name}]`, eol: this.eol });
      for (const [key, value] of values) lines.push({ text: `${key} = ${value}`, eol: this.eol });
    }
    if (lines.length > 0) this.insert(at, lines);
  }

  finish(): LineSplice[] {
    const last = this.document.lines[this.lastLine];
    // Text appended after a last line that had no line break needs one; the appended text then
    // ends without one, as the file did.
    if (this.appendsAtEnd && last && last.eol === '') {
      if (this.lastLineSplice) {
        const replaced = this.lastLineSplice.lines;
        const tail = replaced[replaced.length - 1];
        if (tail) replaced[replaced.length - 1] = { text: tail.text, eol: this.eol };
      } else {
        this.splices.push({ start: this.lastLine, end: this.lastLine + 1, lines: [{ text: last.text, eol: this.eol }] });
      }
      const atEnd = this.splices.filter((s) => s.start === this.lastLine + 1 && s.end === s.start && s.lines.length > 0);
      const final = atEnd[atEnd.length - 1];
      if (final) {
        const line = final.lines[final.lines.length - 1] as ConfigLine;
        final.lines[final.lines.length - 1] = { text: line.text, eol: '' };
      }
    }
    preventLineBreakJoins(this.document.lines, this.splices);
    return this.splices;
  }

  /**
   * True when removing lines [start, end) would put a line ending in a lone `\r` right before
   * an empty line ending in `\n`: read back, the two breaks would be one and a line would vanish.
   */
  private wouldJoin(start: number, end: number): boolean {
    let before = start - 1;
    while (before >= 0 && this.removed[before]) before -= 1;
    let after = end;
    while (after < this.document.lines.length && this.removed[after]) after += 1;
    const previous = this.document.lines[before];
    const next = this.document.lines[after];
    return previous !== undefined && next !== undefined && previous.eol === '\r' && next.text === '' && next.eol.startsWith('\n');
  }

  /** Indentation of the first header or key line at or after `from` that stays, or -1 at the end. */
  private nextContentIndent(from: number): number {
    for (let i = from; i < this.document.lines.length; i += 1) {
      const role = this.document.roles[i];
      if (this.removed[i] || role === 'blank' || role === 'comment') continue;
      return firstNonSpace((this.document.lines[i] as ConfigLine).text);
    }
    return -1;
  }

  private markRemoved(start: number, end: number): void {
    for (let i = start; i < end; i += 1) this.removed[i] = true;
  }

  private replace(start: number, end: number, lines: ConfigLine[]): void {
    const splice = { start, end, lines };
    this.splices.push(splice);
    if (end - 1 === this.lastLine && end > start) this.lastLineSplice = splice;
  }

  private insert(at: number, lines: ConfigLine[]): void {
    this.splices.push({ start: at, end: at, lines });
    if (at === this.lastLine + 1) this.appendsAtEnd = true;
  }
}
