/**
 * The app's state in memory, and the AppSnapshot built from it: instances with their session
 * and sync progress, the cached account lists, favourites, recents, profile names and
 * settings. Every part is kept current by the services that change it; a snapshot is built
 * from memory (no keychain, no network), and listeners hear of changes coalesced.
 */
import type { Clock } from '../clock';
import { silentLogger, type Logger } from '../logger';
import type { AccountCatalog, AccountWithRoles, IdentityCenterInstance, RoleRef } from '../model';
import type { AppSnapshot, InstanceView } from '../../ipc/contract';
import type { AppStateSource, SettingsEditor, Unsubscribe } from '../../ipc/services';
import { createChangeNotifier, type ChangeNotifier } from './change-notifier';
import type { ProfileIndex } from './profile-index';
import type { RoleLists } from './role-lists';
import type { SessionStates } from './session-states';

/** Listeners hear of changes at most this often. */
export const STATE_CHANGE_INTERVAL_MS = 100;

export interface AppStateParts {
  clock: Clock;
  settings: SettingsEditor;
  sessions: SessionStates;
  roleLists: RoleLists;
  profiles: ProfileIndex;
  logger?: Logger;
  intervalMs?: number;
}

export class AppState implements AppStateSource {
  private instances: readonly IdentityCenterInstance[] = [];
  private readonly catalogs = new Map<string, AccountCatalog>();
  private readonly syncProgress = new Map<string, { done: number; total: number }>();
  private readonly syncErrors = new Map<string, string>();
  private readonly listeners = new Set<(snapshot: AppSnapshot) => void>();
  private readonly notifier: ChangeNotifier;
  private readonly logger: Logger;
  private loaded: Promise<void> = Promise.resolve();

  constructor(private readonly parts: AppStateParts) {
    this.logger = parts.logger ?? silentLogger;
    this.notifier = createChangeNotifier(parts.clock, parts.intervalMs ?? STATE_CHANGE_INTERVAL_MS, () => this.publish());
  }

  /** Snapshots wait for this first load (set once at start). */
  waitFor(loading: Promise<void>): void {
    this.loaded = loading;
  }

  async snapshot(): Promise<AppSnapshot> {
    await this.loaded;
    // The config file may have been edited outside the app (`rolecall profiles write`, by hand).
    await this.parts.profiles.refresh();
    return this.build();
  }

  onChange(listener: (snapshot: AppSnapshot) => void): Unsubscribe {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }

  /** Something changed: listeners get a new snapshot soon. */
  changed(): void {
    this.notifier.request();
  }

  stop(): void {
    this.notifier.cancel();
    this.listeners.clear();
  }

  // ---- Parts kept by the services ----------------------------------------------------------

  instanceList(): readonly IdentityCenterInstance[] {
    return this.instances;
  }

  setInstances(instances: readonly IdentityCenterInstance[]): void {
    this.instances = instances;
    const ids = new Set(instances.map((i) => i.id));
    for (const map of [this.catalogs, this.syncProgress, this.syncErrors]) for (const id of [...map.keys()]) if (!ids.has(id)) map.delete(id);
    this.changed();
  }

  catalog(instanceId: string): AccountCatalog | null {
    return this.catalogs.get(instanceId) ?? null;
  }

  setCatalog(instanceId: string, catalog: AccountCatalog | null): void {
    if (catalog) this.catalogs.set(instanceId, catalog);
    else this.catalogs.delete(instanceId);
    this.changed();
  }

  setSyncProgress(instanceId: string, progress: { done: number; total: number } | null): void {
    if (progress) this.syncProgress.set(instanceId, progress);
    else this.syncProgress.delete(instanceId);
    this.changed();
  }

  syncProgressOf(instanceId: string): { done: number; total: number } | null {
    return this.syncProgress.get(instanceId) ?? null;
  }

  setSyncError(instanceId: string, message: string | null): void {
    if (message === null) this.syncErrors.delete(instanceId);
    else this.syncErrors.set(instanceId, message);
    this.changed();
  }

  /** The account a role belongs to, when the role is in the instance's last list. */
  accountOf(role: RoleRef): AccountWithRoles | undefined {
    const account = this.catalogs.get(role.instanceId)?.accounts.find((a) => a.accountId === role.accountId);
    return account?.roles.includes(role.roleName) ? account : undefined;
  }

  /** The snapshot of the state as it is now. Never holds a secret: nothing secret is kept here. */
  build(): AppSnapshot {
    const instances: InstanceView[] = this.instances.map((instance) => ({
      ...instance,
      session: this.parts.sessions.get(instance.id),
      sync: this.syncProgress.get(instance.id) ?? null,
      syncError: this.syncErrors.get(instance.id) ?? null,
    }));
    const catalogs = this.instances.map((i) => this.catalogs.get(i.id)).filter((c): c is AccountCatalog => c !== undefined);
    const lists = this.parts.roleLists.current();
    return {
      instances,
      catalogs,
      favourites: [...lists.favourites],
      recents: [...lists.recents],
      profiles: { ...this.parts.profiles.current() },
      settings: this.parts.settings.current(),
    };
  }

  private publish(): void {
    if (this.listeners.size === 0) return;
    const snapshot = this.build();
    for (const listener of [...this.listeners]) {
      try {
        listener(snapshot);
      } catch (error) {
        this.logger.error('state listener failed', { error: error instanceof Error ? error.name : typeof error });
      }
    }
  }
}
