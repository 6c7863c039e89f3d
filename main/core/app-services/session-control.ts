/**
 * Signing in to and out of instances from the window, the tray and notifications. One sign-in
 * per instance: a second request joins the one under way (same events, same outcome). The
 * method comes from the settings; the verification page is opened by main, so a sign-in
 * started from the tray with no window works too. A successful sign-in is handed to the
 * refresh scheduler and followed by a sync of the instance's accounts. Signing out ends the
 * portal session and deletes the tokens and every cached role key of the instance.
 */
import { deleteAllCachedCredentials } from '../credentials/credential-cache';
import type { SignInEvent } from '../model';
import type { SessionControl, Unsubscribe } from '../../ipc/services';
import { errorCodeOf, type AppContext } from './app-context';

interface Flight {
  controller: AbortController;
  done: Promise<void>;
}

export interface SessionControlHooks {
  /** After a sign-in succeeded (start a sync). */
  signedIn(instanceId: string): void;
  /** After the instance's tokens were deleted (drop what the broker remembers). */
  signedOut(instanceId: string): void;
}

export class AppSessionControl implements SessionControl {
  private readonly flights = new Map<string, Flight>();
  private readonly listeners = new Set<(event: SignInEvent) => void>();

  constructor(
    private readonly ctx: AppContext,
    private readonly hooks: SessionControlHooks,
  ) {}

  signIn(instanceId: string): Promise<void> {
    let flight = this.flights.get(instanceId);
    if (!flight) {
      flight = this.start(instanceId);
      this.flights.set(instanceId, flight);
    }
    return flight.done;
  }

  async cancelSignIn(instanceId: string): Promise<void> {
    this.flights.get(instanceId)?.controller.abort();
    // A sign-in started elsewhere in this process (a credential_process caller through the broker).
    this.ctx.core.signIn.cancel(instanceId);
  }

  async signOut(instanceId: string): Promise<void> {
    const { core } = this.ctx;
    await core.instances.get(instanceId);
    await this.cancelSignIn(instanceId);
    this.ctx.scheduler()?.unwatch(instanceId);
    await core.signIn.signOut(instanceId);
    // Signed out means no keys left behind either, as with `rolecall logout`.
    await deleteAllCachedCredentials(core.secrets, instanceId);
    this.hooks.signedOut(instanceId);
    await this.ctx.sessions.load(instanceId);
    this.ctx.logger.info('signed out', { instanceId });
  }

  onProgress(listener: (event: SignInEvent) => void): Unsubscribe {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }

  /** Passes a sign-in event on to every listener (also used for sign-ins the broker starts). */
  report(event: SignInEvent): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(event);
      } catch (error) {
        this.ctx.logger.error('sign-in listener failed', { instanceId: event.instanceId, errorCode: errorCodeOf(error) });
      }
    }
  }

  /** True while a sign-in started here is under way. */
  signingIn(instanceId: string): boolean {
    return this.flights.has(instanceId);
  }

  private start(instanceId: string): Flight {
    const { core, sessions } = this.ctx;
    const controller = new AbortController();
    const run = async () => {
      const instance = await core.instances.get(instanceId);
      const method = this.ctx.settings.current().signInMethod;
      sessions.setSigningIn(instanceId, true);
      try {
        await core.signIn.signIn(instanceId, { method, signal: controller.signal, onEvent: (event) => this.report(event) });
      } finally {
        sessions.setSigningIn(instanceId, false);
      }
      await sessions.load(instanceId);
      const scheduler = this.ctx.scheduler();
      if (scheduler) {
        scheduler.watch(instance).catch((error: unknown) => this.ctx.logger.warn('could not schedule refreshes', { instanceId, errorCode: errorCodeOf(error) }));
      }
      this.hooks.signedIn(instanceId);
    };
    const done = run().finally(() => this.flights.delete(instanceId));
    return { controller, done };
  }
}
