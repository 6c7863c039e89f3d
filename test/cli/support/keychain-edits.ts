/**
 * Changes a sandbox's keychain items the way time would: an access token that has expired, a
 * role credential that is gone. The CLI runs on the real clock, so tests move its view of the
 * session by editing what it stored rather than by waiting.
 */
import { readStoredSession, writeStoredSession } from '../../../main/core/auth/token-record';
import { deleteAllCachedCredentials } from '../../../main/core/credentials/credential-cache';
import { KeychainSecretStore } from '../../../main/core/secrets/keychain-store';
import type { Sandbox } from './cli-harness';

export function sandboxKeychain(sandbox: Sandbox): KeychainSecretStore {
  return new KeychainSecretStore({ env: sandbox.env });
}

/** Marks the stored access token as expired a second ago (its refresh token stays). */
export async function expireAccessToken(sandbox: Sandbox, instanceId: string): Promise<void> {
  const store = sandboxKeychain(sandbox);
  const stored = await readStoredSession(store, instanceId);
  if (stored?.kind !== 'token') throw new Error(`no stored token for ${instanceId}`);
  await writeStoredSession(store, instanceId, { ...stored, expiresAt: Date.now() - 1000 });
}

/** Forgets every cached role credential of the instance (a cold cache). */
export async function dropCachedCredentials(sandbox: Sandbox, instanceId: string): Promise<number> {
  return deleteAllCachedCredentials(sandboxKeychain(sandbox), instanceId);
}

/**
 * Ends the sandbox's Identity Center session on the server, as signing out in another browser
 * would: its refresh token stops working. The stored access token is marked expired too, so
 * the CLI's next call must refresh, and learns the session is over.
 */
export async function endSessionOnServer(sandbox: Sandbox, instanceId: string, endpoint: string, region: string): Promise<void> {
  const { LogoutCommand, SSOClient } = await import('@aws-sdk/client-sso');
  const stored = await readStoredSession(sandboxKeychain(sandbox), instanceId);
  if (stored?.kind !== 'token') throw new Error(`no stored token for ${instanceId}`);
  const sso = new SSOClient({ region, endpoint, maxAttempts: 1 });
  try {
    await sso.send(new LogoutCommand({ accessToken: stored.accessToken }));
  } finally {
    sso.destroy();
  }
  await expireAccessToken(sandbox, instanceId);
}
