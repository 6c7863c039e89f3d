import { describe, expect, it } from 'vitest';
import { chooseTerminal, detectTerminals } from '../../../main/core/terminal/detect-terminals';

const on = (...paths: string[]) => (p: string) => paths.includes(p);

describe('detectTerminals', () => {
  it('finds Linux terminals on PATH in preference order', () => {
    expect(detectTerminals({ platform: 'linux', env: { PATH: '/usr/local/bin:/usr/bin' }, exists: on('/usr/bin/xterm', '/usr/local/bin/kitty', '/usr/bin/konsole') })).toEqual([
      { id: 'konsole', executable: '/usr/bin/konsole' },
      { id: 'kitty', executable: '/usr/local/bin/kitty' },
      { id: 'xterm', executable: '/usr/bin/xterm' },
    ]);
  });

  it('finds the macOS apps and drives them through osascript', () => {
    const exists = on('/System/Applications/Utilities/Terminal.app', '/Users/me/Applications/iTerm.app', '/usr/bin/osascript');
    expect(detectTerminals({ platform: 'darwin', env: { HOME: '/Users/me' }, exists })).toEqual([
      { id: 'iterm2', executable: '/usr/bin/osascript' },
      { id: 'terminal-app', executable: '/usr/bin/osascript' },
    ]);
    expect(detectTerminals({ platform: 'darwin', env: {}, exists: on('/Applications/Utilities/Terminal.app', '/usr/bin/osascript') })).toEqual([
      { id: 'terminal-app', executable: '/usr/bin/osascript' },
    ]);
  });

  it('finds Windows Terminal (with PowerShell 7 inside when installed), PowerShell and cmd', () => {
    const env = { SystemRoot: 'C:\\Windows', ComSpec: 'C:\\Windows\\system32\\cmd.exe', LOCALAPPDATA: 'C:\\Users\\me\\AppData\\Local', ProgramFiles: 'C:\\Program Files', Path: 'C:\\Windows\\system32;C:\\Windows' };
    const exists = on(
      'C:\\Users\\me\\AppData\\Local\\Microsoft\\WindowsApps\\wt.exe',
      'C:\\Program Files\\PowerShell\\7\\pwsh.exe',
      'C:\\Windows\\system32\\cmd.exe',
      'C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe',
    );
    expect(detectTerminals({ platform: 'win32', env, exists })).toEqual([
      { id: 'windows-terminal', executable: 'C:\\Users\\me\\AppData\\Local\\Microsoft\\WindowsApps\\wt.exe', innerShell: 'pwsh.exe' },
      { id: 'powershell', executable: 'C:\\Program Files\\PowerShell\\7\\pwsh.exe' },
      { id: 'cmd', executable: 'C:\\Windows\\system32\\cmd.exe' },
    ]);
    const noPwsh = on('C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe', 'C:\\Users\\me\\AppData\\Local\\Microsoft\\WindowsApps\\wt.exe');
    expect(detectTerminals({ platform: 'win32', env, exists: noPwsh })).toEqual([
      { id: 'windows-terminal', executable: 'C:\\Users\\me\\AppData\\Local\\Microsoft\\WindowsApps\\wt.exe', innerShell: 'powershell.exe' },
      { id: 'powershell', executable: 'C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe' },
    ]);
  });
});

describe('chooseTerminal', () => {
  const linuxFound = [
    { id: 'x-terminal-emulator' as const, executable: '/usr/bin/x-terminal-emulator' },
    { id: 'gnome-terminal' as const, executable: '/usr/bin/gnome-terminal' },
    { id: 'konsole' as const, executable: '/usr/bin/konsole' },
    { id: 'alacritty' as const, executable: '/usr/bin/alacritty' },
  ];

  it('auto: the desktop’s own terminal, then $TERMINAL, then the platform order', () => {
    expect(chooseTerminal('auto', linuxFound, { platform: 'linux', env: {} }).id).toBe('x-terminal-emulator');
    expect(chooseTerminal('auto', linuxFound, { platform: 'linux', env: { XDG_CURRENT_DESKTOP: 'KDE' } }).id).toBe('konsole');
    expect(chooseTerminal('auto', linuxFound, { platform: 'linux', env: { XDG_CURRENT_DESKTOP: 'ubuntu:GNOME' } }).id).toBe('gnome-terminal');
    expect(chooseTerminal('auto', linuxFound, { platform: 'linux', env: { XDG_CURRENT_DESKTOP: 'GNOME', TERMINAL: '/usr/bin/alacritty' } }).id).toBe('alacritty');
    expect(chooseTerminal('auto', linuxFound.slice(3), { platform: 'linux', env: { XDG_CURRENT_DESKTOP: 'KDE' } }).id).toBe('alacritty');
    expect(chooseTerminal('auto', [{ id: 'cmd', executable: 'cmd.exe' }, { id: 'powershell', executable: 'powershell.exe' }], { platform: 'win32', env: {} }).id).toBe('powershell');
  });

  it('honours the user’s choice', () => {
    expect(chooseTerminal('konsole', linuxFound, { platform: 'linux', env: { XDG_CURRENT_DESKTOP: 'GNOME' } })).toEqual({ id: 'konsole', executable: '/usr/bin/konsole' });
  });

  it('says clearly when the choice is unknown, not installed, or nothing is there', () => {
    expect(() => chooseTerminal('hyper', linuxFound, { platform: 'linux', env: {} })).toThrow(expect.objectContaining({ code: 'unknown-terminal' }));
    expect(() => chooseTerminal('iterm2', linuxFound, { platform: 'linux', env: {} })).toThrow(expect.objectContaining({ code: 'unknown-terminal' }));
    expect(() => chooseTerminal('kitty', linuxFound, { platform: 'linux', env: {} })).toThrow(
      expect.objectContaining({ code: 'terminal-not-found', message: 'kitty, the terminal chosen in Settings, is not installed.' }),
    );
    expect(() => chooseTerminal('auto', [], { platform: 'darwin', env: {} })).toThrow(
      expect.objectContaining({ code: 'terminal-not-found', message: 'No terminal Rolecall can open was found (looked for iTerm2, Terminal).' }),
    );
  });
});
