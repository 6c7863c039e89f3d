import { useEffect, useMemo, useReducer, useRef } from 'preact/hooks';
import type { IdentityCenterInstance, Settings, SyncEvent } from '../../main/core/model';
import type { AddInstanceInput, ConsoleOptions, IpcError, RolecallApi, ShellKind } from '../../main/ipc/contract';
import { toIpcError } from '../api/rolecall-api';
import type { RoleEntry } from '../catalog/role-catalog';
import type { Notices } from './notices';
import { INITIAL_WINDOW_STATE, windowReducer, type WindowState } from './window-state';

/** Everything the window can ask main to do, with the outcome shown to the user. */
export interface WindowCommands {
  signIn(instanceId: string): void;
  cancelSignIn(instanceId: string): Promise<void>;
  dismissSignIn(instanceId: string): void;
  signOut(instanceId: string): Promise<void>;
  syncCatalog(instanceId: string): Promise<void>;
  addInstance(input: AddInstanceInput): Promise<{ ok: true; instance: IdentityCenterInstance } | { ok: false; error: IpcError }>;
  renameInstance(instance: IdentityCenterInstance, name: string): Promise<void>;
  removeInstance(instance: IdentityCenterInstance): Promise<void>;
  openConsole(role: RoleEntry, options: ConsoleOptions): Promise<void>;
  openTerminal(role: RoleEntry): Promise<void>;
  copyEnv(role: RoleEntry, shell: ShellKind): Promise<void>;
  copyProfileName(role: RoleEntry): Promise<void>;
  setFavourite(role: RoleEntry, favourite: boolean): Promise<void>;
  writeProfile(role: RoleEntry): Promise<void>;
  removeProfile(role: RoleEntry): Promise<void>;
  saveSettings(patch: Partial<Settings>): Promise<{ ok: true; settings: Settings } | { ok: false; error: IpcError }>;
  openLink(url: string): Promise<void>;
}

// Accounts of a large sync arrive by the hundred per second: apply them in batches so the
// list re-renders a few times a second, not once per account.
const SYNC_BATCH_MS = 50;

/** Connects the window's state to main: loads the snapshot, follows events, runs commands. */
export function useWindowStore(api: RolecallApi, notices: Notices): { state: WindowState; commands: WindowCommands } {
  const [state, dispatch] = useReducer(windowReducer, INITIAL_WINDOW_STATE);
  // Sign-ins started from this window. The core opens the verification page itself when it
  // can ('browser-opened'); when it could not, the window opens it once the core says it is
  // waiting, so the user never gets the page twice.
  const startedHere = useRef(new Set<string>());
  const pageToOpen = useRef(new Map<string, string>());

  useEffect(() => {
    let pending: SyncEvent[] = [];
    let timer: ReturnType<typeof setTimeout> | null = null;
    const flush = () => {
      timer = null;
      const events = pending;
      pending = [];
      dispatch({ type: 'sync-events', events });
    };
    const unsubscribe = [
      api.on('state:changed', (snapshot) => dispatch({ type: 'snapshot', snapshot })),
      api.on('sign-in:progress', (event) => {
        dispatch({ type: 'sign-in-event', event, online: navigator.onLine });
        const id = event.instanceId;
        if (event.type === 'authorization' && startedHere.current.has(id)) pageToOpen.current.set(id, event.verificationUriComplete);
        else if (event.type === 'browser-opened') pageToOpen.current.delete(id);
        else if (event.type === 'waiting') {
          const url = pageToOpen.current.get(id);
          pageToOpen.current.delete(id);
          if (url !== undefined) {
            api.linkOpen(url).then(
              () => dispatch({ type: 'sign-in-event', event: { type: 'browser-opened', instanceId: id, url }, online: true }),
              (e: unknown) => notices.error(toIpcError(e)),
            );
          }
        } else if (event.type === 'signed-in' || event.type === 'failed') {
          startedHere.current.delete(id);
          pageToOpen.current.delete(id);
        }
      }),
      api.on('sync:progress', (event) => {
        pending.push(event);
        // Start, end and failure show at once; accounts wait for their batch.
        if (event.type !== 'account') flush();
        else timer ??= setTimeout(flush, SYNC_BATCH_MS);
      }),
    ];
    let live = true;
    api.stateGet().then(
      (snapshot) => {
        // User Timing marks: visible in DevTools, and what the renderer benchmark reads.
        performance.mark('rolecall:snapshot-received');
        if (live) dispatch({ type: 'snapshot', snapshot });
      },
      (e: unknown) => {
        if (live) dispatch({ type: 'load-failed', error: toIpcError(e) });
      },
    );
    return () => {
      live = false;
      if (timer !== null) clearTimeout(timer);
      for (const off of unsubscribe) off();
    };
  }, [api, notices.error]);

  const commands = useMemo<WindowCommands>(() => {
    const run = async <T,>(call: () => Promise<T>, done?: (value: T) => void): Promise<void> => {
      try {
        const value = await call();
        done?.(value);
      } catch (e) {
        notices.error(toIpcError(e));
      }
    };
    const where = (role: RoleEntry) => `${role.roleName} in ${role.accountName}`;
    return {
      signIn(instanceId) {
        dispatch({ type: 'sign-in-requested', instanceId });
        startedHere.current.add(instanceId);
        api.sessionSignIn(instanceId).catch((e: unknown) => {
          startedHere.current.delete(instanceId);
          dispatch({ type: 'sign-in-rejected', instanceId, error: toIpcError(e), online: navigator.onLine });
        });
      },
      async cancelSignIn(instanceId) {
        startedHere.current.delete(instanceId);
        pageToOpen.current.delete(instanceId);
        dispatch({ type: 'sign-in-dismissed', instanceId });
        await run(() => api.sessionCancelSignIn(instanceId));
      },
      dismissSignIn(instanceId) {
        startedHere.current.delete(instanceId);
        pageToOpen.current.delete(instanceId);
        dispatch({ type: 'sign-in-dismissed', instanceId });
      },
      signOut: (instanceId) => run(() => api.sessionSignOut(instanceId), () => notices.info('Signed out.')),
      syncCatalog: (instanceId) => run(() => api.catalogSync(instanceId)),
      async addInstance(input) {
        try {
          const instance = await api.instancesAdd(input);
          dispatch({ type: 'instance-added', instance });
          return { ok: true, instance };
        } catch (e) {
          return { ok: false, error: toIpcError(e) };
        }
      },
      renameInstance: (instance, name) => run(() => api.instancesRename(instance.id, name), () => notices.info(`Renamed ${instance.name} to ${name}.`)),
      removeInstance: (instance) => run(() => api.instancesRemove(instance.id), () => notices.info(`Removed ${instance.name}.`)),
      openConsole: (role, options) => run(() => api.roleOpenConsole(role.ref, options), () => notices.info(`Opening the console as ${where(role)}.`)),
      openTerminal: (role) => run(() => api.roleOpenTerminal(role.ref), () => notices.info(`Opening a terminal as ${where(role)}.`)),
      copyEnv: (role, shell) =>
        run(() => api.roleCopyEnv(role.ref, shell), () => notices.info(`Copied environment variables for ${where(role)}. They expire with the role's session.`)),
      copyProfileName: (role) => run(() => api.roleCopyProfileName(role.ref), ({ profile }) => notices.info(`Copied the profile name “${profile}”.`)),
      setFavourite: (role, favourite) =>
        run(() => api.roleSetFavourite(role.ref, favourite), () => dispatch({ type: 'favourite-set', key: role.key, favourite })),
      writeProfile: (role) =>
        run(
          () => api.profileWrite(role.ref),
          ({ profile }) => {
            dispatch({ type: 'profile-set', key: role.key, profile });
            notices.info(`Added the profile “${profile}” to your AWS config file.`);
          },
        ),
      removeProfile: (role) =>
        run(
          () => api.profileRemove(role.ref),
          () => {
            dispatch({ type: 'profile-set', key: role.key, profile: null });
            notices.info(`Removed the profile for ${where(role)} from your AWS config file.`);
          },
        ),
      async saveSettings(patch) {
        try {
          const settings = await api.settingsUpdate(patch);
          dispatch({ type: 'settings-saved', settings });
          return { ok: true, settings };
        } catch (e) {
          return { ok: false, error: toIpcError(e) };
        }
      },
      openLink: (url) => run(() => api.linkOpen(url)),
    };
  }, [api, notices.error, notices.info]);

  return { state, commands };
}
