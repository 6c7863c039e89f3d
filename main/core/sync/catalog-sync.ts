import { isRolecallError, RolecallError } from '../errors';
import { silentLogger, type Logger } from '../logger';
import type { AccountCatalog, IdentityCenterInstance, SyncEvent } from '../model';
import { syncAccounts, type AccountSyncDeps, type AccountSyncResult } from './account-sync';
import { loadCachedCatalog, saveCatalog } from './catalog-cache';

export interface CatalogSyncOptions extends AccountSyncDeps {
  /** The app data folder (`appDataDir()`). */
  dataDir: string;
  logger?: Logger;
}

export type SyncListener = (event: SyncEvent) => void;

/**
 * The account lists of every instance, as the app and the CLI see them: the cached list is
 * there at once (`cached`), and `sync` revalidates it in the background. A sync that
 * completes replaces the list and its cache file; one that fails keeps the last good list and
 * remembers why (`lastError`). One sync per instance at a time: a second request joins it.
 */
export class CatalogSync {
  private readonly logger: Logger;
  private readonly catalogs = new Map<string, AccountCatalog | null>();
  private readonly running = new Map<string, { promise: Promise<AccountSyncResult>; listeners: Set<SyncListener> }>();
  private readonly errors = new Map<string, RolecallError>();

  constructor(private readonly options: CatalogSyncOptions) {
    this.logger = options.logger ?? silentLogger;
  }

  /**
   * The last good account list of the instance (from memory, else from its cache file), or
   * null before the first sync. An unusable cache file counts as none.
   */
  async cached(instanceId: string): Promise<AccountCatalog | null> {
    if (this.catalogs.has(instanceId)) return this.catalogs.get(instanceId) ?? null;
    let catalog: AccountCatalog | null = null;
    try {
      catalog = await loadCachedCatalog(this.options.dataDir, instanceId);
    } catch (error) {
      if (!isRolecallError(error, 'catalog-cache-invalid', 'catalog-cache-unreadable')) throw error;
      this.logger.warn('cached account list ignored', { instanceId, errorCode: error.code });
    }
    // A sync may have finished while the file was read: its list is newer.
    if (!this.catalogs.has(instanceId)) this.catalogs.set(instanceId, catalog);
    return this.catalogs.get(instanceId) ?? null;
  }

  /** Why the last sync of the instance failed, or undefined when it succeeded (or none ran). */
  lastError(instanceId: string): RolecallError | undefined {
    return this.errors.get(instanceId);
  }

  /** True while a sync of the instance is under way. */
  isSyncing(instanceId: string): boolean {
    return this.running.has(instanceId);
  }

  /**
   * Lists the instance's accounts and roles afresh, reporting progress to `onEvent`; resolves
   * with the new list (also saved as the cache) or rejects with why it failed, the last good
   * list kept. Joins a sync of the same instance already under way.
   */
  async sync(instance: IdentityCenterInstance, onEvent?: SyncListener): Promise<AccountSyncResult> {
    const existing = this.running.get(instance.id);
    if (existing) {
      if (onEvent) existing.listeners.add(onEvent);
      return existing.promise;
    }
    const listeners = new Set<SyncListener>(onEvent ? [onEvent] : []);
    const emit = (event: SyncEvent) => {
      for (const listener of listeners) {
        try {
          listener(event);
        } catch (error) {
          this.logger.error('sync listener failed', { instanceId: instance.id, error: error instanceof Error ? error.name : 'unknown' });
        }
      }
    };
    const promise = this.run(instance, emit).finally(() => this.running.delete(instance.id));
    this.running.set(instance.id, { promise, listeners });
    return promise;
  }

  /** Forgets this process's copy of an instance's list and its last error (the cache file stays). */
  forget(instanceId: string): void {
    this.catalogs.delete(instanceId);
    this.errors.delete(instanceId);
  }

  private async run(instance: IdentityCenterInstance, emit: SyncListener): Promise<AccountSyncResult> {
    let result: AccountSyncResult;
    try {
      result = await syncAccounts(instance, this.options, emit);
    } catch (error) {
      const shown = isRolecallError(error)
        ? error
        : new RolecallError('sync-failed', `The account list of "${instance.name}" could not be refreshed.`, { cause: error });
      this.errors.set(instance.id, shown);
      throw shown;
    }
    this.catalogs.set(instance.id, result.catalog);
    this.errors.delete(instance.id);
    try {
      await saveCatalog(this.options.dataDir, result.catalog);
    } catch (error) {
      // The new list is shown all the same; only the next start would have to wait for a sync.
      this.logger.warn('account list not cached', { instanceId: instance.id, errorCode: isRolecallError(error) ? error.code : 'unknown' });
    }
    return result;
  }
}
