import type { Clock, ClockTimer } from '../clock';

/** Asks for "tell listeners the state changed"; many requests become one notification. */
export interface ChangeNotifier {
  /** Something changed: listeners hear of it soon, together with whatever else changes meanwhile. */
  request(): void;
  /** Stops a pending notification. */
  cancel(): void;
}

/**
 * Coalesces change requests: the first one is published on the next timer turn (so a burst
 * made in one go is one notification), later ones at most once per `intervalMs`. A sync of a
 * thousand accounts thus costs a handful of snapshots a second, not a thousand.
 */
export function createChangeNotifier(clock: Clock, intervalMs: number, publish: () => void): ChangeNotifier {
  let lastPublished = Number.NEGATIVE_INFINITY;
  let timer: ClockTimer | undefined;
  const fire = () => {
    timer = undefined;
    lastPublished = clock.now();
    publish();
  };
  return {
    request() {
      if (timer !== undefined) return;
      timer = clock.setTimer(fire, Math.max(0, lastPublished + intervalMs - clock.now()));
    },
    cancel() {
      timer?.cancel();
      timer = undefined;
    },
  };
}
