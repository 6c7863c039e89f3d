import { readSecretRecord, writeSecretRecord } from '../secrets/secret-records';
import type { SecretStore } from '../secrets/secret-store';

/**
 * Names of the keychain items sign-in owns, in the instance's namespace (the namespace is the
 * instance id; other features keep their own keys there too).
 */
export const TOKEN_KEY = 'sso-token';
export const registrationKey = (flow: SignInMethod): string => `oidc-client:${flow}`;

export type SignInMethod = 'device' | 'pkce';

/** The signed-in state of an instance, kept as one keychain item. */
export interface SsoTokenRecord {
  kind: 'token';
  accessToken: string;
  /** Epoch ms. */
  expiresAt: number;
  refreshToken?: string;
  /**
   * When the Identity Center session is expected to end (epoch ms). AWS does not say; this is
   * sign-in time plus the assumed session length, moved earlier when a refresh answers with
   * an access token cut short by the session's end.
   */
  sessionExpiresAt: number;
  /** Which registration issued it: refresh must use the same client. */
  method: SignInMethod;
  clientId: string;
  /** Epoch ms of the sign-in, and of the last refresh. */
  signedInAt: number;
  refreshedAt?: number;
  /** The access token lifetime the sign-in got, to notice a shortened one later. */
  accessTokenLifetimeMs: number;
}

/**
 * When the signed-in session ends: with a refresh token, the Identity Center session's
 * (estimated) end; without one, the access token's expiry, as nothing can renew it.
 */
export function sessionEndOf(record: SsoTokenRecord): number {
  return record.refreshToken ? Math.max(record.sessionExpiresAt, record.expiresAt) : record.expiresAt;
}

/** What is left when the session ended: no secret, just the fact, for the UI. */
export interface SessionEndedRecord {
  kind: 'ended';
  reason: 'expired' | 'revoked';
  endedAt: number;
}

export type StoredSession = SsoTokenRecord | SessionEndedRecord;

/** Checks a keychain value's shape; undefined when it is not a record this version writes. */
export function parseStoredSession(value: unknown): StoredSession | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const v = value as Record<string, unknown>;
  if (v.kind === 'ended') {
    if ((v.reason === 'expired' || v.reason === 'revoked') && typeof v.endedAt === 'number') return { kind: 'ended', reason: v.reason, endedAt: v.endedAt };
    return undefined;
  }
  if (
    v.kind !== 'token' ||
    typeof v.accessToken !== 'string' ||
    v.accessToken === '' ||
    !isTime(v.expiresAt) ||
    !isTime(v.sessionExpiresAt) ||
    (v.method !== 'device' && v.method !== 'pkce') ||
    typeof v.clientId !== 'string' ||
    !isTime(v.signedInAt) ||
    typeof v.accessTokenLifetimeMs !== 'number' ||
    (v.refreshToken !== undefined && typeof v.refreshToken !== 'string') ||
    (v.refreshedAt !== undefined && !isTime(v.refreshedAt))
  ) {
    return undefined;
  }
  return {
    kind: 'token',
    accessToken: v.accessToken,
    expiresAt: v.expiresAt,
    ...(typeof v.refreshToken === 'string' && v.refreshToken !== '' ? { refreshToken: v.refreshToken } : {}),
    sessionExpiresAt: v.sessionExpiresAt,
    method: v.method,
    clientId: v.clientId,
    signedInAt: v.signedInAt,
    ...(v.refreshedAt !== undefined ? { refreshedAt: v.refreshedAt as number } : {}),
    accessTokenLifetimeMs: v.accessTokenLifetimeMs,
  };
}

function isTime(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0;
}

export function readStoredSession(store: SecretStore, instanceId: string): Promise<StoredSession | undefined> {
  return readSecretRecord(store, instanceId, TOKEN_KEY, parseStoredSession);
}

export function writeStoredSession(store: SecretStore, instanceId: string, record: StoredSession): Promise<void> {
  return writeSecretRecord(store, instanceId, TOKEN_KEY, record);
}
