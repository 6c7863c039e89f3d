import { createHash, randomBytes } from 'node:crypto';
import type { Clock } from '../clock';
import type { Logger } from '../logger';
import type { IdentityCenterInstance, SignInEvent } from '../model';
import type { ClientRegistrations } from './client-registration';
import { cancellable } from './device-authorization';
import { LoopbackCallback } from './loopback-callback';
import { ACCOUNT_ACCESS_SCOPE, oidcOrigin, type IssuedTokens, type OidcApi } from './oidc-api';
import { IdentityCenterError, SignInCancelledError, SignInDeniedError, SignInTimeoutError } from './sign-in-errors';

export interface PkceAuthorizationContext {
  instance: IdentityCenterInstance;
  oidc: OidcApi;
  registrations: ClientRegistrations;
  clock: Clock;
  logger: Logger;
  emit: (event: SignInEvent) => void;
  openUrl?: (url: string) => Promise<void>;
  signal: AbortSignal;
  /** How long the browser has to come back. Default 10 minutes. */
  timeLimitMs?: number;
}

/** A PKCE verifier and its S256 challenge (RFC 7636). */
export function pkcePair(): { verifier: string; challenge: string } {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

/**
 * The authorization code grant with PKCE: open the authorize page, receive the code on a
 * one-shot loopback server, exchange it with the verifier. The registration's redirect URI
 * holds a port; the same port is used again when free, so the registration can be reused.
 */
export async function runPkceAuthorization(ctx: PkceAuthorizationContext): Promise<IssuedTokens> {
  const { instance, oidc, registrations, clock, signal } = ctx;
  const { verifier, challenge } = pkcePair();
  const state = randomBytes(16).toString('hex');
  const stored = await registrations.stored(instance.id, 'pkce');
  const preferredPort = registrations.reusable(stored, instance) ? portOf(stored.redirectUri) : 0;
  const callback = (preferredPort ? await LoopbackCallback.listen(preferredPort, state) : undefined) ?? (await LoopbackCallback.listen(0, state));
  if (!callback) throw new Error('no free loopback port');
  try {
    const registration = await cancellable(instance.id, signal, () => registrations.ensure(instance, 'pkce', oidc, { redirectUri: callback.redirectUri, signal }));
    const query = new URLSearchParams({
      response_type: 'code',
      client_id: registration.clientId,
      redirect_uri: callback.redirectUri,
      state,
      code_challenge_method: 'S256',
      code_challenge: challenge,
      scopes: ACCOUNT_ACCESS_SCOPE,
    });
    const authorizeUrl = `${oidcOrigin(instance)}/authorize?${query.toString()}`;
    const timeLimitMs = ctx.timeLimitMs ?? 10 * 60_000;
    // The auth code flow has no code for the user to compare: the event carries only the URL.
    ctx.emit({ type: 'authorization', instanceId: instance.id, userCode: '', verificationUri: authorizeUrl, verificationUriComplete: authorizeUrl, expiresAt: clock.now() + timeLimitMs });
    if (ctx.openUrl) {
      try {
        await ctx.openUrl(authorizeUrl);
        ctx.emit({ type: 'browser-opened', instanceId: instance.id, url: authorizeUrl });
      } catch (error) {
        ctx.logger.warn('could not open the browser', { instanceId: instance.id, errorCode: error instanceof Error ? error.name : 'unknown' });
      }
    }
    ctx.emit({ type: 'waiting', instanceId: instance.id });
    const result = await waitForCallback(callback, clock, timeLimitMs, signal, instance.id);
    if (result.kind === 'error') {
      if (result.error === 'access_denied') throw new SignInDeniedError(instance.id);
      throw new IdentityCenterError('the sign-in', result.error);
    }
    return await cancellable(instance.id, signal, () =>
      oidc.createToken(
        {
          clientId: registration.clientId,
          clientSecret: registration.clientSecret,
          grantType: 'authorization_code',
          code: result.code,
          codeVerifier: verifier,
          redirectUri: callback.redirectUri,
        },
        signal,
      ),
    );
  } finally {
    await callback.close();
  }
}

function waitForCallback(callback: LoopbackCallback, clock: Clock, timeLimitMs: number, signal: AbortSignal, instanceId: string) {
  return new Promise<Awaited<ReturnType<LoopbackCallback['wait']>>>((resolve, reject) => {
    const timer = clock.setTimer(() => finish(() => reject(new SignInTimeoutError(instanceId, timeLimitMs / 1000))), timeLimitMs);
    const onAbort = () => finish(() => reject(new SignInCancelledError(instanceId)));
    const finish = (then: () => void) => {
      timer.cancel();
      signal.removeEventListener('abort', onAbort);
      then();
    };
    if (signal.aborted) {
      onAbort();
      return;
    }
    signal.addEventListener('abort', onAbort, { once: true });
    void callback.wait().then((result) => finish(() => resolve(result)));
  });
}

function portOf(redirectUri: string | undefined): number {
  if (!redirectUri) return 0;
  const port = Number(new URL(redirectUri).port);
  return Number.isInteger(port) && port > 0 ? port : 0;
}
