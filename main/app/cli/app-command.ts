/**
 * The command line that runs the `rolecall` CLI through this app: what credential_process
 * lines and launcher scripts invoke. Pure: it only reads the runtime facts it is given.
 */
import { CLI_SWITCH } from './launch-mode';

export interface AppRuntime {
  platform: NodeJS.Platform;
  /** `process.execPath`: the app binary (or the Electron binary in development). */
  execPath: string;
  /** `process.defaultApp`: started as `electron <appPath>` in development. */
  defaultApp: boolean;
  /** `app.getAppPath()`, needed in development only. */
  appPath: string;
  /** Set by the AppImage runtime: the AppImage file, the only stable path of such an install. */
  appImage?: string;
}

/**
 * Chromium switches for a CLI run on Linux: the headless Ozone platform, so the command works
 * over SSH and in a TTY with no X11 or Wayland display, and no GPU process.
 */
export const LINUX_CLI_SWITCHES: readonly string[] = ['--ozone-platform=headless', '--disable-gpu'];

/** The argv prefix: append the CLI's own arguments (`credential-process --profile P`). */
export function appCliCommand(runtime: AppRuntime): string[] {
  const binary = runtime.platform === 'linux' && runtime.appImage !== undefined && runtime.appImage !== '' ? runtime.appImage : runtime.execPath;
  const switches = runtime.platform === 'linux' ? LINUX_CLI_SWITCHES : [];
  const app = runtime.defaultApp ? [runtime.appPath] : [];
  return [binary, ...app, ...switches, CLI_SWITCH, '--'];
}
