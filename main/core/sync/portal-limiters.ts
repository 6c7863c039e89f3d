import { AdaptiveLimiter, type AdaptiveLimiterOptions } from './adaptive-limiter';
import type { PortalOperation } from './portal-errors';

/**
 * One AdaptiveLimiter per instance and portal operation, kept for the life of the process:
 * the portal limits each API on its own, and what one sync learned about the limit gives the
 * next sync (or credential fetch) a head start.
 */
export class PortalLimiters {
  private readonly limiters = new Map<string, AdaptiveLimiter>();

  constructor(private readonly options: AdaptiveLimiterOptions = {}) {}

  for(instanceId: string, operation: PortalOperation): AdaptiveLimiter {
    const key = `${instanceId}\n${operation}`;
    let limiter = this.limiters.get(key);
    if (!limiter) {
      limiter = new AdaptiveLimiter(this.options);
      this.limiters.set(key, limiter);
    }
    return limiter;
  }
}
