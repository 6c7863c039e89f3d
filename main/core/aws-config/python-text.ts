/**
 * Whitespace exactly as Python's `str.isspace()`, `str.strip()` and the `\s` of its `re` module
 * see it. botocore reads the config file with Python's configparser, so deciding what is
 * indentation, a blank line or a value's edge the same way is what makes Rolecall read the
 * file the way the AWS CLI does. (JavaScript's `trim()` differs: it strips U+FEFF and keeps
 * U+001C–U+001F and U+0085.)
 */
export function isPythonWhitespace(code: number): boolean {
  if (code <= 0x20) return code === 0x20 || (code >= 0x09 && code <= 0x0d) || (code >= 0x1c && code <= 0x1f);
  if (code < 0x85) return false;
  return (
    code === 0x85 ||
    code === 0xa0 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000
  );
}

/** Index of the first non-whitespace character, or -1 when there is none. */
export function firstNonSpace(text: string): number {
  for (let i = 0; i < text.length; i += 1) {
    if (!isPythonWhitespace(text.charCodeAt(i))) return i;
  }
  return -1;
}

/** Python's `text.strip()`. */
export function pyStrip(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && isPythonWhitespace(text.charCodeAt(start))) start += 1;
  while (end > start && isPythonWhitespace(text.charCodeAt(end - 1))) end -= 1;
  return start === 0 && end === text.length ? text : text.slice(start, end);
}

/** Python's `text.rstrip()`. */
export function pyRstrip(text: string): string {
  let end = text.length;
  while (end > 0 && isPythonWhitespace(text.charCodeAt(end - 1))) end -= 1;
  return end === text.length ? text : text.slice(0, end);
}

/** Python's `text.splitlines()`: more line boundaries than a file read has (form feed, U+2028…). */
export function pySplitLines(text: string): string[] {
  // eslint-disable-next-line no-control-regex -- Python's line boundaries include these control characters.
  const lines = text.split(/\r\n|[\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]/);
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}
