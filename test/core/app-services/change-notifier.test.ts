import { describe, expect, it } from 'vitest';
import { createChangeNotifier } from '../../../main/core/app-services/change-notifier';
import { FakeClock } from '../../support/fake-clock';

describe('change notifier', () => {
  it('turns a burst into one notification on the next turn, then at most one per interval', async () => {
    const clock = new FakeClock();
    const published: number[] = [];
    const notifier = createChangeNotifier(clock, 100, () => published.push(clock.now()));
    const start = clock.now();
    for (let i = 0; i < 5000; i += 1) notifier.request();
    expect(published).toEqual([]);
    await clock.advance(0);
    expect(published).toEqual([start]);

    for (let i = 0; i < 5000; i += 1) {
      notifier.request();
      if (i % 100 === 0) await clock.advance(1);
    }
    await clock.advance(200);
    // 50 ms of requests after the first: one more notification, 100 ms after the first.
    expect(published).toEqual([start, start + 100]);

    await clock.advance(1000);
    notifier.request();
    await clock.advance(0);
    expect(published).toHaveLength(3);
  });

  it('publishes nothing after cancel', async () => {
    const clock = new FakeClock();
    let count = 0;
    const notifier = createChangeNotifier(clock, 100, () => (count += 1));
    notifier.request();
    notifier.cancel();
    await clock.advance(500);
    expect(count).toBe(0);
  });
});
