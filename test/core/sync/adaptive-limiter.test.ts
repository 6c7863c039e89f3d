import { describe, expect, it } from 'vitest';
import { AdaptiveLimiter } from '../../../main/core/sync/adaptive-limiter';
import { FakeClock } from '../../support/fake-clock';
import { seededRandom as seeded } from '../../support/seeded-random';

class TooManyRequestsException extends Error {
  override name = 'TooManyRequestsException';
}

/**
 * A service on the fake clock: answers after `latencyMs`, admits calls through a token bucket
 * (`ratePerSecond`, `burst`) and throttles the rest, like the portal does. Records every attempt.
 */
class SimulatedService {
  readonly attempts: { at: number; id: number; throttled: boolean }[] = [];
  inFlight = 0;
  maxInFlight = 0;
  private tokens: number;
  private refilledAt: number;

  constructor(
    private readonly clock: FakeClock,
    private readonly options: { ratePerSecond?: number; burst?: number; latencyMs?: number; throttle?: (id: number, attempt: number) => boolean },
  ) {
    this.tokens = options.burst ?? 0;
    this.refilledAt = clock.now();
  }

  call(id: number): Promise<number> {
    const now = this.clock.now();
    const attempt = this.attempts.filter((a) => a.id === id).length;
    let throttled = this.options.throttle?.(id, attempt) ?? false;
    if (!throttled && this.options.ratePerSecond !== undefined) {
      const burst = this.options.burst ?? 1;
      this.tokens = Math.min(burst, this.tokens + ((now - this.refilledAt) * this.options.ratePerSecond) / 1000);
      this.refilledAt = now;
      if (this.tokens >= 1) this.tokens -= 1;
      else throttled = true;
    }
    this.attempts.push({ at: now, id, throttled });
    this.inFlight += 1;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    return new Promise((resolve, reject) => {
      this.clock.setTimer(() => {
        this.inFlight -= 1;
        if (throttled) reject(new TooManyRequestsException('Rate exceeded'));
        else resolve(id);
      }, this.options.latencyMs ?? 30);
    });
  }
}

/** Moves the fake clock in small steps until every promise has settled; returns the time it took. */
async function runUntilSettled(clock: FakeClock, promises: Promise<unknown>[], limitMs = 120_000): Promise<number> {
  const start = clock.now();
  let pending = promises.length;
  for (const p of promises) p.then(() => (pending -= 1), () => (pending -= 1));
  while (pending > 0) {
    if (clock.now() - start > limitMs) throw new Error(`still ${pending} calls pending after ${limitMs} ms`);
    await clock.advance(5);
  }
  return clock.now() - start;
}

describe('AdaptiveLimiter', () => {
  it('grows its rate while calls succeed', async () => {
    const clock = new FakeClock();
    const service = new SimulatedService(clock, { latencyMs: 30 });
    const limiter = new AdaptiveLimiter({ clock, initialRate: 10, maxConcurrency: 64, random: seeded(1) });
    const start = clock.now();
    const calls = Array.from({ length: 300 }, (_, i) => limiter.run(() => service.call(i)));
    await runUntilSettled(clock, calls);

    const sentIn = (from: number, to: number) => service.attempts.filter((a) => a.at - start >= from && a.at - start < to).length;
    // The first half second runs near the initial 10 calls/s; later the pace is many times that.
    expect(sentIn(0, 500)).toBeLessThan(15);
    const last = service.attempts.at(-1)!.at - start;
    expect(sentIn(last - 200, last + 1)).toBeGreaterThan(3 * sentIn(0, 200));
    expect(limiter.stats()).toMatchObject({ calls: 300, succeeded: 300, throttled: 0, failed: 0, inFlight: 0, queued: 0 });
    expect(limiter.stats().rate).toBeGreaterThan(100);
  });

  it('finds a throttled service’s limit and works just under it, losing no call', async () => {
    const clock = new FakeClock();
    const service = new SimulatedService(clock, { ratePerSecond: 50, burst: 10, latencyMs: 30 });
    const limiter = new AdaptiveLimiter({ clock, random: seeded(7) });
    const calls = Array.from({ length: 1000 }, (_, i) => limiter.run(() => service.call(i)));
    const took = await runUntilSettled(clock, calls);

    const results = await Promise.all(calls);
    expect(results).toEqual(Array.from({ length: 1000 }, (_, i) => i));
    const stats = limiter.stats();
    expect(stats.failed).toBe(0);
    expect(stats.succeeded).toBe(1000);
    // The floor the service imposes is (1000 - burst) / 50 per s = 19.8 s.
    expect(took).toBeLessThan(19_800 * 1.15);
    // Throttles stay rare: the limiter sits under the limit instead of hammering it.
    expect(stats.throttled).toBeLessThan(60);
    expect(stats.calls).toBe(1000 + stats.retried);
  });

  it('answers a burst of throttles for calls already on the wire with one decrease', async () => {
    const clock = new FakeClock();
    // The first five calls are refused; all ten are on the wire before the first answer.
    const service = new SimulatedService(clock, { latencyMs: 30, throttle: (id, attempt) => id < 5 && attempt === 0 });
    const limiter = new AdaptiveLimiter({ clock, initialRate: 1000, maxConcurrency: 64, random: seeded(3) });
    const calls = Array.from({ length: 10 }, (_, i) => limiter.run(() => service.call(i)));
    for (let i = 0; i < 9; i += 1) await clock.advance(5);
    expect(limiter.stats().throttled).toBe(5);
    // One decrease (to 900 calls/s), not five (which would be about 590).
    expect(limiter.stats().rate).toBeGreaterThan(850);
    expect(limiter.stats().rate).toBeLessThan(1000);
    await runUntilSettled(clock, calls);
    expect(limiter.stats()).toMatchObject({ succeeded: 10, failed: 0, retried: 5 });
  });

  it('backs off a throttled call with a growing, jittered delay before sending it again', async () => {
    const clock = new FakeClock();
    // Every call is throttled on its first three attempts.
    const service = new SimulatedService(clock, { latencyMs: 10, throttle: (_id, attempt) => attempt < 3 });
    const limiter = new AdaptiveLimiter({ clock, initialRate: 1000, maxConcurrency: 64, retryBaseMs: 200, random: seeded(11) });
    const calls = Array.from({ length: 8 }, (_, i) => limiter.run(() => service.call(i)));
    await runUntilSettled(clock, calls);

    const gaps: number[][] = [];
    for (let id = 0; id < 8; id += 1) {
      const times = service.attempts.filter((a) => a.id === id).map((a) => a.at);
      expect(times).toHaveLength(4);
      // Gap between attempts = answer latency (10 ms) + back-off (+ pacing); back-off ceiling doubles.
      gaps.push([times[1]! - times[0]!, times[2]! - times[1]!, times[3]! - times[2]!]);
    }
    for (const [first, second, third] of gaps) {
      expect(first!).toBeGreaterThanOrEqual(10 + 100);
      expect(second!).toBeGreaterThanOrEqual(10 + 200);
      expect(third!).toBeGreaterThanOrEqual(10 + 400);
    }
    // Jitter: the calls throttled together do not come back together.
    expect(new Set(gaps.map((g) => g[0])).size).toBeGreaterThan(4);
    expect(limiter.stats()).toMatchObject({ calls: 32, throttled: 24, retried: 24, failed: 0, succeeded: 8 });
  });

  it('never drops a throttled call before its retries are spent', async () => {
    const clock = new FakeClock();
    const limiter = new AdaptiveLimiter({ clock, maxThrottleRetries: 5, random: seeded(5) });
    // Throttled five times, then admitted: it must succeed.
    const patient = new SimulatedService(clock, { latencyMs: 10, throttle: (_id, attempt) => attempt < 5 });
    const survivor = limiter.run(() => patient.call(1));
    await runUntilSettled(clock, [survivor]);
    await expect(survivor).resolves.toBe(1);
    expect(patient.attempts).toHaveLength(6);

    // Always throttled: it fails with the service's own error after exactly 1 + 5 attempts.
    const hopeless = new SimulatedService(clock, { latencyMs: 10, throttle: () => true });
    const loser = limiter.run(() => hopeless.call(2));
    const outcome = loser.then(() => 'resolved', (error: Error) => error.name);
    await runUntilSettled(clock, [loser]);
    expect(await outcome).toBe('TooManyRequestsException');
    expect(hopeless.attempts).toHaveLength(6);
    expect(limiter.stats()).toMatchObject({ calls: 12, throttled: 11, retried: 10, failed: 1, succeeded: 1 });
  });

  it('keeps no more calls in flight than its cap, however high the rate', async () => {
    const clock = new FakeClock();
    const service = new SimulatedService(clock, { latencyMs: 1000 });
    const limiter = new AdaptiveLimiter({ clock, initialRate: 1000, maxConcurrency: 4 });
    const calls = Array.from({ length: 20 }, (_, i) => limiter.run(() => service.call(i)));
    await runUntilSettled(clock, calls);
    expect(service.maxInFlight).toBe(4);
    expect(await Promise.all(calls)).toHaveLength(20);
  });

  it('fails a call at once on an error that is not a throttle', async () => {
    const clock = new FakeClock();
    const limiter = new AdaptiveLimiter({ clock });
    const denied = limiter.run(async () => {
      throw Object.assign(new Error('No access'), { name: 'ForbiddenException' });
    });
    await expect(denied).rejects.toMatchObject({ name: 'ForbiddenException' });
    expect(limiter.stats()).toMatchObject({ calls: 1, failed: 1, retried: 0 });
  });

  it('drops queued and backing-off calls when aborted and leaves no timer behind', async () => {
    const clock = new FakeClock();
    const limiter = new AdaptiveLimiter({ clock, initialRate: 1, maxConcurrency: 1 });
    const service = new SimulatedService(clock, { latencyMs: 10, throttle: (id) => id === 0 });
    const controller = new AbortController();
    const calls = [0, 1, 2].map((id) => limiter.run(() => service.call(id), { signal: controller.signal }));
    const outcomes = calls.map((p) => p.then(() => 'done', () => 'aborted'));
    await clock.advance(50); // call 0 was sent, throttled, and waits to be retried; 1 and 2 wait their turn
    controller.abort(new Error('sync cancelled'));
    expect(await Promise.all(outcomes)).toEqual(['aborted', 'aborted', 'aborted']);
    expect(service.attempts).toHaveLength(1);
    expect(clock.pendingTimers).toBe(0);
    expect(limiter.stats()).toMatchObject({ inFlight: 0, queued: 0 });
  });
});
