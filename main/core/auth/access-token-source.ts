import { RolecallError } from '../errors';

/**
 * How sync and credential code get a bearer token for the portal API without knowing how
 * sign-in and refresh work.
 */
export interface AccessTokenSource {
  /**
   * A valid access token for the instance, refreshed first with the refresh token when it is
   * close to expiry. Throws SessionEndedError when only a new sign-in can help.
   */
  getAccessToken(instanceId: string): Promise<string>;
  /**
   * The portal refused `rejectedToken` (UnauthorizedException): refresh now (once, shared by
   * every caller that saw the same token) and return the new token, or throw SessionEndedError.
   */
  refreshAfterUnauthorized(instanceId: string, rejectedToken: string): Promise<string>;
}

/** The Identity Center session for an instance is over (or never began): the user must sign in. */
export class SessionEndedError extends RolecallError {
  readonly instanceId: string;

  constructor(instanceId: string, reason: 'never-signed-in' | 'expired' | 'revoked', options: { cause?: unknown } = {}) {
    const what =
      reason === 'never-signed-in'
        ? `You have not signed in to Identity Center instance "${instanceId}" yet.`
        : `Your Identity Center session for "${instanceId}" has ended.`;
    super(reason === 'never-signed-in' ? 'not-signed-in' : 'session-ended', what, {
      hint: `Run \`rolecall login ${instanceId}\` (or sign in from the Rolecall window).`,
      ...options,
    });
    this.instanceId = instanceId;
  }
}
