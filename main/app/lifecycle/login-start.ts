/** Building the login item for this platform, and telling whether this start came from one. */
import { homedir } from 'node:os';
import { osLoginItems, xdgAutostartDir, xdgAutostartLoginItems, type LoginItemApp, type LoginItems } from './login-items';

export interface LoginStartRuntime {
  platform: NodeJS.Platform;
  /** The command that starts the installed app (the AppImage file for an AppImage). */
  appCommand: readonly string[];
  env: NodeJS.ProcessEnv;
}

export function loginItemsFor(app: LoginItemApp, runtime: LoginStartRuntime): LoginItems {
  if (runtime.platform === 'linux') return xdgAutostartLoginItems(xdgAutostartDir(runtime.env, homedir()), runtime.appCommand);
  return osLoginItems(app, runtime.platform);
}

/** macOS reports a login start itself; elsewhere the login item passes a switch. */
export function wasStartedAtLogin(app: { getLoginItemSettings(): { wasOpenedAtLogin?: boolean } }, platform: NodeJS.Platform, switchSeen: boolean): boolean {
  if (switchSeen) return true;
  return platform === 'darwin' && app.getLoginItemSettings().wasOpenedAtLogin === true;
}
