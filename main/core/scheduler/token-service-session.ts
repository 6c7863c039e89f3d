import { sessionEndOf, type SsoTokenRecord } from '../auth/token-record';
import type { TokenService } from '../auth/token-service';
import type { SessionLifetimes, SessionTokenSource } from './refresh-scheduler';

/** The refresh scheduler's view of the TokenService: lifetimes from the stored sign-in, refresh through it. */
export function tokenServiceSession(tokens: TokenService): SessionTokenSource {
  return {
    async lifetimes(instanceId: string): Promise<SessionLifetimes | null> {
      const stored = await tokens.load(instanceId);
      return stored?.kind === 'token' ? lifetimesOf(stored) : null;
    },
    async refreshToken(instanceId: string): Promise<SessionLifetimes> {
      return lifetimesOf(await tokens.refresh(instanceId));
    },
  };
}

function lifetimesOf(record: SsoTokenRecord): SessionLifetimes {
  return { accessTokenExpiresAt: record.expiresAt, sessionExpiresAt: sessionEndOf(record) };
}
