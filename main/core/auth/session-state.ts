import type { SessionState } from '../model';
import type { SecretStore } from '../secrets/secret-store';
import { readStoredSession, sessionEndOf, type StoredSession } from './token-record';

/**
 * Where the user stands with an instance, from its stored session alone.
 * `ending-soon` means the Identity Center session (not just the access token) ends within
 * `warningMs`; an access token near expiry with a live refresh token is still `active`.
 */
export function sessionStateOf(instanceId: string, stored: StoredSession | undefined, now: number, warningMs: number): SessionState {
  if (!stored) return { instanceId, status: 'signed-out' };
  if (stored.kind === 'ended') {
    return {
      instanceId,
      status: 'expired',
      message: stored.reason === 'revoked' ? 'Your session was ended (signed out elsewhere or revoked). Sign in again.' : 'Your session has ended. Sign in again.',
    };
  }
  const endsAt = sessionEndOf(stored);
  if (endsAt <= now) return { instanceId, status: 'expired', expiresAt: endsAt, message: 'Your session has ended. Sign in again.' };
  return { instanceId, status: endsAt - now <= warningMs ? 'ending-soon' : 'active', expiresAt: endsAt };
}

/**
 * True when the keychain holds an access token for the instance with at least `minRemainingMs`
 * left. Cheap: one keychain read, and it loads no AWS SDK module, so the CLI's hot path can
 * decide whether it needs the network at all.
 */
export async function hasUsableAccessToken(store: SecretStore, instanceId: string, now: number, minRemainingMs = 0): Promise<boolean> {
  const stored = await readStoredSession(store, instanceId);
  return stored?.kind === 'token' && stored.expiresAt - now > minRemainingMs;
}
