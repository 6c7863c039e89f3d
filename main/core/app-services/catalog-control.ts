/**
 * The account lists in the window: the cached list of each instance is shown at once, and a
 * sync replaces it, reporting progress as accounts arrive ("340 of 1,000 accounts"). A failed
 * sync keeps the last good list and says why in the instance's `syncError`. One sync per
 * instance at a time: a second request joins it.
 */
import { isRolecallError } from '../errors';
import type { AccountCatalog, SyncEvent } from '../model';
import type { CatalogSync, Unsubscribe } from '../../ipc/services';
import { errorCodeOf, type AppContext } from './app-context';

const UNEXPECTED_SYNC_FAILURE = 'The account list could not be refreshed.';

export class AppCatalogControl implements CatalogSync {
  private readonly running = new Map<string, Promise<void>>();
  private readonly listeners = new Set<(event: SyncEvent) => void>();

  constructor(private readonly ctx: AppContext) {}

  sync(instanceId: string): Promise<void> {
    let running = this.running.get(instanceId);
    if (!running) {
      running = this.run(instanceId).finally(() => this.running.delete(instanceId));
      this.running.set(instanceId, running);
    }
    return running;
  }

  /** Starts a sync nobody waits for (after a sign-in, at start): its outcome shows in the state. */
  syncInBackground(instanceId: string): void {
    this.sync(instanceId).catch((error: unknown) => this.ctx.logger.info('background sync failed', { instanceId, errorCode: errorCodeOf(error) }));
  }

  onProgress(listener: (event: SyncEvent) => void): Unsubscribe {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }

  async catalog(instanceId: string): Promise<AccountCatalog | null> {
    await this.ctx.core.instances.get(instanceId);
    return this.ctx.state.catalog(instanceId);
  }

  /** Reads an instance's cached list into the state (no network, no AWS SDK). */
  async loadCached(instanceId: string): Promise<void> {
    try {
      const cached = await this.ctx.core.cachedCatalog(instanceId);
      // A sync that finished meanwhile has the newer list.
      if (cached && !this.ctx.state.catalog(instanceId)) this.ctx.state.setCatalog(instanceId, cached);
    } catch (error) {
      this.ctx.logger.warn('cached account list not read', { instanceId, errorCode: errorCodeOf(error) });
    }
  }

  private async run(instanceId: string): Promise<void> {
    const { core, state } = this.ctx;
    const instance = await core.instances.get(instanceId);
    state.setSyncProgress(instanceId, { done: 0, total: 0 });
    try {
      const { catalogs } = await core.portal();
      const { catalog } = await catalogs.sync(instance, (event) => this.progress(event));
      // The instance may have been removed while its accounts were listed.
      if (state.instanceList().some((i) => i.id === instanceId)) {
        state.setCatalog(instanceId, catalog);
        state.setSyncError(instanceId, null);
      }
    } catch (error) {
      state.setSyncError(instanceId, isRolecallError(error) ? error.message : UNEXPECTED_SYNC_FAILURE);
      throw error;
    } finally {
      state.setSyncProgress(instanceId, null);
    }
  }

  private progress(event: SyncEvent): void {
    const { state } = this.ctx;
    if (event.type === 'accounts-listed') state.setSyncProgress(event.instanceId, { done: state.syncProgressOf(event.instanceId)?.done ?? 0, total: event.total });
    else if (event.type === 'account') state.setSyncProgress(event.instanceId, { done: event.done, total: event.total });
    for (const listener of [...this.listeners]) {
      try {
        listener(event);
      } catch (error) {
        this.ctx.logger.error('sync listener failed', { instanceId: event.instanceId, errorCode: errorCodeOf(error) });
      }
    }
  }
}
