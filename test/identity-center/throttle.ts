/** A token bucket in real time: `rate` tokens a second, holding at most one second's worth. */
class TokenBucket {
  private tokens: number;
  private last: number;

  constructor(private readonly rate: number, now: number) {
    this.tokens = Math.max(1, rate);
    this.last = now;
  }

  take(now: number): boolean {
    const capacity = Math.max(1, this.rate);
    this.tokens = Math.min(capacity, this.tokens + ((now - this.last) / 1000) * this.rate);
    this.last = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}

/** One bucket per operation, as the real service limits each API separately. */
export class OperationThrottle {
  private rate: number | null = null;
  private readonly buckets = new Map<string, TokenBucket>();

  constructor(private readonly now: () => number = () => performance.now()) {}

  /** Requests per second per operation; null turns throttling off. */
  setRate(rate: number | null): void {
    if (rate !== null && (!Number.isFinite(rate) || rate <= 0)) throw new RangeError(`throttle must be a positive number of requests per second, got ${rate}`);
    this.rate = rate;
    this.buckets.clear();
  }

  /** True when the request may proceed. */
  admit(operation: string): boolean {
    if (this.rate === null) return true;
    let bucket = this.buckets.get(operation);
    if (!bucket) {
      bucket = new TokenBucket(this.rate, this.now());
      this.buckets.set(operation, bucket);
    }
    return bucket.take(this.now());
  }
}
