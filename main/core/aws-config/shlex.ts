/**
 * Python's `shlex.split(text)` (POSIX mode, no comments), which botocore uses twice on the
 * config file: to read the name out of a `[profile NAME]` header, and to turn a
 * `credential_process` value into the argv it runs on Linux and macOS.
 * Throws `ShlexError` where Python raises ValueError (an unclosed quote, a trailing backslash).
 */
export class ShlexError extends Error {}

const WHITESPACE = ' \t\r\n';

export function shlexSplit(text: string): string[] {
  const words: string[] = [];
  let token = '';
  let quoted = false;
  let inWord = false;
  let i = 0;
  while (i < text.length) {
    const ch = text[i] as string;
    if (WHITESPACE.includes(ch)) {
      if (inWord || quoted) {
        words.push(token);
        token = '';
        quoted = false;
        inWord = false;
      }
      i += 1;
      continue;
    }
    inWord = true;
    if (ch === '\\') {
      if (i + 1 >= text.length) throw new ShlexError('No escaped character');
      token += text[i + 1];
      i += 2;
      continue;
    }
    if (ch === "'" || ch === '"') {
      quoted = true;
      const close = ch;
      i += 1;
      for (;;) {
        if (i >= text.length) throw new ShlexError('No closing quotation');
        const c = text[i] as string;
        if (c === close) {
          i += 1;
          break;
        }
        // Inside double quotes a backslash escapes only `"` and another backslash.
        if (close === '"' && c === '\\') {
          if (i + 1 >= text.length) throw new ShlexError('No closing quotation');
          const next = text[i + 1] as string;
          token += next === '"' || next === '\\' ? next : `\\${next}`;
          i += 2;
          continue;
        }
        token += c;
        i += 1;
      }
      continue;
    }
    token += ch;
    i += 1;
  }
  if (inWord || quoted) words.push(token);
  return words;
}
