import { DEFAULT_SETTINGS, type Settings, type SignInEvent, type SyncEvent } from '../../../main/core/model';
import type { AppSnapshot } from '../../../main/ipc/contract';
import type { RolecallServices } from '../../../main/ipc/services';

/**
 * Core services that record each call and answer with fixed values: the handlers' job is the
 * translation from channel to service, which these make visible.
 */
export function recordingServices(answers: { snippet?: string; profile?: string; snapshot?: AppSnapshot } = {}) {
  const calls: string[] = [];
  const record = (name: string, ...args: unknown[]) => calls.push(`${name} ${JSON.stringify(args)}`);
  const stateListeners = new Set<(snapshot: AppSnapshot) => void>();
  const signInListeners = new Set<(event: SignInEvent) => void>();
  const syncListeners = new Set<(event: SyncEvent) => void>();
  let settings: Settings = { ...DEFAULT_SETTINGS };
  const snapshot = answers.snapshot ?? { instances: [], catalogs: [], favourites: [], recents: [], profiles: {}, settings };
  const subscribe = <T>(set: Set<T>, listener: T) => {
    set.add(listener);
    return () => void set.delete(listener);
  };
  const services: RolecallServices = {
    state: { snapshot: async () => snapshot, onChange: (listener) => subscribe(stateListeners, listener) },
    instances: {
      add: async (input) => (record('instances.add', input), { id: 'acme', name: input.name ?? 'acme', startUrl: input.startUrl, region: input.region }),
      rename: async (id, name) => void record('instances.rename', id, name),
      remove: async (id) => void record('instances.remove', id),
    },
    sessions: {
      signIn: async (id) => void record('sessions.signIn', id),
      cancelSignIn: async (id) => void record('sessions.cancelSignIn', id),
      signOut: async (id) => void record('sessions.signOut', id),
      onProgress: (listener) => subscribe(signInListeners, listener),
    },
    catalog: { sync: async (id) => void record('catalog.sync', id), onProgress: (listener) => subscribe(syncListeners, listener) },
    roles: {
      openConsole: async (role, options) => void record('roles.openConsole', role, options),
      openTerminal: async (role) => void record('roles.openTerminal', role),
      environmentSnippet: async (role, shell) => (record('roles.environmentSnippet', role, shell), answers.snippet ?? 'export AWS_ACCESS_KEY_ID=…'),
    },
    favourites: { setFavourite: async (role, favourite) => void record('favourites.setFavourite', role, favourite) },
    profiles: {
      profileName: async (role) => (record('profiles.profileName', role), answers.profile ?? 'Acme/AdministratorAccess'),
      write: async (role) => (record('profiles.write', role), { profile: answers.profile ?? 'Acme/AdministratorAccess' }),
      remove: async (role) => void record('profiles.remove', role),
    },
    settings: {
      current: () => settings,
      update: async (patch) => {
        record('settings.update', patch);
        settings = { ...settings, ...patch };
        return settings;
      },
      onChange: () => () => undefined,
    },
    links: { openExternal: async (url) => void record('links.openExternal', url) },
  };
  const emit = {
    state: (next: AppSnapshot) => stateListeners.forEach((listener) => listener(next)),
    signIn: (event: SignInEvent) => signInListeners.forEach((listener) => listener(event)),
    sync: (event: SyncEvent) => syncListeners.forEach((listener) => listener(event)),
  };
  return { services, calls, emit };
}
