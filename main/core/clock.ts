/** A cancellable timer returned by a Clock. */
export interface ClockTimer {
  cancel(): void;
}

/**
 * Time as Rolecall sees it. Everything that reads the time or waits takes a Clock, so tests
 * can move hours forward in milliseconds.
 */
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
  /** Runs `callback` once after `ms` milliseconds of this clock's time. */
  setTimer(callback: () => void, ms: number): ClockTimer;
}

/**
 * A length of time in ms: fixed, or read afresh each time it is needed (a user setting that
 * may change while the services run, so the change applies without a restart).
 */
export type Duration = number | (() => number);

/** The current value of a Duration. */
export function durationMs(duration: Duration): number {
  return typeof duration === 'function' ? duration() : duration;
}

/** Resolves after `ms` of the clock's time; rejects with the signal's reason if aborted first. */
export function sleep(clock: Clock, ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = () => {
      timer.cancel();
      reject(signal?.reason);
    };
    const timer = clock.setTimer(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** The real clock. */
export const systemClock: Clock = {
  now: () => Date.now(),
  setTimer(callback, ms) {
    const handle = setTimeout(callback, Math.max(0, ms));
    return { cancel: () => clearTimeout(handle) };
  },
};
