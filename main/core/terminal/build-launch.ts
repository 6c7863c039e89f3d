/**
 * Pure builders: a terminal and a session in, the program, its argv and its environment out.
 * The profile and region travel in the spawned process's environment wherever the new window
 * inherits it. Where the window is made by an already-running process that does not (GNOME
 * Terminal's server, x-terminal-emulator which may be it, the macOS apps, Windows Terminal),
 * they travel in argv (`env NAME=value`), in a line quoted for the user's shell (macOS), or in
 * a base64 PowerShell command (Windows Terminal), so no name is ever re-parsed by a shell.
 */
import { InvalidInputError } from '../errors';
import { STATIC_CREDENTIAL_VARIABLES } from '../shell/env-snippets';
import { assertShellSafe, escapeCmd, quoteFish, quotePosix, quotePowerShell } from '../shell/quoting';
import { UnknownTerminalError } from './errors';
import { terminalsFor, type DetectedTerminal, type TerminalSession } from './terminals';

export interface TerminalLaunch {
  command: string;
  args: string[];
  /** Variables to set in the spawned process's environment. */
  setEnv: Record<string, string>;
  /** Variables to remove from it (keys that would override the profile). */
  unsetEnv: string[];
  /** cmd.exe reads its command line itself: pass it as written. */
  windowsVerbatimArguments?: boolean;
}

/** Builds the launch for `terminal`. Throws InvalidInputError for names no shell can take (control characters). */
export function buildTerminalLaunch(terminal: DetectedTerminal, session: TerminalSession): TerminalLaunch {
  assertShellSafe('profile name', session.profile);
  if (session.profile === '') throw new InvalidInputError('The profile name is empty.');
  if (session.region !== undefined) {
    assertShellSafe('region', session.region);
    if (!/^[a-z]{2,5}(-[a-z]+)+-\d{1,2}$/.test(session.region)) throw new InvalidInputError(`"${session.region}" is not an AWS region name.`);
  }
  const title = cleanTitle(session.title);
  const setEnv: Record<string, string> = { AWS_PROFILE: session.profile };
  if (session.region !== undefined) Object.assign(setEnv, { AWS_REGION: session.region, AWS_DEFAULT_REGION: session.region });
  const unsetEnv = [...STATIC_CREDENTIAL_VARIABLES];
  const base = { setEnv, unsetEnv };
  const exe = terminal.executable;

  switch (terminal.id) {
    case 'x-terminal-emulator':
      // Debian's interface for it: -T title, -e program args… (must come last).
      return { ...base, command: exe, args: ['-T', title, '-e', ...withEnv(setEnv, unsetEnv, inner(session))] };
    case 'gnome-terminal':
      return { ...base, command: exe, args: ['--window', `--title=${title}`, '--', ...withEnv(setEnv, unsetEnv, inner(session))] };
    case 'konsole':
      // `-p` reads `name=value;name=value`: a `;` in the title would start another property
      // (even `Command=`), and cannot be escaped, so it becomes a comma.
      return { ...base, command: exe, args: ['--separate', '-p', `tabtitle=${title.replace(/;/g, ',')}`, '-e', ...inner(session)] };
    case 'kitty':
      return { ...base, command: exe, args: [`--title=${title}`, '--', ...inner(session)] };
    case 'alacritty':
      return { ...base, command: exe, args: [`--title=${title}`, '-e', ...inner(session)] };
    case 'wezterm':
      // No title option: the window gets it from an OSC 2 sequence printed before the shell
      // starts; the title reaches printf as an argument, never as shell text.
      return { ...base, command: exe, args: ['start', '--always-new-process', '--', ...withOscTitle(title, inner(session))] };
    case 'xterm':
      return { ...base, command: exe, args: ['-T', title, '-e', ...inner(session)] };
    case 'terminal-app':
    case 'iterm2':
      return { ...base, command: exe, args: ['-e', APPLESCRIPT[terminal.id], typedLine(session, setEnv, unsetEnv), title] };
    case 'powershell':
      noCustomCommand(session);
      return { ...base, command: exe, args: ['-NoExit', '-NoLogo', '-EncodedCommand', encodePowerShell(titleScript(title))] };
    case 'cmd':
      noCustomCommand(session);
      return { ...base, command: exe, args: ['/d', '/v:off', '/k', `title ${escapeCmd(title)}`], windowsVerbatimArguments: true };
    case 'windows-terminal': {
      noCustomCommand(session);
      const script = [...envScript(setEnv, unsetEnv), titleScript(title)].join('; ');
      return {
        ...base,
        command: exe,
        args: [
          '-w', 'new', 'new-tab',
          // wt splits its command line into commands at `;`; `\;` keeps one in the title.
          `--title=${title.replace(/;/g, '\\;')}`,
          '--suppressApplicationTitle',
          '--',
          terminal.innerShell ?? 'powershell.exe', '-NoExit', '-NoLogo', '-EncodedCommand', encodePowerShell(script),
        ],
      };
    }
    default:
      throw new UnknownTerminalError(String((terminal as { id: unknown }).id), terminalsFor(process.platform));
  }
}

// eslint-disable-next-line no-control-regex
const cleanTitle = (title: string) => title.replace(/[\u0000-\u001f\u007f-\u009f]/g, ' ');

function inner(session: TerminalSession): string[] {
  const argv = session.command ? [...session.command] : [session.shell];
  if (argv.length === 0 || argv[0] === '') throw new InvalidInputError('The command to run in the terminal is empty.');
  for (const arg of argv) assertShellSafe('terminal command', arg);
  if (!session.command && !session.shell.startsWith('/')) {
    throw new InvalidInputError(`The shell "${session.shell}" is not an absolute path.`, { hint: 'Set SHELL to the full path of your shell, such as /bin/zsh.' });
  }
  return argv;
}

/** `env -u KEY… NAME=value… program args…`: argv only, read by env, never by a shell. */
function withEnv(setEnv: Record<string, string>, unsetEnv: readonly string[], argv: string[]): string[] {
  // env takes the first word without `=` as the program; one with `=` would be read as a variable.
  if (argv[0]?.includes('=')) throw new InvalidInputError(`The program path "${argv[0]}" contains "=", which cannot be started through env.`);
  return ['/usr/bin/env', ...unsetEnv.flatMap((name) => ['-u', name]), ...Object.entries(setEnv).map(([k, v]) => `${k}=${v}`), ...argv];
}

function withOscTitle(title: string, argv: string[]): string[] {
  return ['/bin/sh', '-c', `printf '\\033]2;%s\\007' "$1"; shift; exec "$@"`, 'rolecall-title', title, ...argv];
}

// The line is typed into a new window's login shell; everything user-given is an argument of
// the script (`item N of argv`), never AppleScript source.
const APPLESCRIPT: Record<'terminal-app' | 'iterm2', string> = {
  'terminal-app': [
    'on run argv',
    'tell application id "com.apple.Terminal"',
    'activate',
    'set newTab to do script (item 1 of argv)',
    'set custom title of newTab to (item 2 of argv)',
    'end tell',
    'end run',
  ].join('\n'),
  iterm2: [
    'on run argv',
    'tell application id "com.googlecode.iterm2"',
    'activate',
    'set newWindow to (create window with default profile)',
    'tell current session of newWindow',
    'set name to (item 2 of argv)',
    'write text (item 1 of argv)',
    'end tell',
    'end tell',
    'end run',
  ].join('\n'),
};

/**
 * The line typed into the new window: `exec env -u … AWS_PROFILE=… shell -l`, quoted for the
 * shell that reads it (fish, or a POSIX shell).
 */
function typedLine(session: TerminalSession, setEnv: Record<string, string>, unsetEnv: readonly string[]): string {
  const quote = /(^|\/)fish$/.test(session.shell) ? quoteFish : quotePosix;
  const argv = session.command ? inner(session) : [...inner(session), '-l'];
  return ['exec', ...withEnv(setEnv, unsetEnv, argv).map((word, i) => (i === 0 ? word : quote(word)))].join(' ');
}

function noCustomCommand(session: TerminalSession): void {
  if (session.command) throw new InvalidInputError('Running a custom command in a Windows terminal is not supported.');
}

function titleScript(title: string): string {
  return `$Host.UI.RawUI.WindowTitle = ${quotePowerShell(title)}`;
}

function envScript(setEnv: Record<string, string>, unsetEnv: readonly string[]): string[] {
  return [
    ...unsetEnv.map((name) => `Remove-Item Env:${name} -ErrorAction SilentlyContinue`),
    ...Object.entries(setEnv).map(([name, value]) => `$Env:${name} = ${quotePowerShell(value)}`),
  ];
}

/** `-EncodedCommand` takes base64 of the UTF-16LE script: nothing in it is re-quoted on the way. */
export function encodePowerShell(script: string): string {
  return Buffer.from(script, 'utf16le').toString('base64');
}
