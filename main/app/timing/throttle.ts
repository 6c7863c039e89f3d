import type { Clock, ClockTimer } from '../../core/clock';

export interface Throttle<T> {
  /** Hands in the newest value; `run` sees it now or at the end of the current interval. */
  push(value: T): void;
  /** Runs a pending value now. */
  flush(): void;
  /** Drops a pending value and stops the timer. */
  cancel(): void;
}

/**
 * Runs `run` with the newest pushed value at most once per `intervalMs`: the first push runs
 * at once, pushes during the interval collapse into one run at its end (with the last value).
 * Time comes from the injected clock, so tests drive it with a fake one.
 */
export function createThrottle<T>(clock: Clock, intervalMs: number, run: (value: T) => void): Throttle<T> {
  let lastRun = Number.NEGATIVE_INFINITY;
  let pending: { value: T } | undefined;
  let timer: ClockTimer | undefined;

  const fire = () => {
    timer = undefined;
    if (pending === undefined) return;
    const { value } = pending;
    pending = undefined;
    lastRun = clock.now();
    run(value);
  };

  return {
    push(value) {
      pending = { value };
      if (timer !== undefined) return;
      const wait = lastRun + intervalMs - clock.now();
      if (wait <= 0) fire();
      else timer = clock.setTimer(fire, wait);
    },
    flush() {
      timer?.cancel();
      fire();
    },
    cancel() {
      timer?.cancel();
      timer = undefined;
      pending = undefined;
    },
  };
}
