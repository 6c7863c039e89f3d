import { SessionEndedError } from '../auth/access-token-source';
import { durationMs, type Clock, type ClockTimer, type Duration } from '../clock';
import { isRolecallError } from '../errors';
import { silentLogger, type Logger } from '../logger';
import type { IdentityCenterInstance, RoleCredentials } from '../model';

/** When an instance's sign-in runs out. */
export interface SessionLifetimes {
  /** Epoch ms when the current access token expires. */
  accessTokenExpiresAt: number;
  /** Epoch ms when the Identity Center session ends (refresh stops working), when known. */
  sessionExpiresAt?: number;
}

/** What the scheduler needs from sign-in: when tokens end, and a way to refresh them. */
export interface SessionTokenSource {
  /** The instance's current lifetimes, or null when it is signed out. */
  lifetimes(instanceId: string): Promise<SessionLifetimes | null>;
  /** Refreshes the access token now; throws SessionEndedError when only a new sign-in helps. */
  refreshToken(instanceId: string): Promise<SessionLifetimes>;
}

/** What the scheduler needs from the role credentials service. */
export interface RoleCredentialsSource {
  get(instance: IdentityCenterInstance, accountId: string, roleName: string, options: { minRemainingMs: number }): Promise<RoleCredentials>;
}

export type RefreshEvent =
  | { type: 'token-refreshed'; instanceId: string; accessTokenExpiresAt: number }
  | { type: 'credentials-refreshed'; instanceId: string; accountId: string; roleName: string; expiration: number }
  | { type: 'session-ending-soon'; instanceId: string; sessionExpiresAt: number }
  | { type: 'session-ended'; instanceId: string }
  | { type: 'refresh-failed'; instanceId: string; accountId?: string; roleName?: string; error: { code: string; message: string }; retryAt: number | null };

export interface RefreshSchedulerOptions {
  clock: Clock;
  tokens: SessionTokenSource;
  credentials: RoleCredentialsSource;
  // The three lengths below are read each time a moment is planned, so a getter follows the
  // user's settings; after a change, `replan()` moves the moments already planned.
  /** Refresh the access token this long before it expires. Default 15 min. */
  tokenLeadMs?: Duration;
  /** Refresh a role's credentials this long before they expire. Default 15 min. */
  credentialsLeadMs?: Duration;
  /** Say "session ending soon" this long before the session ends. Default 10 min. */
  sessionWarningMs?: Duration;
  /** After a failed refresh (network, outage) try again after this long, doubling up to 5 min. Default 30 s. */
  retryDelayMs?: number;
  logger?: Logger;
}

interface WatchedRole {
  accountId: string;
  roleName: string;
  timer: ClockTimer | undefined;
  failures: number;
  /** The credentials last fetched: when they arrived and when they expire (epoch ms). */
  held: { receivedAt: number; expiration: number } | undefined;
}

interface WatchedInstance {
  instance: IdentityCenterInstance;
  timers: ClockTimer[];
  roles: Map<string, WatchedRole>;
  warnedFor: number | undefined;
  tokenFailures: number;
  ended: boolean;
}

const MAX_RETRY_MS = 5 * 60_000;
/** Never refresh the same thing more often than this, whatever lifetimes the service gives. */
const MIN_INTERVAL_MS = 30_000;

/**
 * Keeps sign-ins and the credentials of roles in use fresh ahead of expiry, on an injected
 * clock: the access token is refreshed `tokenLeadMs` before it expires, each role in use
 * `credentialsLeadMs` before its credentials do; "session ending soon" is announced
 * `sessionWarningMs` before the session ends and "session ended" when it does (or when a
 * refresh is refused). `stop()` cancels every timer and waits for work under way.
 */
export class RefreshScheduler {
  private readonly clock: Clock;
  private readonly logger: Logger;
  private readonly tokenLead: Duration;
  private readonly credentialsLead: Duration;
  private readonly sessionWarning: Duration;
  private readonly retryDelayMs: number;
  private readonly instances = new Map<string, WatchedInstance>();
  private readonly listeners = new Set<(event: RefreshEvent) => void>();
  private readonly work = new Set<Promise<void>>();
  private stopped = false;

  constructor(private readonly options: RefreshSchedulerOptions) {
    this.clock = options.clock;
    this.logger = options.logger ?? silentLogger;
    this.tokenLead = options.tokenLeadMs ?? 15 * 60_000;
    this.credentialsLead = options.credentialsLeadMs ?? 15 * 60_000;
    this.sessionWarning = options.sessionWarningMs ?? 10 * 60_000;
    this.retryDelayMs = options.retryDelayMs ?? 30_000;
  }

  /** Subscribes to events; returns the unsubscribe function. */
  on(listener: (event: RefreshEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Starts (or restarts, e.g. after a new sign-in) keeping the instance's token fresh. */
  watch(instance: IdentityCenterInstance): Promise<void> {
    if (this.stopped) return Promise.resolve();
    let watched = this.instances.get(instance.id);
    if (watched) {
      // Same record, so the roles' timers (which hold it) stay valid.
      for (const timer of watched.timers) timer.cancel();
      Object.assign(watched, { instance, timers: [], ended: false, tokenFailures: 0 });
    } else {
      watched = { instance, timers: [], roles: new Map(), warnedFor: undefined, tokenFailures: 0, ended: false };
      this.instances.set(instance.id, watched);
    }
    return this.track(this.scheduleSession(watched));
  }

  /** Keeps a role's credentials fresh from now on (watching its instance too). */
  async useRole(instance: IdentityCenterInstance, accountId: string, roleName: string): Promise<void> {
    if (this.stopped) return;
    if (!this.instances.has(instance.id)) await this.watch(instance);
    const watched = this.instances.get(instance.id);
    const key = `${accountId}\n${roleName}`;
    if (!watched || watched.ended || watched.roles.has(key)) return;
    const role: WatchedRole = { accountId, roleName, timer: undefined, failures: 0, held: undefined };
    watched.roles.set(key, role);
    await this.track(this.refreshRole(watched, role, durationMs(this.credentialsLead)));
  }

  /**
   * The leads or the warning changed (a user setting): plans every watched session's moments
   * and every role's next refresh again with the new lengths. A moment that is now past runs
   * at once (a role's refresh within half a minute). Retries after a failure keep their own time.
   */
  replan(): void {
    for (const watched of this.instances.values()) {
      if (!this.isCurrent(watched)) continue;
      void this.track(this.scheduleSession(watched));
      for (const role of watched.roles.values()) if (role.failures === 0 && role.held !== undefined) this.planRole(watched, role);
    }
  }

  /** Stops refreshing a role's credentials. */
  releaseRole(instanceId: string, accountId: string, roleName: string): void {
    const watched = this.instances.get(instanceId);
    const key = `${accountId}\n${roleName}`;
    watched?.roles.get(key)?.timer?.cancel();
    watched?.roles.delete(key);
  }

  /** Stops everything for an instance (signed out, removed). */
  unwatch(instanceId: string): void {
    const watched = this.instances.get(instanceId);
    if (!watched) return;
    this.cancelAll(watched);
    this.instances.delete(instanceId);
  }

  /** Resolves once no refresh is under way (timers may still be waiting). */
  async settled(): Promise<void> {
    while (this.work.size > 0) await Promise.allSettled([...this.work]);
  }

  /** Cancels every timer and waits for refreshes under way; nothing runs afterwards. */
  async stop(): Promise<void> {
    this.stopped = true;
    for (const watched of this.instances.values()) this.cancelAll(watched);
    this.instances.clear();
    await this.settled();
  }

  private async scheduleSession(watched: WatchedInstance): Promise<void> {
    const lifetimes = await this.options.tokens.lifetimes(watched.instance.id);
    if (!this.isCurrent(watched)) return;
    if (!lifetimes) {
      // Signed out: nothing to keep fresh, and no session to announce the end of.
      this.end(watched, false);
      return;
    }
    this.planSession(watched, lifetimes);
  }

  private planSession(watched: WatchedInstance, lifetimes: SessionLifetimes, justRefreshed = false): void {
    for (const timer of watched.timers) timer.cancel();
    watched.timers = [];
    const now = this.clock.now();
    const { accessTokenExpiresAt, sessionExpiresAt } = lifetimes;
    if (sessionExpiresAt !== undefined) {
      if (sessionExpiresAt <= now) {
        this.end(watched);
        return;
      }
      if (watched.warnedFor !== sessionExpiresAt) {
        const warnAt = sessionExpiresAt - durationMs(this.sessionWarning);
        const warn = () => {
          watched.warnedFor = sessionExpiresAt;
          this.emit({ type: 'session-ending-soon', instanceId: watched.instance.id, sessionExpiresAt });
        };
        if (warnAt <= now) warn();
        else watched.timers.push(this.clock.setTimer(() => void this.track(this.scheduleSession(watched)), warnAt - now));
      }
      // At both moments the lifetimes are read again: another process may have refreshed,
      // or the session's end may be known better by then.
      watched.timers.push(this.clock.setTimer(() => void this.track(this.scheduleSession(watched)), sessionExpiresAt - now));
    }
    // Even a token that reaches the (estimated) session end is refreshed ahead: the estimate
    // may be short, and only the refresh tells.
    let refreshAt = Math.max(now, accessTokenExpiresAt - durationMs(this.tokenLead));
    if (justRefreshed && refreshAt < now + MIN_INTERVAL_MS) {
      // The refresh did not push the expiry past the lead (a network failure the token
      // source rode out, or a session that caps the token): try again when half the time
      // left has passed, and at the latest when the token runs out, which tells whether the
      // session is over. A handful of calls, never a loop.
      refreshAt = Math.max(now + MIN_INTERVAL_MS, now + (accessTokenExpiresAt - now) / 2);
      if (refreshAt > accessTokenExpiresAt) refreshAt = Math.max(now + MIN_INTERVAL_MS, accessTokenExpiresAt);
    }
    watched.timers.push(this.clock.setTimer(() => void this.track(this.refreshToken(watched)), refreshAt - now));
  }

  private async refreshToken(watched: WatchedInstance): Promise<void> {
    if (!this.isCurrent(watched)) return;
    const instanceId = watched.instance.id;
    let lifetimes: SessionLifetimes;
    try {
      lifetimes = await this.options.tokens.refreshToken(instanceId);
    } catch (error) {
      if (!this.isCurrent(watched)) return;
      if (error instanceof SessionEndedError) {
        this.end(watched);
        return;
      }
      watched.tokenFailures += 1;
      const retryAt = this.clock.now() + this.backoff(watched.tokenFailures);
      this.reportFailure({ instanceId, error, retryAt });
      watched.timers.push(this.clock.setTimer(() => void this.track(this.refreshToken(watched)), retryAt - this.clock.now()));
      return;
    }
    if (!this.isCurrent(watched)) return;
    watched.tokenFailures = 0;
    this.emit({ type: 'token-refreshed', instanceId, accessTokenExpiresAt: lifetimes.accessTokenExpiresAt });
    this.planSession(watched, lifetimes, true);
  }

  private async refreshRole(watched: WatchedInstance, role: WatchedRole, minRemainingMs: number): Promise<void> {
    const key = `${role.accountId}\n${role.roleName}`;
    const stillWanted = () => this.isCurrent(watched) && watched.roles.get(key) === role;
    if (!stillWanted()) return;
    const instanceId = watched.instance.id;
    let credentials: RoleCredentials;
    try {
      credentials = await this.options.credentials.get(watched.instance, role.accountId, role.roleName, { minRemainingMs });
    } catch (error) {
      if (!stillWanted()) return;
      if (error instanceof SessionEndedError) {
        this.end(watched);
        return;
      }
      if (isRolecallError(error, 'role-not-assigned', 'invalid-input')) {
        this.reportFailure({ instanceId, accountId: role.accountId, roleName: role.roleName, error, retryAt: null });
        watched.roles.delete(key);
        return;
      }
      role.failures += 1;
      const retryAt = this.clock.now() + this.backoff(role.failures);
      this.reportFailure({ instanceId, accountId: role.accountId, roleName: role.roleName, error, retryAt });
      role.timer?.cancel();
      role.timer = this.clock.setTimer(() => void this.track(this.refreshRole(watched, role, minRemainingMs)), retryAt - this.clock.now());
      return;
    }
    if (!stillWanted()) return;
    role.failures = 0;
    role.held = { receivedAt: this.clock.now(), expiration: credentials.expiration };
    this.emit({ type: 'credentials-refreshed', instanceId, accountId: role.accountId, roleName: role.roleName, expiration: credentials.expiration });
    this.planRole(watched, role);
  }

  /** Plans the next refresh of a role's held credentials, replacing any planned before. */
  private planRole(watched: WatchedInstance, role: WatchedRole): void {
    if (role.held === undefined) return;
    role.timer?.cancel();
    const { receivedAt, expiration } = role.held;
    // Short-lived credentials are refreshed at half their life rather than never being "fresh".
    const now = this.clock.now();
    const lead = Math.min(durationMs(this.credentialsLead), (expiration - receivedAt) / 2);
    const refreshAt = Math.max(now + MIN_INTERVAL_MS, expiration - lead);
    // At the refresh, whatever is cached has about `lead` left: ask for more, so it is replaced.
    const nextMinRemaining = expiration - refreshAt + 1000;
    role.timer = this.clock.setTimer(() => void this.track(this.refreshRole(watched, role, nextMinRemaining)), refreshAt - now);
  }

  private end(watched: WatchedInstance, announce = true): void {
    if (watched.ended) return;
    watched.ended = true;
    this.cancelAll(watched);
    watched.roles.clear();
    if (announce) this.emit({ type: 'session-ended', instanceId: watched.instance.id });
  }

  private cancelAll(watched: WatchedInstance): void {
    for (const timer of watched.timers) timer.cancel();
    watched.timers = [];
    for (const role of watched.roles.values()) role.timer?.cancel();
  }

  private isCurrent(watched: WatchedInstance): boolean {
    return !this.stopped && !watched.ended && this.instances.get(watched.instance.id) === watched;
  }

  private backoff(failures: number): number {
    return Math.min(MAX_RETRY_MS, this.retryDelayMs * 2 ** (failures - 1));
  }

  private reportFailure(failure: { instanceId: string; accountId?: string; roleName?: string; error: unknown; retryAt: number | null }): void {
    const { error, ...where } = failure;
    const shown = isRolecallError(error) ? { code: error.code, message: error.message } : { code: 'refresh-failed', message: 'A refresh failed unexpectedly.' };
    this.logger.warn('refresh failed', { instanceId: where.instanceId, accountId: where.accountId, roleName: where.roleName, errorCode: shown.code });
    this.emit({ type: 'refresh-failed', ...where, error: shown });
  }

  private emit(event: RefreshEvent): void {
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch (error) {
        this.logger.error('refresh listener failed', { error: error instanceof Error ? error.name : 'unknown' });
      }
    }
  }

  private track(promise: Promise<void>): Promise<void> {
    const tracked = promise.catch((error: unknown) => {
      this.logger.error('refresh crashed', { errorCode: isRolecallError(error) ? error.code : 'unknown' });
    });
    this.work.add(tracked);
    void tracked.finally(() => this.work.delete(tracked));
    return tracked;
  }
}
