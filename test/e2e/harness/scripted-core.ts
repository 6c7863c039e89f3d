import { InvalidInputError, RolecallError } from '../../../main/core/errors';
import { DEFAULT_SETTINGS, type AccountWithRoles, type RoleRef, type Settings, type SignInEvent, type SyncEvent } from '../../../main/core/model';
import { roleKey, type AppSnapshot, type ConsoleOptions, type InstanceView, type ShellKind } from '../../../main/ipc/contract';
import type { ClipboardWriter, RolecallServices } from '../../../main/ipc/services';
import { DEMO_NOW } from './demo-organisation';

/** Recognisable fake role keys: tests assert they never reach the page. */
export const CANARY_ACCESS_KEY = 'ASIACANARYACCESSKEY01';
export const CANARY_SECRET = 'CANARYsecretKEY/do-not-show-0123456789abcdef';
export const CANARY_SESSION_TOKEN = 'CANARYsessionTOKEN-IQoJb3JpZ2luX2VjEDoaCXVzLWVhc3QtMSJHMEUCIQD';

type Listener<T> = (value: T) => void;

/**
 * The core's services with a state the test scripts: what the window tests run the shell's
 * IPC handlers over when they do not need Identity Center. Operations change the state as the
 * core would and record what was asked; `signInProgress`, `syncProgress` and `publish` send
 * what the core would report.
 */
export class ScriptedCore implements RolecallServices {
  snapshotState: AppSnapshot;
  /** Every operation the window caused, in order. */
  readonly calls: { operation: string; args: unknown[] }[] = [];
  readonly openedLinks: string[] = [];
  readonly consoles: { role: RoleRef; options: ConsoleOptions }[] = [];
  readonly terminals: RoleRef[] = [];
  /** What main put on the clipboard. */
  clipboardText: string | null = null;
  readonly clipboard: ClipboardWriter = { writeText: (text) => void (this.clipboardText = text) };
  /** The core's idea of now (the page clock of the window tests starts at DEMO_NOW too). */
  now: () => number = () => DEMO_NOW;
  /** Whether the core can open the user's browser itself, as the app's core can. */
  opensBrowser = true;
  /** Pages the core opened in the user's browser itself (not asked by the window). */
  readonly browserOpenedByCore: string[] = [];
  /**
   * What signing in does after the instance is marked as signing in: by default what the
   * core's device flow reports: the code, the browser opened (when it can be), waiting.
   */
  onSignIn: (instanceId: string) => Promise<void> = async (instanceId) => {
    const authorization = deviceCode(instanceId, this.now());
    this.signInProgress(authorization);
    if (this.opensBrowser && authorization.type === 'authorization') {
      this.browserOpenedByCore.push(authorization.verificationUriComplete);
      this.signInProgress({ type: 'browser-opened', instanceId, url: authorization.verificationUriComplete });
    }
    this.signInProgress({ type: 'waiting', instanceId });
  };

  private readonly stateListeners = new Set<Listener<AppSnapshot>>();
  private readonly signInListeners = new Set<Listener<SignInEvent>>();
  private readonly syncListeners = new Set<Listener<SyncEvent>>();
  private readonly settingsListeners = new Set<(settings: Settings, changed: (keyof Settings)[]) => void>();

  constructor(state: Partial<AppSnapshot> = {}) {
    this.snapshotState = { instances: [], catalogs: [], favourites: [], recents: [], profiles: {}, settings: { ...DEFAULT_SETTINGS }, ...state };
  }

  /** Reports the current state, as the core does after every change. */
  publish(): void {
    const snapshot = structuredClone(this.snapshotState);
    for (const listener of this.stateListeners) listener(snapshot);
  }

  signInProgress(event: SignInEvent): void {
    for (const listener of this.signInListeners) listener(event);
  }

  syncProgress(event: SyncEvent): void {
    for (const listener of this.syncListeners) listener(event);
  }

  instance(id: string): InstanceView {
    const found = this.snapshotState.instances.find((i) => i.id === id);
    if (found === undefined) throw new InvalidInputError(`There is no instance "${id}".`);
    return found;
  }

  /** Operations recorded under one name (`roles.openConsole`…). */
  callsTo(operation: string): unknown[][] {
    return this.calls.filter((c) => c.operation === operation).map((c) => c.args);
  }

  readonly state: RolecallServices['state'] = {
    snapshot: async () => structuredClone(this.snapshotState),
    onChange: (listener) => subscribe(this.stateListeners, listener),
  };

  readonly instances: RolecallServices['instances'] = {
    add: async (input) => {
      this.record('instances.add', input);
      if (this.snapshotState.instances.some((i) => i.startUrl === input.startUrl)) {
        throw new InvalidInputError('This start URL is already in Rolecall.', { hint: 'Sign in to the instance that has it instead.' });
      }
      const base = input.name ?? new URL(input.startUrl).hostname.split('.')[0] ?? 'instance';
      const id = base.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '') || 'instance';
      const instance = { id, name: input.name ?? id, startUrl: input.startUrl, region: input.region, ...(input.endpointUrl ? { endpointUrl: input.endpointUrl } : {}) };
      this.snapshotState.instances.push({ ...instance, session: { instanceId: id, status: 'signed-out' }, sync: null, syncError: null });
      this.publish();
      return instance;
    },
    rename: async (instanceId, name) => {
      this.record('instances.rename', instanceId, name);
      this.instance(instanceId).name = name;
      this.publish();
    },
    remove: async (instanceId) => {
      this.record('instances.remove', instanceId);
      this.snapshotState.instances = this.snapshotState.instances.filter((i) => i.id !== instanceId);
      this.snapshotState.catalogs = this.snapshotState.catalogs.filter((c) => c.instanceId !== instanceId);
      this.publish();
    },
  };

  readonly sessions: RolecallServices['sessions'] = {
    signIn: async (instanceId) => {
      this.record('sessions.signIn', instanceId);
      this.instance(instanceId).session = { instanceId, status: 'signing-in' };
      this.publish();
      await this.onSignIn(instanceId);
    },
    cancelSignIn: async (instanceId) => {
      this.record('sessions.cancelSignIn', instanceId);
      this.instance(instanceId).session = { instanceId, status: 'signed-out' };
      this.publish();
    },
    signOut: async (instanceId) => {
      this.record('sessions.signOut', instanceId);
      this.instance(instanceId).session = { instanceId, status: 'signed-out' };
      this.publish();
    },
    onProgress: (listener) => subscribe(this.signInListeners, listener),
  };

  readonly catalog: RolecallServices['catalog'] = {
    sync: async (instanceId) => {
      this.record('catalog.sync', instanceId);
      this.instance(instanceId);
    },
    onProgress: (listener) => subscribe(this.syncListeners, listener),
  };

  readonly roles: RolecallServices['roles'] = {
    openConsole: async (role, options) => {
      this.record('roles.openConsole', role, options);
      this.consoles.push({ role, options });
      this.used(role);
    },
    openTerminal: async (role) => {
      this.record('roles.openTerminal', role);
      this.terminals.push(role);
      this.used(role);
    },
    environmentSnippet: async (role, shell) => {
      this.record('roles.environmentSnippet', role, shell);
      this.account(role);
      return envLines(shell);
    },
  };

  readonly favourites: RolecallServices['favourites'] = {
    setFavourite: async (role, favourite) => {
      this.record('favourites.setFavourite', role, favourite);
      const key = roleKey(role);
      this.snapshotState.favourites = this.snapshotState.favourites.filter((k) => k !== key);
      if (favourite) this.snapshotState.favourites.push(key);
      this.publish();
    },
  };

  readonly profiles: RolecallServices['profiles'] = {
    profileName: async (role) => {
      this.record('profiles.profileName', role);
      const profile = this.snapshotState.profiles[roleKey(role)];
      if (profile === undefined) throw new RolecallError('profile-not-found', `${role.roleName} in ${role.accountId} has no profile yet.`, { hint: 'Add its profile first.' });
      return profile;
    },
    write: async (role) => {
      this.record('profiles.write', role);
      const profile = this.profileNameFor(role);
      this.snapshotState.profiles[roleKey(role)] = profile;
      this.publish();
      return { profile };
    },
    remove: async (role) => {
      this.record('profiles.remove', role);
      delete this.snapshotState.profiles[roleKey(role)];
      this.publish();
    },
  };

  readonly settings: RolecallServices['settings'] = {
    current: () => structuredClone(this.snapshotState.settings),
    update: async (patch) => {
      this.record('settings.update', patch);
      const before = this.snapshotState.settings;
      this.snapshotState.settings = { ...before, ...patch };
      const changed = (Object.keys(patch) as (keyof Settings)[]).filter((k) => JSON.stringify(before[k]) !== JSON.stringify(patch[k]));
      for (const listener of this.settingsListeners) listener(structuredClone(this.snapshotState.settings), changed);
      this.publish();
      return structuredClone(this.snapshotState.settings);
    },
    onChange: (listener) => subscribe(this.settingsListeners, listener),
  };

  readonly links: RolecallServices['links'] = {
    openExternal: async (url) => {
      this.record('links.openExternal', url);
      this.openedLinks.push(url);
    },
  };

  private record(operation: string, ...args: unknown[]): void {
    this.calls.push({ operation, args });
  }

  private used(role: RoleRef): void {
    const key = roleKey(role);
    this.snapshotState.recents = [key, ...this.snapshotState.recents.filter((k) => k !== key)].slice(0, 20);
    this.publish();
  }

  private profileNameFor(role: RoleRef): string {
    const account = this.account(role);
    return this.snapshotState.settings.profileNameTemplate
      .replace('{accountName}', account.accountName)
      .replace('{accountId}', account.accountId)
      .replace('{roleName}', role.roleName)
      .replace('{instance}', role.instanceId)
      .replace(/\s+/g, '-');
  }

  private account(role: RoleRef): AccountWithRoles {
    for (const catalog of this.snapshotState.catalogs) {
      const account = catalog.accounts.find((a) => a.accountId === role.accountId && a.instanceId === role.instanceId);
      if (account?.roles.includes(role.roleName)) return account;
    }
    throw new RolecallError('role-not-assigned', `You have no role ${role.roleName} in account ${role.accountId}.`);
  }
}

/** The device-code event Identity Center's flow produces, with a code valid for ten minutes. */
export function deviceCode(instanceId: string, now: number, userCode = 'WDJB-MJHT'): SignInEvent {
  return {
    type: 'authorization',
    instanceId,
    userCode,
    verificationUri: 'https://device.sso.eu-west-1.amazonaws.com/',
    verificationUriComplete: `https://device.sso.eu-west-1.amazonaws.com/?user_code=${userCode}`,
    expiresAt: now + 600_000,
  };
}

function subscribe<T>(set: Set<T>, listener: T): () => void {
  set.add(listener);
  return () => void set.delete(listener);
}

function envLines(shell: ShellKind): string {
  const vars = { AWS_ACCESS_KEY_ID: CANARY_ACCESS_KEY, AWS_SECRET_ACCESS_KEY: CANARY_SECRET, AWS_SESSION_TOKEN: CANARY_SESSION_TOKEN };
  return Object.entries(vars)
    .map(([k, v]) => (shell === 'powershell' ? `$Env:${k}="${v}"` : shell === 'fish' ? `set -gx ${k} "${v}"` : shell === 'cmd' ? `set ${k}=${v}` : `export ${k}="${v}"`))
    .join('\n');
}
