import type { TokenService } from '../auth/token-service';
import type { SessionLifetimes, SessionTokenSource } from './refresh-scheduler';

/** The refresh scheduler's view of the TokenService: lifetimes from the stored sign-in, refresh through it. */
export function tokenServiceSession(tokens: TokenService): SessionTokenSource {
  return {
    async lifetimes(instanceId: string): Promise<SessionLifetimes | null> {
      const stored = await tokens.load(instanceId);
      return stored?.kind === 'token' ? { accessTokenExpiresAt: stored.expiresAt, sessionExpiresAt: stored.sessionExpiresAt } : null;
    },
    async refreshToken(instanceId: string): Promise<SessionLifetimes> {
      const record = await tokens.refresh(instanceId);
      return { accessTokenExpiresAt: record.expiresAt, sessionExpiresAt: record.sessionExpiresAt };
    },
  };
}
