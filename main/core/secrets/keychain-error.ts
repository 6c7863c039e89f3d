import { RolecallError } from '../errors';

/** Why the OS keychain could not be used. */
export type KeychainProblem =
  /** No D-Bus session bus to reach (headless shell, WSL, a broken session after suspend). */
  | 'no-session-bus'
  /** The bus answers but nothing provides org.freedesktop.secrets (no gnome-keyring, no KWallet). */
  | 'no-secret-service'
  /** The Secret Service has no default keyring (collection) to keep items in. */
  | 'no-keyring'
  /** The keyring (collection / login keychain) is locked. */
  | 'locked'
  /** The keychain did not answer in time. */
  | 'timeout'
  /** The platform keychain reported an error. */
  | 'platform-error';

/**
 * The OS keychain cannot be used right now. Rolecall never falls back to a plain-text file, so
 * whatever needed a secret stops here with a message that names the problem and a hint that
 * names the fix for this platform. Codes: `keychain-locked` for a locked keyring, else
 * `keychain-unavailable`.
 */
export class KeychainError extends RolecallError {
  readonly problem: KeychainProblem;

  constructor(problem: KeychainProblem, detail: string, options: { platform?: NodeJS.Platform; cause?: unknown } = {}) {
    const platform = options.platform ?? process.platform;
    super(problem === 'locked' ? 'keychain-locked' : 'keychain-unavailable', message(problem, detail, platform), {
      hint: keychainHint(problem, platform),
      cause: options.cause,
    });
    this.problem = problem;
  }
}

function message(problem: KeychainProblem, detail: string, platform: NodeJS.Platform): string {
  const keychain = keychainName(platform);
  const lead: Record<KeychainProblem, string> = {
    'no-session-bus': `Rolecall cannot reach the ${keychain}: there is no D-Bus session bus`,
    'no-secret-service': `Rolecall cannot reach the ${keychain}: no Secret Service (gnome-keyring or KWallet) is running`,
    'no-keyring': `Rolecall cannot use the ${keychain}: it has no default keyring to keep items in`,
    locked: `The ${keychain} is locked, so Rolecall cannot read or store its sign-in tokens`,
    timeout: `The ${keychain} did not answer in time`,
    'platform-error': `The ${keychain} reported an error`,
  };
  return `${lead[problem]} (${detail}). Rolecall keeps tokens only in the keychain and never in a file.`;
}

function keychainName(platform: NodeJS.Platform): string {
  if (platform === 'darwin') return 'macOS login keychain';
  if (platform === 'win32') return 'Windows Credential Manager';
  return 'keyring (Secret Service)';
}

/** What a user on `platform` can do about `problem`. */
export function keychainHint(problem: KeychainProblem, platform: NodeJS.Platform = process.platform): string {
  if (platform === 'darwin') {
    return problem === 'locked'
      ? 'Unlock the login keychain (Keychain Access, or `security unlock-keychain ~/Library/Keychains/login.keychain-db`), then try again.'
      : 'Open Keychain Access and check that the login keychain exists and is unlocked (`security unlock-keychain ~/Library/Keychains/login.keychain-db`), then try again.';
  }
  if (platform === 'win32') {
    return 'Check that Windows Credential Manager works for your account (Control Panel > Credential Manager; the "Credential Manager" service must be running), then try again.';
  }
  switch (problem) {
    case 'locked':
      return 'Unlock your login keyring (Passwords and Keys / Seahorse, or KWallet), or in a terminal run `gnome-keyring-daemon --unlock` and type your password, then press Ctrl-D.';
    case 'no-session-bus':
      return (
        'Run Rolecall inside a desktop session. In a headless shell, SSH or WSL, start a session with a keyring first: ' +
        '`dbus-run-session -- bash`, then `gnome-keyring-daemon --unlock` (type a password, Ctrl-D) and `eval "$(gnome-keyring-daemon --start --components=secrets)"`. ' +
        'Install gnome-keyring if it is missing (`sudo apt install gnome-keyring dbus-user-session`).'
      );
    case 'no-secret-service':
      return (
        'Install and start a Secret Service: gnome-keyring (`sudo apt install gnome-keyring`, then `gnome-keyring-daemon --start --components=secrets`) ' +
        'or KWallet with its Secret Service enabled. In a headless shell or WSL, unlock it with `gnome-keyring-daemon --unlock` (type a password, Ctrl-D).'
      );
    case 'no-keyring':
      return (
        'Create a login keyring: in Passwords and Keys (Seahorse) add a "Password keyring" and set it as default, or in a terminal run ' +
        '`gnome-keyring-daemon --unlock`, type a new password and press Ctrl-D.'
      );
    case 'timeout':
      return 'The keyring daemon may be stuck (this happens after suspend): restart gnome-keyring or KWallet (or log out and in), then try again.';
    case 'platform-error':
      return 'Check that gnome-keyring or KWallet is running and unlocked (`gnome-keyring-daemon --unlock`), then try again.';
  }
}
