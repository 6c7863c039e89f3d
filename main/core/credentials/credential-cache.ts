// The `credential_process` fast path: a cache hit needs this module and the keychain only. It
// must never import the AWS SDK (directly or through another module).
import type { RoleCredentials } from '../model';
import type { SecretStore } from '../secrets/secret-store';

/** Credentials are handed out only while at least this much of their life is left. */
export const DEFAULT_CREDENTIALS_MARGIN_MS = 5 * 60_000;

/** The keychain namespace holding an instance's role credentials (one item per role). */
export function credentialsNamespace(instanceId: string): string {
  return `${instanceId}/roles`;
}

/** The keychain item name of one role's credentials. */
export function credentialsKey(accountId: string, roleName: string): string {
  return `${accountId}/${roleName}`;
}

/** The credentials cached for a role, whatever their age, or null when none (or unreadable). */
export async function readCachedCredentials(store: SecretStore, instanceId: string, accountId: string, roleName: string): Promise<RoleCredentials | null> {
  const text = await store.get(credentialsNamespace(instanceId), credentialsKey(accountId, roleName));
  return text === null ? null : parseRoleCredentials(text);
}

/**
 * The cached credentials of a role if at least `marginMs` of their life is left at `now`,
 * else null. This is all `credential_process` needs when the cache is warm.
 */
export async function readFreshCredentials(
  store: SecretStore,
  instanceId: string,
  accountId: string,
  roleName: string,
  options: { now: number; marginMs?: number },
): Promise<RoleCredentials | null> {
  const cached = await readCachedCredentials(store, instanceId, accountId, roleName);
  return cached && hasMargin(cached, options.now, options.marginMs ?? DEFAULT_CREDENTIALS_MARGIN_MS) ? cached : null;
}

/** True while at least `marginMs` of the credentials' life is left at `now`. */
export function hasMargin(credentials: RoleCredentials, now: number, marginMs: number): boolean {
  return credentials.expiration - now >= marginMs;
}

export async function writeCachedCredentials(store: SecretStore, instanceId: string, accountId: string, roleName: string, credentials: RoleCredentials): Promise<void> {
  const { accessKeyId, secretAccessKey, sessionToken, expiration } = credentials;
  await store.set(credentialsNamespace(instanceId), credentialsKey(accountId, roleName), JSON.stringify({ accessKeyId, secretAccessKey, sessionToken, expiration }));
}

export async function deleteCachedCredentials(store: SecretStore, instanceId: string, accountId: string, roleName: string): Promise<boolean> {
  return store.delete(credentialsNamespace(instanceId), credentialsKey(accountId, roleName));
}

/** Deletes every role credential of an instance (on sign-out or removal); returns how many. */
export async function deleteAllCachedCredentials(store: SecretStore, instanceId: string): Promise<number> {
  const namespace = credentialsNamespace(instanceId);
  let deleted = 0;
  for (const key of await store.keys(namespace)) if (await store.delete(namespace, key)) deleted += 1;
  return deleted;
}

/** True for a complete set of role keys with a numeric expiration (the keychain item, a broker answer). */
export function isRoleCredentials(value: unknown): value is RoleCredentials {
  if (typeof value !== 'object' || value === null) return false;
  const { accessKeyId, secretAccessKey, sessionToken, expiration } = value as Record<string, unknown>;
  return (
    typeof accessKeyId === 'string' && accessKeyId !== '' &&
    typeof secretAccessKey === 'string' && secretAccessKey !== '' &&
    typeof sessionToken === 'string' && sessionToken !== '' &&
    typeof expiration === 'number' && Number.isFinite(expiration)
  );
}

/** A keychain item as RoleCredentials, or null when it is not one (it is then treated as absent). */
export function parseRoleCredentials(text: string): RoleCredentials | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  return pickRoleCredentials(value);
}

/**
 * A copy of just the four credential fields when `value` holds a complete set, else null:
 * whatever else a keychain item or a broker answer carries is never handed on.
 */
export function pickRoleCredentials(value: unknown): RoleCredentials | null {
  if (!isRoleCredentials(value)) return null;
  const { accessKeyId, secretAccessKey, sessionToken, expiration } = value;
  return { accessKeyId, secretAccessKey, sessionToken, expiration };
}
