import { InvalidInputError } from '../errors';
import { ShlexError, shlexSplit } from './shlex';
import { quotePosix } from '../shell/quoting';

/**
 * The `credential_process` value Rolecall writes, quoted so that every reader runs the same
 * argv:
 * - botocore (AWS CLI, boto3) splits it with Python's `shlex.split` on Linux and macOS, and with
 *   its own Windows rules (double quotes, backslashes before a quote) on Windows, then runs it
 *   without a shell;
 * - the JS SDK v3 (and the Go and Rust SDKs) hand it to a shell (`/bin/sh -c`, `cmd.exe /c`);
 * - the JS SDK's ini reader cuts a line at any `#` or `;` that follows whitespace, even inside
 *   quotes, so no quoted argument may contain whitespace directly before `#` or `;`.
 * On POSIX, plain arguments stay bare; ones made of safe characters and spaces get double quotes
 * (what the AWS docs show); anything else gets single quotes, in which sh and shlex both take
 * every character literally. A `#`/`;` after whitespace starts a new quoted piece glued to the
 * previous one (`"my "'#1'`), which both read as one argument.
 */

export type CommandPlatform = 'posix' | 'win32';

/** Characters that need no quoting for sh, shlex or cmd. */
const BARE = /^[A-Za-z0-9_@%+:,./-]+$/;
/** Inside double quotes sh still expands `$`, backquotes and `\`; shlex treats `\` and `"` specially. */
function doubleQuotable(piece: string): boolean {
  for (let i = 0; i < piece.length; i += 1) {
    const c = piece.charCodeAt(i);
    if (c < 0x20 || c === 0x7f || '$`\\"!'.includes(piece[i] as string)) return false;
  }
  return true;
}
const WIN_BARE = /^[A-Za-z0-9_@+:,./\\-]+$/;

export function commandPlatform(platform: NodeJS.Platform = process.platform): CommandPlatform {
  return platform === 'win32' ? 'win32' : 'posix';
}

/** `<prefix…> credential-process --profile <name>`, quoted for the platform. */
export function formatCredentialProcess(
  commandPrefix: readonly string[],
  profileName: string,
  platform: CommandPlatform = commandPlatform(),
): string {
  return credentialProcessFormatter(commandPrefix, platform)(profileName);
}

/** The same, with the prefix quoted once for many profiles. */
export function credentialProcessFormatter(commandPrefix: readonly string[], platform: CommandPlatform = commandPlatform()): (profileName: string) => string {
  if (commandPrefix.length === 0) throw new InvalidInputError('The credential_process command is empty.');
  const head = `${formatCommandLine([...commandPrefix, 'credential-process', '--profile'], platform)} `;
  return (profileName) => head + quoteArgument(profileName, platform);
}

/** Quotes each argument and joins them with spaces. */
export function formatCommandLine(argv: readonly string[], platform: CommandPlatform = commandPlatform()): string {
  return argv.map((arg) => quoteArgument(arg, platform)).join(' ');
}

export function quoteArgument(arg: string, platform: CommandPlatform = commandPlatform()): string {
  if (/[\r\n\0]/.test(arg)) {
    throw new InvalidInputError('A path or argument for credential_process contains a line break or NUL, which the AWS config file cannot hold.');
  }
  if (platform === 'win32') {
    if (arg.includes('"')) throw new InvalidInputError('A path or argument for credential_process contains a double quote, which Windows cannot pass through.');
    if (WIN_BARE.test(arg)) return arg;
    return splitAtCommentMarks(arg).map(quoteWindowsPiece).join('');
  }
  if (BARE.test(arg)) return arg;
  return splitAtCommentMarks(arg).map(quotePosixPiece).join('');
}

/** Splits before each `#`/`;` that follows whitespace, so no quoted piece holds such a pair. */
function splitAtCommentMarks(arg: string): string[] {
  const pieces: string[] = [];
  let start = 0;
  for (let i = 1; i < arg.length; i += 1) {
    const c = arg[i];
    if ((c === '#' || c === ';') && /\s/.test(arg[i - 1] as string)) {
      pieces.push(arg.slice(start, i));
      start = i;
    }
  }
  pieces.push(arg.slice(start));
  return pieces;
}

function quotePosixPiece(piece: string): string {
  if (doubleQuotable(piece)) return `"${piece}"`;
  return quotePosix(piece);
}

/** Double quotes; backslashes right before the closing quote are doubled so they stay literal. */
function quoteWindowsPiece(piece: string): string {
  const trailing = /\\*$/.exec(piece)?.[0].length ?? 0;
  return `"${piece}${'\\'.repeat(trailing)}"`;
}

/**
 * The argv botocore runs for a credential_process value: `shlex.split` on Linux and macOS, its
 * own splitter on Windows (only space and tab separate, only double quotes quote, backslashes
 * count only before a quote). Throws ShlexError for an unclosed quote. `rolecall doctor` uses
 * it to find profiles whose command points at a file that is gone.
 */
export function splitCredentialProcess(value: string, platform: CommandPlatform = commandPlatform()): string[] {
  return platform === 'win32' ? splitWindowsCommand(value) : shlexSplit(value);
}

function splitWindowsCommand(value: string): string[] {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  let quoted = false;
  let backslashes = 0;
  for (const ch of value) {
    if (ch === '\\') {
      backslashes += 1;
      continue;
    }
    if (ch === '"') {
      word += '\\'.repeat(Math.floor(backslashes / 2));
      const escaped = backslashes % 2 === 1;
      backslashes = 0;
      inWord = true;
      if (escaped) word += '"';
      else quoted = !quoted;
      continue;
    }
    word += '\\'.repeat(backslashes);
    if (backslashes > 0) inWord = true;
    backslashes = 0;
    if ((ch === ' ' || ch === '\t') && !quoted) {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
      continue;
    }
    word += ch;
    inWord = true;
  }
  if (quoted) throw new ShlexError('No closing quotation');
  word += '\\'.repeat(backslashes);
  if (inWord || backslashes > 0) words.push(word);
  return words;
}
