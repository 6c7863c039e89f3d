/**
 * Starting Rolecall when the user logs in: the OS login items on macOS and Windows, the XDG
 * autostart folder on Linux. Both sit behind one small interface.
 */
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { systemErrorCode } from '../../core/errors';
import { writeFileAtomic } from '../../core/fs/atomic-write';
import { AUTOSTART_FILE_NAME, autostartDesktopEntry } from './autostart-entry';

/** The argument a login start passes, so the app stays in the tray instead of opening its window. */
export const STARTED_AT_LOGIN_SWITCH = '--started-at-login';

export interface LoginItems {
  isEnabled(): Promise<boolean>;
  setEnabled(enabled: boolean): Promise<void>;
}

/** The slice of Electron's `app` that manages login items. */
export interface LoginItemApp {
  getLoginItemSettings(options?: { args?: string[] }): { openAtLogin: boolean };
  setLoginItemSettings(settings: { openAtLogin?: boolean; args?: string[] }): void;
}

/** macOS and Windows: the OS's own login items. */
export function osLoginItems(app: LoginItemApp, platform: NodeJS.Platform): LoginItems {
  // Windows passes arguments; macOS reports how the app was opened instead.
  const args = platform === 'win32' ? [STARTED_AT_LOGIN_SWITCH] : undefined;
  return {
    isEnabled: async () => app.getLoginItemSettings(args === undefined ? undefined : { args }).openAtLogin,
    setEnabled: async (enabled) => app.setLoginItemSettings(args === undefined ? { openAtLogin: enabled } : { openAtLogin: enabled, args }),
  };
}

/** Linux: an entry in the XDG autostart folder that runs `command`. */
export function xdgAutostartLoginItems(autostartDir: string, command: readonly string[]): LoginItems {
  const file = join(autostartDir, AUTOSTART_FILE_NAME);
  const entry = autostartDesktopEntry([...command, STARTED_AT_LOGIN_SWITCH]);
  return {
    async isEnabled() {
      try {
        return (await readFile(file, 'utf8')) === entry;
      } catch (error) {
        if (systemErrorCode(error) === 'ENOENT') return false;
        throw error;
      }
    },
    async setEnabled(enabled) {
      if (enabled) await writeFileAtomic(file, entry, { mode: 0o644 });
      else await rm(file, { force: true });
    },
  };
}

/** `$XDG_CONFIG_HOME/autostart`, else `~/.config/autostart`. */
export function xdgAutostartDir(env: NodeJS.ProcessEnv, home: string): string {
  const configHome = env.XDG_CONFIG_HOME !== undefined && env.XDG_CONFIG_HOME !== '' ? env.XDG_CONFIG_HOME : join(home, '.config');
  return join(configHome, 'autostart');
}
