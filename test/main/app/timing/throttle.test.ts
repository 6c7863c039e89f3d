import { describe, expect, it } from 'vitest';
import { createThrottle } from '../../../../main/app/timing/throttle';
import { FakeClock } from '../../../support/fake-clock';

describe('createThrottle', () => {
  it('runs the first value at once and the last of a burst at the end of the interval', async () => {
    const clock = new FakeClock();
    const runs: [number, number][] = [];
    const start = clock.now();
    const throttle = createThrottle<number>(clock, 100, (value) => runs.push([clock.now() - start, value]));
    for (let i = 1; i <= 5; i += 1) throttle.push(i);
    await clock.advance(100);
    throttle.push(6);
    await clock.advance(50);
    await clock.advance(50);
    expect(runs).toEqual([
      [0, 1],
      [100, 5],
      [200, 6],
    ]);
  });

  it('flush runs a pending value now; cancel drops it', async () => {
    const clock = new FakeClock();
    const runs: string[] = [];
    const throttle = createThrottle<string>(clock, 100, (value) => runs.push(value));
    throttle.push('a');
    throttle.push('b');
    throttle.flush();
    throttle.push('c');
    throttle.cancel();
    await clock.advance(1000);
    expect(runs).toEqual(['a', 'b']);
    expect(clock.pendingTimers).toBe(0);
  });
});
