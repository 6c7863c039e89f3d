import { systemClock, type Clock, type ClockTimer } from '../clock';

/** Counts a limiter reports, for logs, the sync summary and the benchmark. */
export interface LimiterStats {
  /** Attempts sent (first tries and retries). */
  calls: number;
  /** Calls that ended well. */
  succeeded: number;
  /** Attempts the service answered with a throttling error. */
  throttled: number;
  /** Throttled attempts sent again. */
  retried: number;
  /** Calls that ended in an error (a non-throttling error, or throttled with every retry spent). */
  failed: number;
  /** Attempts under way now. */
  inFlight: number;
  /** Calls waiting for their turn. */
  queued: number;
  /** The send rate the limiter allows now, in calls per second. */
  rate: number;
}

export interface AdaptiveLimiterOptions {
  /** Time for pacing and back-off. Real time unless a test drives it. */
  clock?: Clock;
  /** Source of jitter in [0, 1). */
  random?: () => number;
  /** No more than this many calls in flight, whatever the rate. Default 16. */
  maxConcurrency?: number;
  /** Calls per second before anything is known about the service. Default 20 (what the portal tolerates in practice). */
  initialRate?: number;
  /** The rate never drops below this. Default 0.5 per second. */
  minRate?: number;
  /** The rate never grows above this. Default 1000 per second. */
  maxRate?: number;
  /** A throttled call is sent again this many times before it fails. Default 10. */
  maxThrottleRetries?: number;
  /** First back-off before a throttled call is sent again; doubles per retry, with jitter. Default 100 ms. */
  retryBaseMs?: number;
  /** Longest back-off. Default 5 s. */
  retryMaxMs?: number;
  /** Which errors mean "slow down". Default: TooManyRequestsException or HTTP 429. */
  isThrottle?: (error: unknown) => boolean;
}

export interface RunOptions {
  /** Drops the call if it has not been sent yet (or is waiting to be retried). */
  signal?: AbortSignal;
}

interface Task {
  call: () => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
  retries: number;
  signal: AbortSignal | undefined;
  onAbort: (() => void) | undefined;
  retryTimer: ClockTimer | undefined;
}

/** Rate growth per success before the first throttle: the rate doubles about every 0.35 s of traffic. */
const PROBE_GAIN = 2;
/** Once the service's limit was met, growth past it per second, as a share of the rate. */
const STEADY_GROWTH_PER_SECOND = 0.04;
/** Below the rate last throttled, the gap closes at this share per second (about 86 % within a second)… */
const RECOVERY_PER_SECOND = 2;
/** …up to this share of it, from where the rate creeps. */
const RECOVERY_TARGET = 0.96;
/** On a throttle the rate drops to this share at least… */
const DECREASE = 0.9;
/** …and at most to this one in one step. */
const DEEPEST_DECREASE = 0.5;
/** Answers since the last drop needed to judge what share of calls the service admits. */
const MIN_ANSWERS_TO_JUDGE = 4;

/**
 * Paces calls to a rate-limited service without knowing its limit: the send rate grows while
 * calls succeed (fast at first, then slowly once a limit was met), and on a throttling error it
 * drops just under what the service let through in the last second, once per burst of
 * throttles. Throttled calls wait a jittered, growing back-off and go to the front of the
 * queue; none fails before its retries are spent. A cap bounds the calls in flight.
 *
 * The rate, not the number of calls in flight, is what is adapted: with fast answers a
 * service's limit falls between one and two calls in flight, and only pacing can sit there.
 */
export class AdaptiveLimiter {
  private readonly clock: Clock;
  private readonly random: () => number;
  private readonly maxConcurrency: number;
  private readonly minRate: number;
  private readonly maxRate: number;
  private readonly maxThrottleRetries: number;
  private readonly retryBaseMs: number;
  private readonly retryMaxMs: number;
  private readonly isThrottle: (error: unknown) => boolean;

  private rate: number;
  private probing = true;
  private nextSendAt = Number.NEGATIVE_INFINITY;
  /** Throttles of calls sent before this moment belong to a burst already answered. */
  private lastDecreaseAt = Number.NEGATIVE_INFINITY;
  private readonly queue: Task[] = [];
  private pacingTimer: ClockTimer | undefined;
  private pacingAt = 0;
  /** The rate at the last throttle: where the service's limit was last met. */
  private lastThrottledRate = 0;
  /** Answers since the last drop: what share the service admitted tells how far over its limit the pace is. */
  private admittedSinceDrop = 0;
  private refusedSinceDrop = 0;
  private counts = { calls: 0, succeeded: 0, throttled: 0, retried: 0, failed: 0, inFlight: 0 };
  private readonly waitingRetries = new Set<Task>();

  constructor(options: AdaptiveLimiterOptions = {}) {
    this.clock = options.clock ?? systemClock;
    this.random = options.random ?? Math.random;
    this.maxConcurrency = positive(options.maxConcurrency ?? 16, 'maxConcurrency');
    this.minRate = positive(options.minRate ?? 0.5, 'minRate');
    this.maxRate = positive(options.maxRate ?? 1000, 'maxRate');
    this.rate = clamp(positive(options.initialRate ?? 20, 'initialRate'), this.minRate, this.maxRate);
    this.maxThrottleRetries = options.maxThrottleRetries ?? 10;
    this.retryBaseMs = options.retryBaseMs ?? 100;
    this.retryMaxMs = options.retryMaxMs ?? 5000;
    this.isThrottle = options.isThrottle ?? isThrottlingError;
  }

  /** Runs `call` when its turn comes; throttled attempts are retried here. */
  run<T>(call: () => Promise<T>, options: RunOptions = {}): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const { signal } = options;
      if (signal?.aborted) {
        reject(signal.reason);
        return;
      }
      const task: Task = {
        call,
        resolve: resolve as (value: unknown) => void,
        reject,
        retries: 0,
        signal,
        onAbort: undefined,
        retryTimer: undefined,
      };
      if (signal) {
        task.onAbort = () => this.abort(task);
        signal.addEventListener('abort', task.onAbort, { once: true });
      }
      this.queue.push(task);
      this.pump();
    });
  }

  stats(): LimiterStats {
    return { ...this.counts, queued: this.queue.length + this.waitingRetries.size, rate: this.rate };
  }

  private pump(): void {
    while (this.queue.length > 0 && this.counts.inFlight < this.maxConcurrency) {
      const now = this.clock.now();
      if (this.nextSendAt > now) {
        this.wakeAt(this.nextSendAt);
        return;
      }
      const task = this.queue.shift() as Task;
      // A timer's lateness (up to one interval) is made up, so timer granularity costs no rate;
      // after a pause the pace starts afresh rather than with a burst.
      const interval = 1000 / this.rate;
      this.nextSendAt = (this.nextSendAt >= now - interval ? this.nextSendAt : now) + interval;
      this.send(task);
    }
  }

  private wakeAt(at: number): void {
    if (this.pacingTimer && this.pacingAt <= at) return;
    this.pacingTimer?.cancel();
    this.pacingAt = at;
    this.pacingTimer = this.clock.setTimer(() => {
      this.pacingTimer = undefined;
      this.pump();
    }, at - this.clock.now());
  }

  private send(task: Task): void {
    const sentAt = this.clock.now();
    const sentRate = this.rate;
    this.counts.calls += 1;
    this.counts.inFlight += 1;
    let attempt: Promise<unknown>;
    try {
      attempt = task.call();
    } catch (error) {
      attempt = Promise.reject(error);
    }
    attempt.then(
      (value) => {
        this.counts.inFlight -= 1;
        this.counts.succeeded += 1;
        this.onSuccess();
        this.settle(task);
        task.resolve(value);
        this.pump();
      },
      (error: unknown) => {
        this.counts.inFlight -= 1;
        if (this.isThrottle(error)) this.onThrottle(task, sentAt, sentRate, error);
        else this.fail(task, error);
        this.pump();
      },
    );
  }

  private onSuccess(): void {
    // Each success adds gain/rate, and about `rate` successes come per second: the rate grows
    // by `gain` per second. Below the last throttled rate it climbs back fast and levels off
    // under it; past it, it creeps, so the limit is found again without a burst of throttles.
    this.admittedSinceDrop += 1;
    let gain: number;
    if (this.probing) gain = PROBE_GAIN * this.rate;
    else {
      const steady = STEADY_GROWTH_PER_SECOND * this.rate;
      gain = Math.max(steady, RECOVERY_PER_SECOND * (RECOVERY_TARGET * this.lastThrottledRate - this.rate));
    }
    this.rate = clamp(this.rate + gain / this.rate, this.minRate, this.maxRate);
  }

  private onThrottle(task: Task, sentAt: number, sentRate: number, error: unknown): void {
    this.counts.throttled += 1;
    const now = this.clock.now();
    this.refusedSinceDrop += 1;
    // One decrease per burst: calls already on the wire when the first throttle came back
    // tell nothing new.
    if (sentAt >= this.lastDecreaseAt) {
      this.lastDecreaseAt = now;
      this.probing = false;
      // The limit was met at the pace this call was sent at; the rate has grown since.
      this.lastThrottledRate = Math.min(this.rate, sentRate);
      // Far over the limit (a service's burst allowance lets a probe overshoot before the
      // first throttle), most calls are refused: the pace drops to the share admitted.
      const answers = this.admittedSinceDrop + this.refusedSinceDrop;
      const admitted = this.admittedSinceDrop / answers;
      const factor = answers >= MIN_ANSWERS_TO_JUDGE ? clamp(admitted, DEEPEST_DECREASE, DECREASE) : DECREASE;
      this.admittedSinceDrop = 0;
      this.refusedSinceDrop = 0;
      this.rate = clamp(factor * this.lastThrottledRate, this.minRate, this.maxRate);
      // A short, jittered pause lets the service's bucket refill a little before the slower pace starts.
      this.nextSendAt = Math.max(this.nextSendAt, now + (1000 / this.rate) * (1 + this.random()));
    }
    if (task.retries >= this.maxThrottleRetries) {
      this.fail(task, error);
      return;
    }
    task.retries += 1;
    this.counts.retried += 1;
    const ceiling = Math.min(this.retryMaxMs, this.retryBaseMs * 2 ** (task.retries - 1));
    // "Equal jitter": at least half the back-off, so a retry never comes straight back.
    const delay = ceiling / 2 + (this.random() * ceiling) / 2;
    this.waitingRetries.add(task);
    task.retryTimer = this.clock.setTimer(() => {
      task.retryTimer = undefined;
      this.waitingRetries.delete(task);
      // Retries go first: they have waited longest.
      this.queue.unshift(task);
      this.pump();
    }, delay);
  }

  private fail(task: Task, error: unknown): void {
    this.counts.failed += 1;
    this.settle(task);
    task.reject(error);
  }

  private abort(task: Task): void {
    const queued = this.queue.indexOf(task);
    if (queued >= 0) this.queue.splice(queued, 1);
    else if (!this.waitingRetries.has(task)) return; // on the wire: its answer settles it
    task.retryTimer?.cancel();
    this.waitingRetries.delete(task);
    task.reject(task.signal?.reason);
    if (this.queue.length === 0 && this.pacingTimer) {
      this.pacingTimer.cancel();
      this.pacingTimer = undefined;
    }
  }

  private settle(task: Task): void {
    if (task.signal && task.onAbort) task.signal.removeEventListener('abort', task.onAbort);
  }
}

/** True for the portal's TooManyRequestsException and any HTTP 429. */
export function isThrottlingError(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { name, $metadata } = error as { name?: unknown; $metadata?: { httpStatusCode?: unknown } };
  return name === 'TooManyRequestsException' || name === 'ThrottlingException' || $metadata?.httpStatusCode === 429;
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}

function positive(value: number, name: string): number {
  if (!(Number.isFinite(value) && value > 0)) throw new RangeError(`${name} must be a positive number, got ${value}`);
  return value;
}
