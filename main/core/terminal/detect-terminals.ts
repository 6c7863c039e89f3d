/**
 * Which terminals are installed, and which one to open: pure functions of the environment and
 * an `exists` check, with the user's setting (`auto` or a terminal id) deciding.
 */
import { findOnPath, pathsFor, type Exists } from '../browser/find-executable';
import { TerminalNotFoundError, UnknownTerminalError } from './errors';
import { TERMINAL_NAMES, terminalsFor, type DetectedTerminal, type TerminalId } from './terminals';

export interface HostSystem {
  platform: NodeJS.Platform;
  env: Record<string, string | undefined>;
  exists: Exists;
}

const LINUX_EXECUTABLES: Partial<Record<TerminalId, string>> = {
  'x-terminal-emulator': 'x-terminal-emulator',
  'gnome-terminal': 'gnome-terminal',
  konsole: 'konsole',
  kitty: 'kitty',
  alacritty: 'alacritty',
  wezterm: 'wezterm',
  xterm: 'xterm',
};

/** Installed terminals, in the platform's default preference order. */
export function detectTerminals(host: HostSystem): DetectedTerminal[] {
  const found: DetectedTerminal[] = [];
  for (const id of terminalsFor(host.platform)) {
    const terminal = locate(id, host);
    if (terminal) found.push(terminal);
  }
  return found;
}

function locate(id: TerminalId, { platform, env, exists }: HostSystem): DetectedTerminal | undefined {
  const paths = pathsFor(platform);
  if (platform === 'darwin') {
    const bundle = id === 'iterm2' ? 'iTerm.app' : 'Terminal.app';
    const roots = id === 'iterm2'
      ? ['/Applications', ...(env.HOME ? [paths.join(env.HOME, 'Applications')] : [])]
      : ['/System/Applications/Utilities', '/Applications/Utilities'];
    const installed = roots.some((root) => exists(paths.join(root, bundle)));
    return installed && exists('/usr/bin/osascript') ? { id, executable: '/usr/bin/osascript' } : undefined;
  }
  if (platform === 'win32') {
    const systemRoot = env.SystemRoot ?? env.SYSTEMROOT ?? 'C:\\Windows';
    const firstExisting = (...candidates: (string | undefined)[]) => candidates.find((c): c is string => c !== undefined && exists(c));
    const onPath = (name: string) => findOnPath([name], env, platform, exists);
    switch (id) {
      case 'windows-terminal': {
        const wt = onPath('wt.exe') ?? firstExisting(env.LOCALAPPDATA && paths.join(env.LOCALAPPDATA, 'Microsoft', 'WindowsApps', 'wt.exe'));
        return wt ? { id, executable: wt, innerShell: powershell(env, platform, exists) ? 'pwsh.exe' : 'powershell.exe' } : undefined;
      }
      case 'powershell': {
        const ps = powershell(env, platform, exists) ?? firstExisting(paths.join(systemRoot, 'System32', 'WindowsPowerShell', 'v1.0', 'powershell.exe'));
        return ps ? { id, executable: ps } : undefined;
      }
      case 'cmd': {
        const cmd = firstExisting(env.ComSpec, env.COMSPEC, paths.join(systemRoot, 'System32', 'cmd.exe'));
        return cmd ? { id, executable: cmd } : undefined;
      }
      default:
        return undefined;
    }
  }
  const name = LINUX_EXECUTABLES[id];
  const executable = name ? findOnPath([name], env, platform, exists) : undefined;
  return executable ? { id, executable } : undefined;
}

/** PowerShell 7 (`pwsh.exe`) when installed, which is what people who installed it want. */
function powershell(env: Record<string, string | undefined>, platform: NodeJS.Platform, exists: Exists): string | undefined {
  const paths = pathsFor(platform);
  const candidates = [findOnPath(['pwsh.exe'], env, platform, exists), env.ProgramFiles && paths.join(env.ProgramFiles, 'PowerShell', '7', 'pwsh.exe')];
  return candidates.find((c): c is string => typeof c === 'string' && c !== '' && exists(c));
}

/**
 * The terminal to open. `setting` is `auto` or a terminal id. With `auto`, a Linux desktop's
 * own terminal comes first (Konsole on KDE, GNOME Terminal on GNOME), then `$TERMINAL` when it
 * names one Rolecall knows, then the platform order. Throws UnknownTerminalError or TerminalNotFoundError.
 */
export function chooseTerminal(setting: string, detected: readonly DetectedTerminal[], host: Pick<HostSystem, 'platform' | 'env'>): DetectedTerminal {
  const known = terminalsFor(host.platform);
  if (setting !== 'auto') {
    if (!(known as readonly string[]).includes(setting)) throw new UnknownTerminalError(setting, known);
    const chosen = detected.find((t) => t.id === setting);
    if (!chosen) throw new TerminalNotFoundError(`${TERMINAL_NAMES[setting as TerminalId]}, the terminal chosen in Settings, is not installed.`);
    return chosen;
  }
  const preferred: TerminalId[] = [];
  const desktop = (host.env.XDG_CURRENT_DESKTOP ?? '').toUpperCase();
  if (desktop.includes('KDE')) preferred.push('konsole');
  if (desktop.includes('GNOME')) preferred.push('gnome-terminal');
  const fromEnv = host.env.TERMINAL ? pathsFor(host.platform).basename(host.env.TERMINAL) : undefined;
  const named = known.find((id) => LINUX_EXECUTABLES[id] === fromEnv);
  if (named) preferred.unshift(named);
  for (const id of [...preferred, ...known]) {
    const terminal = detected.find((t) => t.id === id);
    if (terminal) return terminal;
  }
  throw new TerminalNotFoundError(`No terminal Rolecall can open was found (looked for ${known.map((id) => TERMINAL_NAMES[id]).join(', ')}).`);
}
