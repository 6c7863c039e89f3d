/**
 * The terminals the settings offer, per platform, in the order `auto` prefers them. The ids
 * and names are the terminal launcher's (main/core/terminal/terminals.ts); test/renderer checks
 * that the two lists agree.
 */
export const TERMINAL_CHOICES: Readonly<Record<'darwin' | 'linux' | 'win32', readonly { id: string; name: string }[]>> = {
  darwin: [
    { id: 'iterm2', name: 'iTerm2' },
    { id: 'terminal-app', name: 'Terminal' },
  ],
  linux: [
    { id: 'x-terminal-emulator', name: 'the system terminal (x-terminal-emulator)' },
    { id: 'gnome-terminal', name: 'GNOME Terminal' },
    { id: 'konsole', name: 'Konsole' },
    { id: 'kitty', name: 'kitty' },
    { id: 'alacritty', name: 'Alacritty' },
    { id: 'wezterm', name: 'WezTerm' },
    { id: 'xterm', name: 'xterm' },
  ],
  win32: [
    { id: 'windows-terminal', name: 'Windows Terminal' },
    { id: 'powershell', name: 'PowerShell' },
    { id: 'cmd', name: 'Command Prompt' },
  ],
};

/** The platform family the window runs on, from what the browser reports. */
export function windowPlatform(platform: string = typeof navigator === 'undefined' ? '' : navigator.platform): 'darwin' | 'linux' | 'win32' {
  if (/Mac|iPhone|iPad/.test(platform)) return 'darwin';
  if (/Win/.test(platform)) return 'win32';
  return 'linux';
}
