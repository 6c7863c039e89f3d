import type { Clock } from '../../main/core/clock';

/** A Clock that can also be moved forward, like test/support/fake-clock's FakeClock. */
interface AdvanceableClock extends Clock {
  advance(ms: number): Promise<void>;
}

function isAdvanceable(clock: Clock): clock is AdvanceableClock {
  return typeof (clock as Partial<AdvanceableClock>).advance === 'function';
}

/**
 * The emulator's sense of time: the given clock plus an offset. With a clock that can advance
 * (FakeClock) moving time advances that clock, so the code under test and the emulator agree;
 * with any other clock (the system clock) the emulator keeps its own offset.
 */
export class EmulatorClock {
  private offsetMs = 0;

  constructor(private readonly base: Clock) {}

  now(): number {
    return this.base.now() + this.offsetMs;
  }

  /** Moves time forward; resolves once a FakeClock's due timers have fired. */
  advance(seconds: number): Promise<void> {
    if (!Number.isFinite(seconds) || seconds < 0) throw new RangeError(`advanceSeconds must be a non-negative number, got ${seconds}`);
    const ms = Math.round(seconds * 1000);
    if (isAdvanceable(this.base)) return this.base.advance(ms);
    this.offsetMs += ms;
    return Promise.resolve();
  }
}
