/**
 * One role's profile in the AWS config file, as the window adds and removes it: named by the
 * settings' template, with the settings' default region, and a credential_process line that
 * runs the `rolecall` command this app installs. Writes go through the config writer (locked,
 * atomic, everything else kept byte for byte).
 */
import { commandPlatform } from '../aws-config/credential-process-command';
import { writeProfiles } from '../aws-config/profile-writer';
import type { RoleRef } from '../model';
import type { ProfileWriter } from '../../ipc/services';
import { roleKey } from '../../ipc/contract';
import type { AppContext } from './app-context';
import { CatalogNotSyncedError, CliCommandUnknownError, ProfileNotFoundError } from './errors';
import { removeRoleProfiles } from './profile-removal';

const sameRole = (a: RoleRef, b: RoleRef) => a.instanceId === b.instanceId && a.accountId === b.accountId && a.roleName === b.roleName;

export class AppProfileControl implements ProfileWriter {
  constructor(private readonly ctx: AppContext) {}

  async profileName(role: RoleRef): Promise<string> {
    await this.ctx.profiles.refresh();
    const name = this.ctx.profiles.current()[roleKey(role)];
    if (name === undefined) throw new ProfileNotFoundError(role);
    return name;
  }

  async write(role: RoleRef): Promise<{ profile: string }> {
    const { core, state, settings } = this.ctx;
    await core.instances.get(role.instanceId);
    const catalog = state.catalog(role.instanceId);
    if (!catalog) throw new CatalogNotSyncedError(role.instanceId);
    const commandPrefix = core.cliCommand;
    if (!commandPrefix || commandPrefix.length === 0) throw new CliCommandUnknownError();
    const current = settings.current();
    const result = await writeProfiles(
      core.configFile,
      {
        catalogs: [catalog],
        selection: { kind: 'roles', roles: [role] },
        template: current.profileNameTemplate,
        region: current.defaultRegion,
        commandPrefix,
        platform: commandPlatform(core.platform),
      },
      { logger: this.ctx.logger },
    );
    const change = result.changes.find((c) => c.kind !== 'prune' && sameRole(c.role, role));
    // The planner always reports the selected role; a missing entry would be a planner bug.
    if (!change) throw new ProfileNotFoundError(role);
    this.ctx.logger.info('profile written', { instanceId: role.instanceId, accountId: role.accountId, roleName: role.roleName, change: change.kind });
    await this.refreshed();
    return { profile: change.profile };
  }

  async remove(role: RoleRef): Promise<void> {
    await this.ctx.core.instances.get(role.instanceId);
    const removed = await removeRoleProfiles(this.ctx.core.configFile, role, { logger: this.ctx.logger });
    this.ctx.logger.info('profile removed', { instanceId: role.instanceId, accountId: role.accountId, roleName: role.roleName, removed: removed.length });
    await this.refreshed();
  }

  /** The role's profile name, writing the profile first when it has none (a terminal needs one). */
  async ensure(role: RoleRef): Promise<string> {
    await this.ctx.profiles.refresh();
    return this.ctx.profiles.current()[roleKey(role)] ?? (await this.write(role)).profile;
  }

  private async refreshed(): Promise<void> {
    if (await this.ctx.profiles.refresh()) this.ctx.state.changed();
  }
}
