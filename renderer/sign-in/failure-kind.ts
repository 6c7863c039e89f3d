import type { IpcError } from '../../main/ipc/contract';

/** How a sign-in ended badly, as the window explains it. */
export type SignInFailureKind = 'denied' | 'expired' | 'offline' | 'cancelled' | 'other';

// Codes of the core's sign-in errors (main/core/auth/sign-in-errors.ts). Matched by code,
// never by message; test/renderer checks they are the codes the core throws.
export const SIGN_IN_FAILURE_CODES: Record<Exclude<SignInFailureKind, 'other'>, readonly string[]> = {
  denied: ['sign-in-denied'],
  expired: ['sign-in-expired', 'sign-in-timeout'],
  offline: ['identity-center-unreachable'],
  cancelled: ['sign-in-cancelled'],
};

/** Sorts a failed sign-in into the states the window has a screen for. */
export function signInFailureKind(error: Pick<IpcError, 'code'>, online: boolean = true): SignInFailureKind {
  for (const [kind, codes] of Object.entries(SIGN_IN_FAILURE_CODES) as [Exclude<SignInFailureKind, 'other'>, readonly string[]][]) {
    if (codes.includes(error.code)) return kind;
  }
  return online ? 'other' : 'offline';
}
