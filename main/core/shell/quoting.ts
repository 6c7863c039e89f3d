/**
 * Quoting a value so that one shell reads it back byte for byte. Each function takes any text
 * without control characters (callers check with `assertShellSafe`) and returns one word of
 * that shell's syntax.
 */
import { InvalidInputError } from '../errors';

// Control characters (C0, DEL, C1) cannot be typed into a shell line faithfully in every shell
// (cmd has no way to write a newline in a value at all), so they are refused up front.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

/** Throws InvalidInputError when `value` holds a control character (newline, tab, NUL, …). */
export function assertShellSafe(what: string, value: string): void {
  if (CONTROL.test(value)) {
    throw new InvalidInputError(`The ${what} contains a control character (such as a newline or tab), which cannot be passed to a shell safely.`, {
      hint: `Rename it so it holds printable characters only.`,
    });
  }
}

/**
 * POSIX shells (sh, bash, zsh, dash, ksh): a single-quoted word. Inside single quotes nothing is
 * special, not even a backslash, so the only character to handle is the quote itself:
 * close the quotes, write an escaped quote, reopen (`'\''`).
 */
export function quotePosix(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/**
 * fish: inside single quotes fish treats exactly two sequences specially, `\'` and `\\`, so
 * backslashes are doubled first and quotes escaped after.
 */
export function quoteFish(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/**
 * PowerShell: a verbatim single-quoted string. PowerShell also closes such a string on the
 * typographic single quotes (U+2018 to U+201B), so each of those is doubled as well.
 */
export function quotePowerShell(value: string): string {
  return `'${value.replace(/['\u2018\u2019\u201a\u201b]/g, (q) => q + q)}'`;
}

/**
 * cmd.exe, for text after `set NAME=` or a command such as `title` typed at the prompt (not in a
 * batch file): every character cmd treats as syntax gets a caret. A `%` becomes `^%`: cmd
 * expands `%NAME%` before it removes carets, and the caret makes the name `NAME^`, which no
 * variable has, so the text stays as typed; the caret goes when cmd removes escapes. Assumes
 * delayed expansion is off (the default, and what Rolecall passes with `/v:off`).
 */
export function escapeCmd(value: string): string {
  return value.replace(/[\^&|<>()"%]/g, (c) => `^${c}`);
}
