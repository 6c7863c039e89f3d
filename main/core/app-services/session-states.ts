/**
 * Where the user stands with each instance, kept in memory so a snapshot never waits for the
 * keychain. Each state is read from the stored session when it may have changed (start, a
 * sign-in, a refresh, a sign-out, the scheduler saying a session ended), and moves on its own
 * at the two moments the clock alone decides: when the session enters its last
 * `warningMs` ("ending soon") and when it ends.
 */
import { sessionStateOf } from '../auth/session-state';
import type { StoredSession } from '../auth/token-record';
import type { Clock, ClockTimer } from '../clock';
import { isRolecallError } from '../errors';
import { silentLogger, type Logger } from '../logger';
import type { SessionState } from '../model';

/** What the states are read from: the TokenService. */
export interface StoredSessions {
  load(instanceId: string): Promise<StoredSession | undefined>;
}

export interface SessionStatesOptions {
  sessions: StoredSessions;
  clock: Clock;
  /** "Ending soon" this long before the session ends (the user's setting, read each time). */
  warningMs: () => number;
  /** Called whenever a state may have changed. */
  onChange: (instanceId: string) => void;
  logger?: Logger;
}

interface Tracked {
  /** The state read from the stored session, without the warning applied. */
  base: SessionState;
  signingIn: boolean;
  timers: ClockTimer[];
  /** Increases with every read, so a slow read never overwrites a newer one. */
  generation: number;
}

export class SessionStates {
  private readonly tracked = new Map<string, Tracked>();
  private readonly logger: Logger;
  private stopped = false;

  constructor(private readonly options: SessionStatesOptions) {
    this.logger = options.logger ?? silentLogger;
  }

  /** The instance's state now; `signed-out` for one never read. */
  get(instanceId: string): SessionState {
    const entry = this.tracked.get(instanceId);
    if (!entry) return { instanceId, status: 'signed-out' };
    if (entry.signingIn) return { instanceId, status: 'signing-in' };
    return this.withWarning(entry.base);
  }

  /** Reads the stored session again (one keychain read) and plans the moments it changes by itself. */
  async load(instanceId: string): Promise<void> {
    const entry = this.entry(instanceId);
    const generation = ++entry.generation;
    let base: SessionState;
    try {
      // Warning 0: the base says only active, expired or signed out; the warning is applied on read.
      base = sessionStateOf(instanceId, await this.options.sessions.load(instanceId), this.options.clock.now(), 0);
    } catch (error) {
      const message = isRolecallError(error) ? error.message : 'Rolecall could not read this sign-in from the keychain.';
      this.logger.warn('session state unreadable', { instanceId, errorCode: isRolecallError(error) ? error.code : 'unknown' });
      base = { instanceId, status: 'error', message };
    }
    if (this.stopped || this.tracked.get(instanceId) !== entry || entry.generation !== generation) return;
    entry.base = base;
    this.plan(instanceId, entry);
    this.options.onChange(instanceId);
  }

  /** Marks the instance as signing in (shown instead of its stored state) or not. */
  setSigningIn(instanceId: string, signingIn: boolean): void {
    const entry = this.entry(instanceId);
    if (entry.signingIn === signingIn) return;
    entry.signingIn = signingIn;
    this.options.onChange(instanceId);
  }

  /** The warning time changed: plan every session's "ending soon" moment again. */
  replanAll(): void {
    for (const [instanceId, entry] of this.tracked) {
      this.plan(instanceId, entry);
      this.options.onChange(instanceId);
    }
  }

  /** Stops tracking a removed instance. */
  forget(instanceId: string): void {
    const entry = this.tracked.get(instanceId);
    if (!entry) return;
    for (const timer of entry.timers) timer.cancel();
    this.tracked.delete(instanceId);
  }

  stop(): void {
    this.stopped = true;
    for (const entry of this.tracked.values()) for (const timer of entry.timers) timer.cancel();
  }

  private entry(instanceId: string): Tracked {
    let entry = this.tracked.get(instanceId);
    if (!entry) {
      entry = { base: { instanceId, status: 'signed-out' }, signingIn: false, timers: [], generation: 0 };
      this.tracked.set(instanceId, entry);
    }
    return entry;
  }

  private withWarning(base: SessionState): SessionState {
    if (base.status !== 'active' || base.expiresAt === undefined) return base;
    const now = this.options.clock.now();
    if (base.expiresAt > now && base.expiresAt - now <= this.options.warningMs()) return { ...base, status: 'ending-soon' };
    // Past its end the state is read again (see plan); until then it is still the last one read.
    return base;
  }

  private plan(instanceId: string, entry: Tracked): void {
    for (const timer of entry.timers) timer.cancel();
    entry.timers = [];
    const { status, expiresAt } = entry.base;
    if (this.stopped || status !== 'active' || expiresAt === undefined) return;
    const now = this.options.clock.now();
    const warnAt = expiresAt - this.options.warningMs();
    if (warnAt > now) entry.timers.push(this.options.clock.setTimer(() => this.options.onChange(instanceId), warnAt - now));
    // At the end, the keychain says what happened: a refresh may have moved the end, or it is over.
    entry.timers.push(
      this.options.clock.setTimer(() => {
        this.load(instanceId).catch((error: unknown) => this.logger.error('session state reload failed', { instanceId, errorCode: isRolecallError(error) ? error.code : 'unknown' }));
      }, expiresAt - now),
    );
  }
}
