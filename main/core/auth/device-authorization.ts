import { sleep, type Clock } from '../clock';
import type { Logger } from '../logger';
import type { IdentityCenterInstance, SignInEvent } from '../model';
import type { ClientRegistrationRecord } from './client-registration';
import { DEVICE_CODE_GRANT, oidcErrorName, type IssuedTokens, type OidcApi } from './oidc-api';
import { SignInCancelledError, SignInDeniedError, SignInExpiredError } from './sign-in-errors';

export interface DeviceAuthorizationContext {
  instance: IdentityCenterInstance;
  oidc: OidcApi;
  registration: ClientRegistrationRecord;
  clock: Clock;
  logger: Logger;
  emit: (event: SignInEvent) => void;
  /** Opens the verification page; absent when the user asked for no browser. */
  openUrl?: (url: string) => Promise<void>;
  signal: AbortSignal;
}

/** What SlowDown adds to the polling interval (RFC 8628 §3.5). */
const SLOW_DOWN_STEP_MS = 5_000;

/**
 * The OAuth device authorization grant: show a code and a URL, then poll CreateToken at the
 * interval Identity Center asked for (plus 5 s at every slow_down) until the user approves,
 * denies, the code expires or the caller cancels. Time is the injected clock's.
 */
export async function runDeviceAuthorization(ctx: DeviceAuthorizationContext): Promise<IssuedTokens> {
  const { instance, oidc, registration, clock, signal } = ctx;
  const credentials = { clientId: registration.clientId, clientSecret: registration.clientSecret };
  const started = await cancellable(instance.id, signal, () => oidc.startDeviceAuthorization({ ...credentials, startUrl: instance.startUrl }, signal));
  const expiresAt = clock.now() + started.expiresInSeconds * 1000;
  ctx.emit({
    type: 'authorization',
    instanceId: instance.id,
    userCode: started.userCode,
    verificationUri: started.verificationUri,
    verificationUriComplete: started.verificationUriComplete,
    expiresAt,
  });
  if (ctx.openUrl) {
    try {
      await ctx.openUrl(started.verificationUriComplete);
      ctx.emit({ type: 'browser-opened', instanceId: instance.id, url: started.verificationUriComplete });
    } catch (error) {
      // The code and URL are already shown; the user can open the page by hand.
      ctx.logger.warn('could not open the browser', { instanceId: instance.id, errorCode: error instanceof Error ? error.name : 'unknown' });
    }
  }
  ctx.emit({ type: 'waiting', instanceId: instance.id });
  let intervalMs = started.intervalSeconds * 1000;
  for (;;) {
    await cancellable(instance.id, signal, () => sleep(clock, intervalMs, signal));
    if (clock.now() >= expiresAt) throw new SignInExpiredError(instance.id);
    try {
      return await cancellable(instance.id, signal, () => oidc.createToken({ ...credentials, grantType: DEVICE_CODE_GRANT, deviceCode: started.deviceCode }, signal));
    } catch (error) {
      switch (oidcErrorName(error)) {
        case 'AuthorizationPendingException':
          continue;
        case 'SlowDownException':
          intervalMs += SLOW_DOWN_STEP_MS;
          ctx.logger.info('identity center asked to poll more slowly', { instanceId: instance.id, intervalMs });
          continue;
        case 'ExpiredTokenException':
          throw new SignInExpiredError(instance.id);
        case 'AccessDeniedException':
          throw new SignInDeniedError(instance.id);
        default:
          throw error;
      }
    }
  }
}

/** Runs `step`, turning an abort of `signal` into SignInCancelledError. */
export async function cancellable<T>(instanceId: string, signal: AbortSignal, step: () => Promise<T>): Promise<T> {
  if (signal.aborted) throw new SignInCancelledError(instanceId);
  try {
    return await step();
  } catch (error) {
    if (signal.aborted) throw new SignInCancelledError(instanceId);
    throw error;
  }
}
