import { join } from 'node:path';
import { durationMs, type Clock, type Duration } from '../clock';
import { withFileLock } from '../fs/file-lock';
import { silentLogger, type Logger } from '../logger';
import type { IdentityCenterInstance, SessionState } from '../model';
import type { SecretStore } from '../secrets/secret-store';
import { SessionEndedError, type AccessTokenSource } from './access-token-source';
import { ClientRegistrations } from './client-registration';
import { loadOidcApi, oidcErrorName, oidcOrigin, type IssuedTokens, type OidcApi } from './oidc-api';
import { sessionStateOf } from './session-state';
import { IdentityCenterError, IdentityCenterUnreachableError } from './sign-in-errors';
import { readStoredSession, TOKEN_KEY, writeStoredSession, type SignInMethod, type SsoTokenRecord, type StoredSession } from './token-record';

/** Looks an instance up by id (the InstanceRegistry in production). */
export interface InstanceLookup {
  get(instanceId: string): Promise<IdentityCenterInstance>;
}

export interface TokenServiceOptions {
  instances: InstanceLookup;
  secrets: SecretStore;
  clock: Clock;
  /** Where the cross-process refresh locks live (the app data folder). */
  appDataDir: string;
  /**
   * Refresh when less than this is left of the access token (a getter follows the user's
   * setting). Capped at half the token's lifetime, so a lead as long as the token never means
   * a refresh on every call. Default 15 minutes.
   */
  refreshLeadMs?: Duration;
  /** `ending-soon` when less than this is left of the session (a getter follows the user's setting). Default 10 minutes. */
  sessionWarningMs?: Duration;
  /** Assumed Identity Center session length (AWS does not say). Default 8 hours, AWS's default. */
  sessionLengthMs?: number;
  logger?: Logger;
  registrations?: ClientRegistrations;
  /** The OIDC API for an instance; default the AWS SDK, loaded on first refresh. */
  oidc?: (instance: IdentityCenterInstance) => Promise<OidcApi>;
}

/** A change in an instance's session, for the UI and the refresh scheduler. */
export type SessionListener = (state: SessionState) => void;

/**
 * Hands out access tokens: the stored one while more than the refresh lead remains, else a
 * refreshed one. A refresh is single-flight inside the process and across processes (a lock
 * file, then a second look at the keychain, where another process may have refreshed
 * already). When only a new sign-in can help, the instance is marked as ended and
 * SessionEndedError is thrown; its registration and every other instance are untouched.
 */
export class TokenService implements AccessTokenSource {
  readonly sessionLengthMs: number;
  readonly registrations: ClientRegistrations;
  private readonly logger: Logger;
  private readonly cache = new Map<string, SsoTokenRecord>();
  private readonly flights = new Map<string, Promise<SsoTokenRecord>>();
  private readonly listeners = new Set<SessionListener>();
  private readonly refreshLead: Duration;
  private readonly sessionWarning: Duration;

  constructor(private readonly options: TokenServiceOptions) {
    this.refreshLead = options.refreshLeadMs ?? 15 * 60_000;
    this.sessionWarning = options.sessionWarningMs ?? 10 * 60_000;
    this.sessionLengthMs = options.sessionLengthMs ?? 8 * 3600_000;
    this.logger = options.logger ?? silentLogger;
    this.registrations = options.registrations ?? new ClientRegistrations({ secrets: options.secrets, clock: options.clock, logger: this.logger });
  }

  /** The refresh lead now (the setting may have changed since the last call). */
  get refreshLeadMs(): number {
    return durationMs(this.refreshLead);
  }

  /** The "ending soon" warning now. */
  get sessionWarningMs(): number {
    return durationMs(this.sessionWarning);
  }

  async getAccessToken(instanceId: string): Promise<string> {
    const now = this.options.clock.now();
    const cached = this.cache.get(instanceId);
    if (cached && this.outsideLead(cached, now)) return cached.accessToken;
    const stored = await this.load(instanceId);
    if (stored?.kind === 'token' && this.outsideLead(stored, now)) return stored.accessToken;
    return (await this.refresh(instanceId)).accessToken;
  }

  async refreshAfterUnauthorized(instanceId: string, rejectedToken: string): Promise<string> {
    const cached = this.cache.get(instanceId);
    // Someone already replaced the token the portal refused.
    if (cached && cached.accessToken !== rejectedToken && cached.expiresAt > this.options.clock.now()) return cached.accessToken;
    return (await this.refresh(instanceId, rejectedToken)).accessToken;
  }

  /**
   * Refreshes now (the scheduler calls this ahead of expiry; `rejectedToken` forces a refresh
   * even when the stored token looks fresh). Concurrent callers share one refresh.
   */
  refresh(instanceId: string, rejectedToken?: string): Promise<SsoTokenRecord> {
    const key = `${instanceId}\n${rejectedToken ?? ''}`;
    let flight = this.flights.get(key);
    if (!flight) {
      flight = this.refreshUnderLock(instanceId, rejectedToken).finally(() => this.flights.delete(key));
      this.flights.set(key, flight);
    }
    return flight;
  }

  /** Stores the tokens of a finished sign-in. */
  async storeSignIn(instanceId: string, method: SignInMethod, clientId: string, tokens: IssuedTokens): Promise<SsoTokenRecord> {
    const now = this.options.clock.now();
    const lifetimeMs = tokens.expiresInSeconds * 1000;
    const record: SsoTokenRecord = {
      kind: 'token',
      accessToken: tokens.accessToken,
      expiresAt: now + lifetimeMs,
      ...(tokens.refreshToken ? { refreshToken: tokens.refreshToken } : {}),
      sessionExpiresAt: tokens.refreshToken ? Math.max(now + this.sessionLengthMs, now + lifetimeMs) : now + lifetimeMs,
      method,
      clientId,
      signedInAt: now,
      accessTokenLifetimeMs: lifetimeMs,
    };
    await this.save(instanceId, record);
    return record;
  }

  /** The stored session (keychain, or this process's copy of it). */
  async load(instanceId: string): Promise<StoredSession | undefined> {
    const stored = await readStoredSession(this.options.secrets, instanceId);
    if (stored?.kind === 'token') this.cache.set(instanceId, stored);
    else this.cache.delete(instanceId);
    return stored;
  }

  /** Where the user stands with the instance (reads the keychain). */
  async sessionState(instanceId: string): Promise<SessionState> {
    return sessionStateOf(instanceId, await this.load(instanceId), this.options.clock.now(), this.sessionWarningMs);
  }

  /** Deletes the stored tokens (sign-out); the client registration stays. */
  async forget(instanceId: string): Promise<void> {
    this.cache.delete(instanceId);
    await this.options.secrets.delete(instanceId, TOKEN_KEY);
    this.notify(sessionStateOf(instanceId, undefined, this.options.clock.now(), this.sessionWarningMs));
  }

  /** Drops this process's copy (after the instance was removed). */
  dropCached(instanceId: string): void {
    this.cache.delete(instanceId);
  }

  onSessionChange(listener: SessionListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** True while more than the refresh lead is left of the token (the lead capped at half its lifetime). */
  private outsideLead(record: SsoTokenRecord, now: number): boolean {
    return record.expiresAt - now > Math.min(this.refreshLeadMs, record.accessTokenLifetimeMs / 2);
  }

  private async save(instanceId: string, record: StoredSession): Promise<void> {
    await writeStoredSession(this.options.secrets, instanceId, record);
    if (record.kind === 'token') this.cache.set(instanceId, record);
    else this.cache.delete(instanceId);
    this.notify(sessionStateOf(instanceId, record, this.options.clock.now(), this.sessionWarningMs));
  }

  private notify(state: SessionState): void {
    for (const listener of this.listeners) {
      try {
        listener(state);
      } catch (error) {
        this.logger.error('session listener failed', { instanceId: state.instanceId, errorCode: error instanceof Error ? error.name : 'unknown' });
      }
    }
  }

  private refreshUnderLock(instanceId: string, rejectedToken: string | undefined): Promise<SsoTokenRecord> {
    const lock = join(this.options.appDataDir, 'locks', `token-${instanceId}.lock`);
    return withFileLock(lock, () => this.refreshLocked(instanceId, rejectedToken), { timeoutMs: 60_000 });
  }

  private async refreshLocked(instanceId: string, rejectedToken: string | undefined): Promise<SsoTokenRecord> {
    const now = this.options.clock.now();
    // Another process may have refreshed (or signed out) while this one waited for the lock.
    const stored = await this.load(instanceId);
    if (!stored) throw new SessionEndedError(instanceId, 'never-signed-in');
    if (stored.kind === 'ended') throw new SessionEndedError(instanceId, stored.reason);
    const fresh = rejectedToken === undefined ? this.outsideLead(stored, now) : stored.accessToken !== rejectedToken && stored.expiresAt > now;
    if (fresh) return stored;
    const ending: 'expired' | 'revoked' = rejectedToken === undefined ? 'expired' : 'revoked';
    const registration = await this.registrations.stored(instanceId, stored.method);
    if (!stored.refreshToken || !registration || registration.clientId !== stored.clientId) {
      if (rejectedToken === undefined && stored.expiresAt > now) return stored;
      return this.end(instanceId, ending);
    }
    const instance = await this.options.instances.get(instanceId);
    let tokens: IssuedTokens;
    try {
      const oidc = await (this.options.oidc ?? loadOidcApi)(instance);
      tokens = await oidc.createToken({
        clientId: registration.clientId,
        clientSecret: registration.clientSecret,
        grantType: 'refresh_token',
        refreshToken: stored.refreshToken,
      });
    } catch (error) {
      const name = oidcErrorName(error);
      if (name === 'InvalidGrantException' || name === 'ExpiredTokenException' || name === 'AccessDeniedException') {
        this.logger.warn('refresh token refused: sign-in needed', { instanceId, errorCode: name });
        return this.end(instanceId, ending, error);
      }
      if (name === 'InvalidClientException' || name === 'UnauthorizedClientException') {
        // The registration is gone; its refresh token with it. The next sign-in registers anew.
        this.logger.warn('client registration refused: sign-in needed', { instanceId, errorCode: name });
        await this.registrations.discard(instanceId, stored.method);
        return this.end(instanceId, ending, error);
      }
      // A network or service hiccup: the current token serves until it really expires.
      if (rejectedToken === undefined && stored.expiresAt > now) {
        this.logger.warn('refresh failed, keeping the current token', { instanceId, errorCode: name ?? 'unknown' });
        return stored;
      }
      throw name === 'network' ? new IdentityCenterUnreachableError(new URL(oidcOrigin(instance)).host, 'network error', { cause: error }) : new IdentityCenterError('to refresh the session', name ?? 'unknown error', { cause: error });
    }
    const refreshed = this.options.clock.now();
    const expiresAt = refreshed + tokens.expiresInSeconds * 1000;
    // An access token shorter than the first one is cut off by the session's end.
    const cutShort = tokens.expiresInSeconds * 1000 < stored.accessTokenLifetimeMs * 0.9;
    const record: SsoTokenRecord = {
      ...stored,
      accessToken: tokens.accessToken,
      expiresAt,
      refreshToken: tokens.refreshToken ?? stored.refreshToken,
      sessionExpiresAt: cutShort ? expiresAt : Math.max(stored.sessionExpiresAt, expiresAt),
      refreshedAt: refreshed,
    };
    await this.save(instanceId, record);
    this.logger.info('refreshed access token', { instanceId, expiresAt: new Date(expiresAt).toISOString(), rotated: tokens.refreshToken !== undefined });
    return record;
  }

  private async end(instanceId: string, reason: 'expired' | 'revoked', cause?: unknown): Promise<never> {
    await this.save(instanceId, { kind: 'ended', reason, endedAt: this.options.clock.now() });
    throw new SessionEndedError(instanceId, reason, cause === undefined ? {} : { cause });
  }
}
