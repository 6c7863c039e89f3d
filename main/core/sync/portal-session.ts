import { SessionEndedError, type AccessTokenSource } from '../auth/access-token-source';
import { serviceErrorName } from './portal-errors';

/**
 * The bearer token for a run of portal calls (a sync, a credential fetch). The token is asked
 * for once and shared by every call; when the portal rejects it (UnauthorizedException) it is
 * refreshed once for all the calls that saw it and the call is sent again. A second rejection
 * means only a new sign-in can help: SessionEndedError.
 */
export class PortalSession {
  private token: Promise<string> | undefined;
  private renewal: { rejected: string; fresh: Promise<string> } | undefined;

  constructor(
    private readonly instanceId: string,
    private readonly tokens: AccessTokenSource,
  ) {}

  /** Runs `send` with the current token, refreshing it once if the portal refuses it. */
  async call<T>(send: (accessToken: string) => Promise<T>): Promise<T> {
    const token = await this.currentToken();
    try {
      return await send(token);
    } catch (error) {
      if (serviceErrorName(error) !== 'UnauthorizedException') throw error;
      const fresh = await this.renew(token);
      try {
        return await send(fresh);
      } catch (again) {
        if (serviceErrorName(again) === 'UnauthorizedException') throw new SessionEndedError(this.instanceId, 'expired', { cause: again });
        throw again;
      }
    }
  }

  private currentToken(): Promise<string> {
    if (!this.token) {
      const pending = this.tokens.getAccessToken(this.instanceId);
      this.token = pending;
      // A failed lookup is not remembered: the next call asks again.
      pending.catch(() => {
        if (this.token === pending) this.token = undefined;
      });
    }
    return this.token;
  }

  private renew(rejected: string): Promise<string> {
    if (this.renewal?.rejected === rejected) return this.renewal.fresh;
    const fresh = this.tokens.refreshAfterUnauthorized(this.instanceId, rejected);
    this.renewal = { rejected, fresh };
    this.token = fresh;
    fresh.catch(() => {
      if (this.token === fresh) this.token = undefined;
    });
    return fresh;
  }
}
