/**
 * The Electron shell's view of the core (`RolecallServices`), built over the core facade in
 * plain Node. It keeps the app's state in memory and tells listeners of changes (coalesced),
 * shows cached account lists at once and revalidates them in the background, and runs the
 * refresh scheduler, whose "ending soon" and "ended" moments become session state changes.
 */
import { spawn } from 'node:child_process';
import { fileExists } from '../browser/find-executable';
import { createDetachedLauncher } from '../browser/process-launcher';
import type { Clock } from '../clock';
import type { Logger } from '../logger';
import type { RoleCredentials, RoleRef, SignInEvent } from '../model';
import type { RolecallCore } from '../rolecall-core';
import type { RefreshEvent, RefreshScheduler } from '../scheduler/refresh-scheduler';
import type { RolecallServices, Unsubscribe } from '../../ipc/services';
import { errorCodeOf, type AppContext, type AppHost } from './app-context';
import { AppState } from './app-state';
import { AppCatalogControl } from './catalog-control';
import { AppInstanceDirectory } from './instance-directory';
import { AppLinkOpener } from './link-opener';
import { AppProfileControl } from './profile-control';
import { ProfileIndex } from './profile-index';
import { AppRoleAccess } from './role-access';
import { RoleLists, roleListsFile } from './role-lists';
import { AppSessionControl } from './session-control';
import { SessionStates } from './session-states';
import { roleKey } from '../../ipc/contract';

export interface AppServicesDeps {
  /** Starts browsers and terminals. Default: detached processes (`node:child_process`). */
  host?: Partial<AppHost>;
  /** Default the core's logger. */
  logger?: Logger;
  /** Default the core's clock. */
  clock?: Clock;
  /** How often state listeners may hear of changes. Default 100 ms. */
  stateIntervalMs?: number;
  /** Start the refresh scheduler and revalidate cached account lists. Default true. */
  background?: boolean;
}

export interface AppServices extends RolecallServices {
  sessions: AppSessionControl;
  catalog: AppCatalogControl;
  /**
   * Role credentials for a credential_process caller through the broker: kept fresh by the
   * scheduler from then on; an interactive caller may wait for a sign-in, which the window and
   * notifications see like any other.
   */
  credentialsForCaller(role: RoleRef, options: { interactive: boolean; onSigningIn: () => void }): Promise<RoleCredentials>;
  /** Told when what was fetched for an instance must be forgotten: sign-out, removal, the session's end. */
  onSessionGone(listener: (instanceId: string) => void): Unsubscribe;
  /** Resolves once the background start (scheduler, revalidation) has run. */
  started(): Promise<void>;
  /** Stops timers and listeners (the core is closed by its owner). */
  close(): Promise<void>;
}

/**
 * Builds the services and loads the state (instances, their sessions from the keychain,
 * cached account lists, favourites, profile names): once this resolves, a snapshot is instant.
 */
export async function createAppServices(core: RolecallCore, deps: AppServicesDeps = {}): Promise<AppServices> {
  const logger = deps.logger ?? core.logger;
  const clock = deps.clock ?? core.clock;
  const settings = await core.settings();
  const host: AppHost = {
    launcher: deps.host?.launcher ?? createDetachedLauncher(spawn),
    exists: deps.host?.exists ?? fileExists,
  };
  let scheduler: RefreshScheduler | undefined;
  const goneListeners = new Set<(instanceId: string) => void>();
  const gone = (instanceId: string) => {
    for (const listener of [...goneListeners]) {
      try {
        listener(instanceId);
      } catch (error) {
        logger.error('session-gone listener failed', { instanceId, errorCode: errorCodeOf(error) });
      }
    }
  };

  // The state and its parts; the sessions' changes reach the state once it exists (before any load).
  const sessionsChanged = { notify: (): void => undefined };
  const sessions = new SessionStates({
    sessions: core.tokens,
    clock,
    warningMs: () => settings.current().sessionWarningMinutes * 60_000,
    onChange: () => sessionsChanged.notify(),
    logger,
  });
  const roleLists = new RoleLists({ file: roleListsFile(core.appDir), logger });
  const profiles = new ProfileIndex({ configFile: core.configFile, logger });
  const appState = new AppState({ clock, settings, sessions, roleLists, profiles, logger, ...(deps.stateIntervalMs !== undefined ? { intervalMs: deps.stateIntervalMs } : {}) });
  sessionsChanged.notify = () => appState.changed();
  const ctx: AppContext = { core, state: appState, sessions, roleLists, profiles, settings, host, logger, scheduler: () => scheduler };

  const catalog = new AppCatalogControl(ctx);
  const sessionControl = new AppSessionControl(ctx, {
    signedIn: (instanceId) => catalog.syncInBackground(instanceId),
    signedOut: gone,
  });
  const instances = new AppInstanceDirectory(ctx, {
    removing: (instanceId) => sessionControl.cancelSignIn(instanceId),
    removed: gone,
  });
  const profileControl = new AppProfileControl(ctx);
  const roles = new AppRoleAccess(ctx, profileControl);

  const stops: Unsubscribe[] = [
    // Sign-in, refresh, sign-out, a refused refresh: the stored session changed.
    core.tokens.onSessionChange((session) => void sessions.load(session.instanceId)),
    settings.onChange((_settings, changed) => {
      if (changed.includes('sessionWarningMinutes')) sessions.replanAll();
      appState.changed();
    }),
  ];

  // The first load: everything a snapshot shows, from local files and the keychain.
  const loading = (async () => {
    await instances.reload();
    const ids = appState.instanceList().map((i) => i.id);
    await Promise.all([
      ...ids.map((id) => sessions.load(id)),
      ...ids.map((id) => catalog.loadCached(id)),
      roleLists.load().catch((error: unknown) => logger.warn('favourites not read', { errorCode: errorCodeOf(error) })),
      profiles.refresh(),
    ]);
  })();
  appState.waitFor(loading);
  await loading;

  let closed = false;
  const onRefreshEvent = (event: RefreshEvent) => {
    if (event.type === 'session-ending-soon' || event.type === 'session-ended') {
      // The scheduler read the lifetimes afresh: read the state the same way.
      void sessions.load(event.instanceId);
      if (event.type === 'session-ended') gone(event.instanceId);
    }
  };
  const background =
    deps.background === false
      ? Promise.resolve()
      : (async () => {
          try {
            const started = await core.scheduler();
            if (closed) return;
            scheduler = started;
            stops.push(started.on(onRefreshEvent));
            for (const instance of appState.instanceList()) {
              const status = sessions.get(instance.id).status;
              if (status === 'active' || status === 'ending-soon') {
                await started.watch(instance);
                // The cached list is on screen already; this brings it up to date.
                catalog.syncInBackground(instance.id);
              }
            }
          } catch (error) {
            logger.error('refresh scheduler did not start', { errorCode: errorCodeOf(error) });
          }
        })();

  const externalSignIn = (event: SignInEvent) => {
    // A sign-in a credential_process caller started through the broker: shown like our own.
    if (event.type === 'authorization') sessions.setSigningIn(event.instanceId, true);
    if (event.type === 'signed-in' || event.type === 'failed') {
      sessions.setSigningIn(event.instanceId, sessionControl.signingIn(event.instanceId));
      void sessions.load(event.instanceId);
    }
    sessionControl.report(event);
  };

  return {
    state: appState,
    instances,
    sessions: sessionControl,
    catalog,
    roles,
    favourites: {
      async setFavourite(role, favourite) {
        await core.instances.get(role.instanceId);
        await roleLists.setFavourite(roleKey(role), favourite);
        appState.changed();
      },
    },
    profiles: profileControl,
    settings,
    links: new AppLinkOpener(ctx),
    async credentialsForCaller(role, { interactive, onSigningIn }) {
      const credentials = await core.roleCredentials(role, { interactive: interactive ? { onEvent: externalSignIn } : false, onSigningIn });
      const instance = await core.instances.get(role.instanceId);
      scheduler?.useRole(instance, role.accountId, role.roleName).catch((error: unknown) => {
        logger.warn('could not keep a role fresh', { instanceId: role.instanceId, errorCode: errorCodeOf(error) });
      });
      return credentials;
    },
    onSessionGone(listener) {
      goneListeners.add(listener);
      return () => void goneListeners.delete(listener);
    },
    started: () => background,
    async close() {
      closed = true;
      await background;
      for (const stop of stops) stop();
      sessions.stop();
      appState.stop();
      await roleLists.flushed();
    },
  };
}
