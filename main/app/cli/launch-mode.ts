/**
 * How this process was started. The packaged app is also the `rolecall` command: started as
 * `Rolecall --rolecall-cli -- <command> …` it runs the bundled CLI in its main process, opens
 * no window and exits with the CLI's code. That needs neither a separately installed Node nor
 * the RunAsNode fuse, and the macOS keychain sees the same signed binary as the app.
 */
import { STARTED_AT_LOGIN_SWITCH } from '../lifecycle/login-items';

export const CLI_SWITCH = '--rolecall-cli';
/** Writes a `rolecall` launcher script into a folder on PATH (for AppImage and macOS users). */
export const INSTALL_COMMAND_SWITCH = '--install-command';

export type LaunchMode =
  | { kind: 'cli'; args: string[] }
  | { kind: 'install-command'; directory: string | undefined }
  | { kind: 'app'; startedAtLogin: boolean };

/**
 * The mode for `argv` (`process.argv`). `defaultApp` is Electron's `process.defaultApp`: true
 * when started as `electron <folder>`, where the app's own arguments begin one later.
 */
export function parseLaunchMode(argv: readonly string[], defaultApp: boolean): LaunchMode {
  const own = argv.slice(defaultApp ? 2 : 1);
  const cli = own.indexOf(CLI_SWITCH);
  if (cli !== -1) {
    const rest = own.slice(cli + 1);
    // `--` ends Chromium's switch parsing, so the CLI's own flags never reach Chromium.
    return { kind: 'cli', args: rest[0] === '--' ? rest.slice(1) : rest };
  }
  const install = own.indexOf(INSTALL_COMMAND_SWITCH);
  if (install !== -1) {
    const next = own[install + 1];
    return { kind: 'install-command', directory: next !== undefined && !next.startsWith('-') ? next : undefined };
  }
  return { kind: 'app', startedAtLogin: own.includes(STARTED_AT_LOGIN_SWITCH) };
}
