/**
 * Adding, renaming and removing Identity Center instances from the window. The registry
 * validates and stores; this keeps the app's state in step: a new instance starts signed out,
 * a removed one takes its sign-in, refresh timers, account list, favourites and recents along.
 */
import { deleteAllCachedCredentials } from '../credentials/credential-cache';
import type { IdentityCenterInstance } from '../model';
import type { AddInstanceInput } from '../../ipc/contract';
import type { InstanceDirectory } from '../../ipc/services';
import { errorCodeOf, type AppContext } from './app-context';

export interface InstanceDirectoryHooks {
  /** Before an instance is removed: stop its sign-in. */
  removing(instanceId: string): Promise<void>;
  /** After it was removed: drop what the broker remembers. */
  removed(instanceId: string): void;
}

export class AppInstanceDirectory implements InstanceDirectory {
  constructor(
    private readonly ctx: AppContext,
    private readonly hooks: InstanceDirectoryHooks,
  ) {}

  async add(input: AddInstanceInput): Promise<IdentityCenterInstance> {
    const instance = await this.ctx.core.instances.add(input);
    await this.reload();
    await this.ctx.sessions.load(instance.id);
    this.ctx.logger.info('instance added', { instanceId: instance.id, sandbox: instance.endpointUrl !== undefined });
    return instance;
  }

  async rename(instanceId: string, name: string): Promise<void> {
    await this.ctx.core.instances.rename(instanceId, name);
    await this.reload();
  }

  async remove(instanceId: string): Promise<void> {
    await this.ctx.core.instances.get(instanceId);
    await this.hooks.removing(instanceId);
    this.ctx.scheduler()?.unwatch(instanceId);
    // The registry clears the instance's own keychain items; its cached role credentials live
    // in a namespace of their own and must not outlive it either.
    await deleteAllCachedCredentials(this.ctx.core.secrets, instanceId);
    await this.ctx.core.instances.remove(instanceId);
    this.hooks.removed(instanceId);
    this.ctx.sessions.forget(instanceId);
    await this.reload();
    try {
      await this.ctx.roleLists.forgetInstance(instanceId);
    } catch (error) {
      this.ctx.logger.warn('favourites of a removed instance not cleared', { instanceId, errorCode: errorCodeOf(error) });
    }
    this.ctx.state.changed();
    this.ctx.logger.info('instance removed', { instanceId });
  }

  /** Reads the instance list again into the state. */
  async reload(): Promise<void> {
    this.ctx.state.setInstances(await this.ctx.core.instances.list());
  }
}
