import { ConfigFileMalformedError } from './config-errors';
import { firstNonSpace, isPythonWhitespace, pyRstrip, pySplitLines, pyStrip } from './python-text';
import { ShlexError, shlexSplit } from './shlex';

/**
 * A lossless model of the shared AWS config file. Every line is kept exactly as read (its text
 * and its own line ending), so rendering an unchanged document gives back the same bytes;
 * on top of the lines sits the structure botocore sees (sections, options, sub-blocks),
 * classified with the rules of Python's configparser as botocore configures it:
 * - `#` or `;` as the first non-blank character makes a comment line, at any indentation; there
 *   are no inline comments (`region = x # y` has the value `x # y`);
 * - a line indented deeper than the option line above it continues that option's value
 *   (`s3 =` followed by indented `key = value` lines is a sub-block);
 * - a line starting with `[` and holding a later `]` is a section header, its name running to
 *   the last `]`; `key = value` and `key: value` are options, keys compared in lower case;
 * - line breaks are `\n`, `\r\n` or a lone `\r` (Python's universal newlines).
 * What botocore rejects (text before the first section, a line that is neither, a duplicate
 * section or key, a sub-block line without `=`) is rejected here with its line number.
 */

export type LineEnding = '' | '\n' | '\r\n' | '\r';

export interface ConfigLine {
  /** The line without its line ending (and without the byte-order mark on line 1). */
  readonly text: string;
  readonly eol: LineEnding;
}

export type LineRole = 'blank' | 'comment' | 'header' | 'option' | 'continuation';

export type SectionKind = 'default' | 'profile' | 'sso-session' | 'services' | 'other';

export interface ConfigOption {
  /** The key as written. */
  readonly rawKey: string;
  /** The key in lower case, as botocore compares it. */
  readonly key: string;
  /** The value as botocore reads it: continuation lines joined with `\n`, trailing whitespace removed. */
  readonly value: string;
  /** Index of the option's line in `lines`. */
  readonly line: number;
  /** One past the last continuation line of this option (comment lines in between included). */
  readonly endLine: number;
  /** Index within the option line where the value starts (after the delimiter and spaces). */
  readonly valueColumn: number;
  /** For `key =` followed by indented `name = value` lines: those pairs, as botocore nests them. */
  readonly subBlock: ReadonlyMap<string, string> | undefined;
}

export interface ConfigSection {
  /** The text between `[` and the last `]`, untrimmed, as botocore keys the section. */
  readonly header: string;
  readonly kind: SectionKind;
  /**
   * The profile, sso-session or services name botocore derives (`profile NAME` split like a
   * shell line); undefined when botocore ignores the section (e.g. `[profile a b]`).
   */
  readonly name: string | undefined;
  readonly headerLine: number;
  /** One past the last line before the next section header (or the end of the file). */
  readonly endLine: number;
  /** One past the last header, option or continuation line: trailing comments and blanks excluded. */
  readonly contentEndLine: number;
  readonly options: readonly ConfigOption[];
}

export interface ConfigWarning {
  code: 'byte-order-mark' | 'defaults-section';
  line: number;
  message: string;
}

export interface ConfigDocument {
  /** The file started with U+FEFF, kept on write. */
  readonly bom: boolean;
  readonly lines: readonly ConfigLine[];
  readonly roles: readonly LineRole[];
  readonly sections: readonly ConfigSection[];
  /** The line ending to use for new lines: the file's most frequent one, `\n` for a new file. */
  readonly eol: Exclude<LineEnding, ''>;
  /** Things botocore reads differently from the SDKs, worth telling the user about. */
  readonly warnings: readonly ConfigWarning[];
  /**
   * Broken sub-blocks in [DEFAULT] that botocore has not met yet: it copies [DEFAULT] keys into
   * every section that lacks them, and fails only then. A new profile without `key` would.
   */
  readonly defaultSectionErrors: ReadonlyArray<{ key: string; line: number; reason: string }>;
  /** The file path given to `parseConfig`, for messages. */
  readonly source: string | undefined;
}

export interface ParseOptions {
  /** The file path, for error messages. */
  source?: string;
}

const BOM = '\ufeff';

/** Splits `text` into lines, each keeping its own line ending. */
export function splitLines(text: string): ConfigLine[] {
  const lines: ConfigLine[] = [];
  let start = 0;
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if (c === 0x0a) {
      lines.push({ text: text.slice(start, i), eol: '\n' });
      start = i + 1;
    } else if (c === 0x0d) {
      const crlf = text.charCodeAt(i + 1) === 0x0a;
      lines.push({ text: text.slice(start, i), eol: crlf ? '\r\n' : '\r' });
      if (crlf) i += 1;
      start = i + 1;
    }
  }
  if (start < text.length) lines.push({ text: text.slice(start), eol: '' });
  return lines;
}

/** The config file text again, byte for byte when the document came from `parseConfig`. */
export function renderConfig(document: Pick<ConfigDocument, 'bom' | 'lines'>): string {
  return renderLines(document.bom, document.lines);
}

export function renderLines(bom: boolean, lines: readonly ConfigLine[]): string {
  const parts: string[] = new Array<string>(lines.length * 2 + 1);
  parts[0] = bom ? BOM : '';
  for (let i = 0; i < lines.length; i += 1) {
    const line = lines[i] as ConfigLine;
    parts[2 * i + 1] = line.text;
    parts[2 * i + 2] = line.eol;
  }
  return parts.join('');
}

/** Which section family a header belongs to and the name botocore gives it. */
export function classifyHeader(header: string): { kind: SectionKind; name: string | undefined } {
  if (header === 'default') return { kind: 'default', name: 'default' };
  // The usual `profile NAME` needs no shell-style splitting: no quotes, escapes or extra spaces.
  const plain = PLAIN_HEADER.exec(header);
  if (plain) return { kind: plain[1] as SectionKind, name: plain[2] };
  for (const kind of ['profile', 'sso-session', 'services'] as const) {
    if (!header.startsWith(kind)) continue;
    let parts: string[];
    try {
      parts = shlexSplit(header);
    } catch (error) {
      if (error instanceof ShlexError) return { kind, name: undefined };
      throw error;
    }
    return { kind, name: parts.length === 2 ? parts[1] : undefined };
  }
  return { kind: 'other', name: undefined };
}

const PLAIN_HEADER = /^(profile|sso-session|services) ([^\s'"\\]+)$/;

interface OpenOption {
  rawKey: string;
  key: string;
  line: number;
  endLine: number;
  valueColumn: number;
  /** The value on the option's own line. */
  first: string;
  /** Continuation and blank lines after it, as configparser collects them. */
  more: string[] | undefined;
}

interface OpenSection {
  header: string;
  headerLine: number;
  contentEndLine: number;
  options: ConfigOption[];
  /** Line of a key-less `= value` line, which configparser counts as the key ''. */
  emptyKeyLine: number | undefined;
}

/** Parses the config file text. Throws ConfigFileMalformedError where botocore would fail. */
export function parseConfig(text: string, options: ParseOptions = {}): ConfigDocument {
  const bom = text.startsWith(BOM);
  const lines = splitLines(bom ? text.slice(1) : text);
  const roles: LineRole[] = new Array<LineRole>(lines.length);
  const sections: ConfigSection[] = [];
  const warnings: ConfigWarning[] = [];
  const seenHeaders = new Map<string, number>();
  // configparser checks duplicate keys per section name; two [DEFAULT] sections share one set.
  const defaultKeys = new Map<string, number>();
  const fail = (line: number, reason: string, hint?: string): never => {
    throw new ConfigFileMalformedError({ path: options.source, line: line + 1, reason, ...(hint === undefined ? {} : { hint }) });
  };
  if (bom) {
    warnings.push({
      code: 'byte-order-mark',
      line: 1,
      message: 'The file starts with a byte-order mark (U+FEFF): the AWS SDKs read it, but the AWS CLI and boto3 refuse the whole file.',
    });
  }

  let section: OpenSection | undefined;
  let option: OpenOption | undefined;
  let indentLevel = 0;

  const continuationHolding = (open: OpenOption, entry: string): number => {
    for (let i = open.line + 1; i < open.endLine; i += 1) {
      if (roles[i] === 'continuation' && (lines[i] as ConfigLine).text.includes(entry)) return i;
    }
    return open.line;
  };

  // configparser reports a line without a delimiter only once the whole file is read, so a
  // later duplicate (raised at once) wins; sub-block lines are checked after that, by botocore.
  const parsingErrors: Array<{ line: number; reason: string }> = [];
  const nestedErrors = new Map<ConfigOption, { line: number; reason: string }>();

  const closeOption = () => {
    if (!section || !option) return;
    const value = option.more === undefined ? option.first : pyRstrip(`${option.first}\n${option.more.join('\n')}`);
    let subBlock: Map<string, string> | undefined;
    let nestedError: { line: number; reason: string } | undefined;
    if (value.startsWith('\n')) {
      // botocore re-splits the joined value with str.splitlines() and needs `=` in every piece.
      subBlock = new Map();
      for (const piece of pySplitLines(value)) {
        const entry = pyStrip(piece);
        if (entry === '') continue;
        const eq = entry.indexOf('=');
        if (eq < 0) {
          nestedError = { line: continuationHolding(option, entry), reason: `"${entry}" in the "${option.rawKey}" block has no "=".` };
          break;
        }
        subBlock.set(pyStrip(entry.slice(0, eq)), pyStrip(entry.slice(eq + 1)));
      }
    }
    const closed: ConfigOption = {
      rawKey: option.rawKey,
      key: option.key,
      value,
      line: option.line,
      endLine: option.endLine,
      valueColumn: option.valueColumn,
      subBlock,
    };
    if (nestedError) nestedErrors.set(closed, nestedError);
    section.options.push(closed);
    section.contentEndLine = option.endLine;
    option = undefined;
  };

  const closeSection = (endLine: number) => {
    closeOption();
    if (!section) return;
    const { kind, name } = classifyHeader(section.header);
    sections.push({
      header: section.header,
      kind,
      name,
      headerLine: section.headerLine,
      endLine,
      contentEndLine: section.contentEndLine,
      options: section.options,
    });
    section = undefined;
  };

  for (let i = 0; i < lines.length; i += 1) {
    const text = (lines[i] as ConfigLine).text;
    const indent = firstNonSpace(text);
    if (indent < 0) {
      roles[i] = 'blank';
      if (option) (option.more ??= []).push('');
      continue;
    }
    const first = text.charCodeAt(indent);
    if (first === 0x23 /* # */ || first === 0x3b /* ; */) {
      roles[i] = 'comment';
      continue;
    }
    const stripped = pyStrip(text);
    if (section && option && indent > indentLevel) {
      roles[i] = 'continuation';
      (option.more ??= []).push(stripped);
      option.endLine = i + 1;
      continue;
    }
    indentLevel = indent;
    const close = stripped.lastIndexOf(']');
    if (first === 0x5b /* [ */ && close >= 2) {
      closeSection(i);
      const header = stripped.slice(1, close);
      const earlier = seenHeaders.get(header);
      // configparser keeps one DEFAULT section however often it appears.
      if (earlier !== undefined && header !== 'DEFAULT') {
        fail(i, `the section [${header}] appears a second time (first on line ${earlier + 1}).`, 'Merge the two sections into one (the AWS CLI rejects the file as it is). Rolecall changed nothing.');
      }
      if (header === 'DEFAULT' && earlier === undefined) {
        warnings.push({
          code: 'defaults-section',
          line: i + 1,
          message: 'A [DEFAULT] section: the AWS CLI and boto3 add its keys to every profile, the AWS SDKs ignore it.',
        });
      }
      seenHeaders.set(header, i);
      roles[i] = 'header';
      section = { header, headerLine: i, contentEndLine: i + 1, options: [], emptyKeyLine: undefined };
      continue;
    }
    if (!section) {
      fail(i, `"${stripped}" comes before the first [section] header.`);
    }
    const current = section as OpenSection;
    const delimiter = firstDelimiter(stripped);
    if (delimiter < 0) {
      // configparser notes the line and reads on; the option above stays open for continuations.
      parsingErrors.push({ line: i, reason: `"${stripped}" is neither a [section] header, a "key = value" line nor a comment.` });
      roles[i] = 'option';
      continue;
    }
    closeOption();
    let keyEnd = delimiter;
    while (keyEnd > 0 && isPythonWhitespace(stripped.charCodeAt(keyEnd - 1))) keyEnd -= 1;
    const rawKey = stripped.slice(0, keyEnd);
    if (rawKey === '') parsingErrors.push({ line: i, reason: `"${stripped}" has no key before its "${stripped[delimiter]}".` });
    const key = rawKey.toLowerCase();
    const earlierKey = current.header === 'DEFAULT' ? defaultKeys.get(key) : rawKey === '' ? current.emptyKeyLine : current.options.find((o) => o.key === key)?.line;
    if (earlierKey !== undefined) {
      fail(i, `the key "${rawKey}" appears a second time in [${current.header}] (first on line ${earlierKey + 1}).`, 'Keep one of the two lines (the AWS CLI rejects the file as it is). Rolecall changed nothing.');
    }
    if (current.header === 'DEFAULT') defaultKeys.set(key, i);
    roles[i] = 'option';
    if (rawKey === '') {
      // An empty key is never continued (configparser's option name is falsy).
      current.emptyKeyLine = i;
      continue;
    }
    let valueStart = delimiter + 1;
    while (valueStart < stripped.length && isPythonWhitespace(stripped.charCodeAt(valueStart))) valueStart += 1;
    option = {
      rawKey,
      key,
      line: i,
      endLine: i + 1,
      valueColumn: indent + valueStart,
      // `stripped` has no trailing whitespace and valueStart skipped the leading one.
      first: stripped.slice(valueStart),
      more: undefined,
    };
  }
  closeSection(lines.length);
  const parsingError = parsingErrors[0];
  if (parsingError) fail(parsingError.line, parsingError.reason);
  const nestedError = firstNestedError(sections, nestedErrors);
  if (nestedError) fail(nestedError.line, nestedError.reason);
  const defaultSectionErrors = sections
    .filter((section) => section.header === 'DEFAULT')
    .flatMap((section) => section.options)
    .flatMap((option) => {
      const error = nestedErrors.get(option);
      return error ? [{ key: option.key, ...error }] : [];
    });

  return { bom, lines, roles, sections, eol: dominantLineEnding(lines), warnings, defaultSectionErrors, source: options.source };
}

/**
 * The sub-block error botocore meets first: it walks the sections in order and, in each, the
 * section's own keys and then the [DEFAULT] keys it does not override.
 */
function firstNestedError(
  sections: readonly ConfigSection[],
  errors: ReadonlyMap<ConfigOption, { line: number; reason: string }>,
): { line: number; reason: string } | undefined {
  if (errors.size === 0) return undefined;
  const defaults = sections.filter((s) => s.header === 'DEFAULT').flatMap((s) => s.options);
  for (const section of sections) {
    if (section.header === 'DEFAULT') continue;
    for (const option of section.options) {
      const error = errors.get(option);
      if (error) return error;
    }
    const own = new Set(section.options.map((o) => o.key));
    for (const option of defaults) {
      const error = own.has(option.key) ? undefined : errors.get(option);
      if (error) return error;
    }
  }
  return undefined;
}

/** Index of the first `=` or `:` (configparser's delimiters), or -1. */
function firstDelimiter(text: string): number {
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if (c === 0x3d || c === 0x3a) return i;
  }
  return -1;
}

function dominantLineEnding(lines: readonly ConfigLine[]): Exclude<LineEnding, ''> {
  let lf = 0;
  let crlf = 0;
  let cr = 0;
  for (const line of lines) {
    if (line.eol === '\n') lf += 1;
    else if (line.eol === '\r\n') crlf += 1;
    else if (line.eol === '\r') cr += 1;
  }
  if (crlf > lf && crlf >= cr) return '\r\n';
  if (cr > lf && cr > crlf) return '\r';
  return '\n';
}

/** All sections botocore maps to the profile `name` (`[default]` for "default"), in file order. */
export function profileSections(document: ConfigDocument, name: string): ConfigSection[] {
  return document.sections.filter(
    (section) => (section.kind === 'profile' || section.kind === 'default') && section.name === name,
  );
}

/** The first option with `key` (compared in lower case) in a section. */
export function findOption(section: ConfigSection, key: string): ConfigOption | undefined {
  const wanted = key.toLowerCase();
  return section.options.find((option) => option.key === wanted);
}
