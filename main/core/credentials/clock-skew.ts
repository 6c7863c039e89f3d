import { RolecallError } from '../errors';
import type { RoleCredentials } from '../model';

/**
 * Identity Center hands out role credentials for at most 12 hours (the longest permission set
 * session). Credentials that, by this computer's clock, live much longer than that were dated
 * by a server whose clock is far ahead of ours: handing them out would keep them in use long
 * after they really expired.
 */
const LONGEST_SESSION_MS = 12 * 3600_000;
const TOLERANCE_MS = 15 * 60_000;
/** The shortest session a permission set can give. */
const SHORTEST_SESSION_MS = 3600_000;

/** This computer's clock disagrees with Identity Center's. */
export class ClockSkewError extends RolecallError {
  /**
   * `behind`: by about `ms`. `ahead`: by at least `ms` (all that credentials which arrive
   * already expired can tell).
   */
  constructor(direction: 'behind' | 'ahead', ms: number) {
    const minutes = Math.max(1, Math.round(ms / 60_000));
    super(
      'clock-skew',
      direction === 'behind'
        ? `This computer's clock is about ${minutes} minutes behind Identity Center's.`
        : `This computer's clock is at least ${minutes} minutes ahead of Identity Center's: the role credentials it just issued have already expired by this clock.`,
      { hint: 'Turn on automatic time (NTP) in your system settings, then try again. `rolecall doctor` measures the difference.' },
    );
  }
}

/** Throws ClockSkewError when `credentials` outlive any session Identity Center gives by our clock. */
export function checkCredentialClock(credentials: RoleCredentials, now: number): void {
  const life = credentials.expiration - now;
  if (life > LONGEST_SESSION_MS + TOLERANCE_MS) throw new ClockSkewError('behind', life - LONGEST_SESSION_MS);
}

/**
 * Throws ClockSkewError when credentials Identity Center has just issued have already expired
 * by our clock: they live an hour at least, so our clock runs ahead by that hour and however
 * long ago they expired.
 */
export function checkIssuedCredentialClock(credentials: RoleCredentials, now: number): void {
  if (credentials.expiration <= now) throw new ClockSkewError('ahead', now - credentials.expiration + SHORTEST_SESSION_MS);
}
