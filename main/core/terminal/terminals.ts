/** The terminals Rolecall can open, per platform, in the order `auto` prefers them. */

export type TerminalId =
  | 'terminal-app'
  | 'iterm2'
  | 'x-terminal-emulator'
  | 'gnome-terminal'
  | 'konsole'
  | 'kitty'
  | 'alacritty'
  | 'wezterm'
  | 'xterm'
  | 'windows-terminal'
  | 'powershell'
  | 'cmd';

export const TERMINAL_NAMES: Record<TerminalId, string> = {
  'terminal-app': 'Terminal',
  iterm2: 'iTerm2',
  'x-terminal-emulator': 'the system terminal (x-terminal-emulator)',
  'gnome-terminal': 'GNOME Terminal',
  konsole: 'Konsole',
  kitty: 'kitty',
  alacritty: 'Alacritty',
  wezterm: 'WezTerm',
  xterm: 'xterm',
  'windows-terminal': 'Windows Terminal',
  powershell: 'PowerShell',
  cmd: 'Command Prompt',
};

/** Terminals per platform, in default preference order. */
export const PLATFORM_TERMINALS: Record<'darwin' | 'linux' | 'win32', readonly TerminalId[]> = {
  darwin: ['iterm2', 'terminal-app'],
  linux: ['x-terminal-emulator', 'gnome-terminal', 'konsole', 'kitty', 'alacritty', 'wezterm', 'xterm'],
  win32: ['windows-terminal', 'powershell', 'cmd'],
};

/** The terminal list for `platform` (the BSDs and others are treated like Linux: X11/Wayland desktops). */
export function terminalsFor(platform: NodeJS.Platform): readonly TerminalId[] {
  if (platform === 'darwin' || platform === 'win32') return PLATFORM_TERMINALS[platform];
  return PLATFORM_TERMINALS.linux;
}

/** A terminal found on this computer. */
export interface DetectedTerminal {
  id: TerminalId;
  /** The program to start: the terminal itself, or `osascript` for the macOS apps. */
  executable: string;
  /** Windows Terminal only: the PowerShell it runs in the new tab (`pwsh.exe` or `powershell.exe`). */
  innerShell?: string;
}

/** What a terminal window is opened for. */
export interface TerminalSession {
  /** The AWS_PROFILE the shell gets. */
  profile: string;
  /** AWS_REGION (and AWS_DEFAULT_REGION) when given. */
  region?: string;
  /** Window title; `terminalTitle` makes one naming the account and role. */
  title: string;
  /** Absolute path of the user's shell (macOS and Linux); ignored on Windows. */
  shell: string;
  /** macOS and Linux: run this argv in the window instead of the shell. */
  command?: readonly string[];
}

/** A window title naming the account and role: `acme-prod / AdministratorAccess`. */
export function terminalTitle(role: { accountName: string; accountId: string; roleName: string }): string {
  const account = role.accountName.trim() === '' ? role.accountId : role.accountName;
  return `${account} / ${role.roleName}`;
}
