/**
 * Whether a non-interactive caller (credential_process run by the AWS CLI, an SDK or Terraform)
 * may start a sign-in that needs a person. It may only when someone can see a browser open on
 * this machine; otherwise it fails at once with "run `rolecall login <instance>`" and starts
 * no device authorization at all.
 */
export interface SignInPolicy {
  allowed: boolean;
  /** Why not, in words, for the error hint and `doctor`. */
  reason?: string;
}

const TRUE_ENV = (value: string | undefined): boolean => value !== undefined && value !== '' && value !== '0' && value.toLowerCase() !== 'false';

/**
 * The rules, in order: `ROLECALL_NO_BROWSER` or `CI` set → no; a remote shell (SSH) without a
 * forwarded display → no; Linux and other Unixes need DISPLAY or WAYLAND_DISPLAY; macOS and
 * Windows always have a display in a local session.
 */
export function signInPolicy(env: NodeJS.ProcessEnv, platform: NodeJS.Platform): SignInPolicy {
  if (TRUE_ENV(env.ROLECALL_NO_BROWSER)) return { allowed: false, reason: 'ROLECALL_NO_BROWSER is set' };
  if (TRUE_ENV(env.CI)) return { allowed: false, reason: 'running under CI' };
  const hasX11OrWayland = (env.DISPLAY ?? '') !== '' || (env.WAYLAND_DISPLAY ?? '') !== '';
  const remote = (env.SSH_CONNECTION ?? '') !== '' || (env.SSH_TTY ?? '') !== '';
  if (platform === 'darwin' || platform === 'win32') {
    return remote ? { allowed: false, reason: 'this is a remote (SSH) session' } : { allowed: true };
  }
  return hasX11OrWayland ? { allowed: true } : { allowed: false, reason: 'no display (DISPLAY and WAYLAND_DISPLAY are unset)' };
}

/** What a waiting caller is told when the broker starts a sign-in (`instanceId`: whose, when known). */
export function waitingForSignInLine(instanceId: string | undefined): string {
  const whose = instanceId === undefined ? 'Identity Center session' : `session for "${instanceId}"`;
  return `rolecall: your ${whose} ended; waiting for you to sign in again…\n`;
}
