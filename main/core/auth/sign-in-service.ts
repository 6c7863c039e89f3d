import { join } from 'node:path';
import type { Clock } from '../clock';
import { isRolecallError } from '../errors';
import { acquireFileLock } from '../fs/file-lock';
import { silentLogger, type Logger } from '../logger';
import type { IdentityCenterInstance, SessionState, SignInEvent } from '../model';
import { runDeviceAuthorization } from './device-authorization';
import { loadOidcApi, oidcErrorName, oidcOrigin, type IssuedTokens, type OidcApi } from './oidc-api';
import { runPkceAuthorization } from './pkce-authorization';
import { IdentityCenterError, IdentityCenterUnreachableError, SignInCancelledError } from './sign-in-errors';
import { sessionEndOf, type SignInMethod, type SsoTokenRecord } from './token-record';
import type { InstanceLookup, TokenService } from './token-service';

export interface SignInServiceOptions {
  instances: InstanceLookup;
  tokens: TokenService;
  clock: Clock;
  /** Where the cross-process sign-in locks live (the app data folder). */
  appDataDir: string;
  /** Opens a URL in the user's browser; rejects when it cannot. */
  openUrl: (url: string) => Promise<void>;
  logger?: Logger;
  oidc?: (instance: IdentityCenterInstance) => Promise<OidcApi>;
  /** Time the browser has to come back in the auth code flow. Default 10 minutes. */
  pkceTimeLimitMs?: number;
  /** Longest wait for another process's sign-in to finish. Default 15 minutes. */
  lockWaitMs?: number;
}

export interface SignInRequest {
  /** Default `device`. */
  method?: SignInMethod;
  /** Print the URL instead of opening a browser. */
  noBrowser?: boolean;
  /** Progress; a caller that joins a sign-in in flight first gets the events so far. */
  onEvent?: (event: SignInEvent) => void;
  /** Stops waiting; the sign-in itself stops once every caller waiting for it has aborted. */
  signal?: AbortSignal;
}

interface Flight {
  events: SignInEvent[];
  listeners: Set<(event: SignInEvent) => void>;
  controller: AbortController;
  waiting: number;
  done: Promise<SsoTokenRecord>;
}

/**
 * Signs in to Identity Center instances. One sign-in per instance at a time: inside the
 * process a second request joins the one in flight (same events, same result); across
 * processes a lock file in the app data folder makes a second CLI wait, then look at the
 * keychain, where it usually finds the first one's tokens.
 */
export class SignInService {
  private readonly flights = new Map<string, Flight>();
  private readonly logger: Logger;

  constructor(private readonly options: SignInServiceOptions) {
    this.logger = options.logger ?? silentLogger;
  }

  /** Signs in (or joins the sign-in in flight) and resolves with the new session's end. */
  async signIn(instanceId: string, request: SignInRequest = {}): Promise<{ expiresAt: number }> {
    let flight = this.flights.get(instanceId);
    if (!flight) flight = this.start(instanceId, request);
    const listener = request.onEvent;
    if (listener) {
      for (const event of flight.events) listener(event);
      flight.listeners.add(listener);
    }
    const current = flight;
    current.waiting += 1;
    let left = false;
    const leave = () => {
      if (left) return;
      left = true;
      current.waiting -= 1;
      if (listener) current.listeners.delete(listener);
    };
    const { signal } = request;
    let onAbort: (() => void) | undefined;
    const aborted = new Promise<never>((_, reject) => {
      if (!signal) return;
      onAbort = () => {
        leave();
        // The last caller still waiting gave up: stop polling and close the loopback server.
        if (current.waiting === 0) current.controller.abort();
        reject(new SignInCancelledError(instanceId));
      };
      if (signal.aborted) onAbort();
      else signal.addEventListener('abort', onAbort, { once: true });
    });
    aborted.catch(() => undefined);
    try {
      const record = await Promise.race([current.done, aborted]);
      return { expiresAt: sessionEndOf(record) };
    } finally {
      if (onAbort) signal?.removeEventListener('abort', onAbort);
      leave();
    }
  }

  /** True while a sign-in for the instance runs in this process. */
  signingIn(instanceId: string): boolean {
    return this.flights.has(instanceId);
  }

  /** Cancels the sign-in in flight, if any. */
  cancel(instanceId: string): void {
    this.flights.get(instanceId)?.controller.abort();
  }

  /** The session state, `signing-in` while a sign-in runs here. */
  async sessionState(instanceId: string): Promise<SessionState> {
    const state = await this.options.tokens.sessionState(instanceId);
    return this.signingIn(instanceId) ? { ...state, status: 'signing-in' } : state;
  }

  /**
   * Signs out: ends the portal session (best effort, so a network problem never keeps tokens
   * around), then deletes the tokens. The client registration stays for the next sign-in.
   */
  async signOut(instanceId: string): Promise<void> {
    this.cancel(instanceId);
    const stored = await this.options.tokens.load(instanceId);
    if (stored?.kind === 'token' && stored.expiresAt > this.options.clock.now()) {
      try {
        const instance = await this.options.instances.get(instanceId);
        const { logoutPortalSession } = await import('./portal-logout');
        await logoutPortalSession(instance, stored.accessToken);
      } catch (error) {
        this.logger.warn('portal logout failed; deleting the tokens anyway', { instanceId, errorCode: error instanceof Error ? error.name : 'unknown' });
      }
    }
    await this.options.tokens.forget(instanceId);
  }

  private start(instanceId: string, request: SignInRequest): Flight {
    const events: SignInEvent[] = [];
    const listeners = new Set<(event: SignInEvent) => void>();
    const controller = new AbortController();
    const emit = (event: SignInEvent) => {
      events.push(event);
      for (const listener of listeners) {
        try {
          listener(event);
        } catch (error) {
          this.logger.error('sign-in listener failed', { instanceId, errorCode: error instanceof Error ? error.name : 'unknown' });
        }
      }
    };
    const done = this.run(instanceId, request, controller.signal, emit).then(
      (record) => {
        emit({ type: 'signed-in', instanceId, expiresAt: sessionEndOf(record) });
        return record;
      },
      (error: unknown) => {
        const shown = isRolecallError(error) ? error.toJSON() : { code: 'sign-in-failed', message: `Sign-in to "${instanceId}" failed.` };
        emit({ type: 'failed', instanceId, error: { code: shown.code, message: shown.message } });
        throw error;
      },
    );
    const flight: Flight = { events, listeners, controller, waiting: 0, done };
    this.flights.set(instanceId, flight);
    // Callers see the outcome through `done`; this chain only tidies up.
    done.then(
      () => this.flights.delete(instanceId),
      () => this.flights.delete(instanceId),
    );
    return flight;
  }

  private async run(instanceId: string, request: SignInRequest, signal: AbortSignal, emit: (event: SignInEvent) => void): Promise<SsoTokenRecord> {
    const instance = await this.options.instances.get(instanceId);
    const before = await this.options.tokens.load(instanceId);
    const lockPath = join(this.options.appDataDir, 'locks', `sign-in-${instanceId}.lock`);
    let release: () => Promise<void>;
    try {
      release = await acquireFileLock(lockPath, { timeoutMs: 0, signal }).catch(async (error: unknown) => {
        if (!isRolecallError(error, 'lock-timeout')) throw error;
        // Another process is signing in to this instance: say so, and wait for it.
        this.logger.info('waiting for another process to finish signing in', { instanceId });
        emit({ type: 'waiting', instanceId });
        return acquireFileLock(lockPath, { timeoutMs: this.options.lockWaitMs ?? 15 * 60_000, signal });
      });
    } catch (error) {
      if (signal.aborted) throw new SignInCancelledError(instanceId);
      throw error;
    }
    try {
      // Another process may have signed in while this one waited for the lock.
      const stored = await this.options.tokens.load(instanceId);
      const signedInMeanwhile = stored?.kind === 'token' && (before?.kind !== 'token' || before.signedInAt !== stored.signedInAt || before.accessToken !== stored.accessToken);
      if (stored?.kind === 'token' && signedInMeanwhile && stored.refreshedAt === undefined && stored.expiresAt > this.options.clock.now()) {
        this.logger.info('another process signed in meanwhile', { instanceId });
        return stored;
      }
      const method = request.method ?? 'device';
      const tokens = await this.authorize(instance, method, request, signal, emit);
      const registration = await this.options.tokens.registrations.stored(instanceId, method);
      if (!registration) throw new Error('registration vanished during sign-in');
      const record = await this.options.tokens.storeSignIn(instanceId, method, registration.clientId, tokens);
      this.logger.info('signed in', { instanceId, method, refreshable: record.refreshToken !== undefined });
      return record;
    } finally {
      await release();
    }
  }

  private async authorize(instance: IdentityCenterInstance, method: SignInMethod, request: SignInRequest, signal: AbortSignal, emit: (event: SignInEvent) => void): Promise<IssuedTokens> {
    const oidc = await (this.options.oidc ?? loadOidcApi)(instance);
    const registrations = this.options.tokens.registrations;
    const common = {
      instance,
      oidc,
      clock: this.options.clock,
      logger: this.logger,
      emit,
      signal,
      ...(request.noBrowser ? {} : { openUrl: this.options.openUrl }),
    };
    for (let attempt = 1; ; attempt += 1) {
      try {
        if (method === 'pkce') {
          return await runPkceAuthorization({ ...common, registrations, ...(this.options.pkceTimeLimitMs ? { timeLimitMs: this.options.pkceTimeLimitMs } : {}) });
        }
        const registration = await registrations.ensure(instance, 'device', oidc, { signal });
        return await runDeviceAuthorization({ ...common, registration });
      } catch (error) {
        const name = oidcErrorName(error);
        // A registration Identity Center no longer knows: register again, once.
        if (attempt === 1 && name === 'InvalidClientException') {
          this.logger.warn('client registration refused, registering again', { instanceId: instance.id, method });
          await registrations.discard(instance.id, method);
          continue;
        }
        if (name === 'network') throw new IdentityCenterUnreachableError(new URL(oidcOrigin(instance)).host, 'network error', { cause: error });
        if (name !== undefined) throw new IdentityCenterError('the sign-in', name, { cause: error });
        throw error;
      }
    }
  }
}
