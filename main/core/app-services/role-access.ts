/**
 * Acting as a role from the window and the tray: the console (through the federation
 * endpoint, or the instance's sandbox endpoint, and the browser opener with the saved browser
 * choice), a terminal window with the role's profile, and the environment lines of "Copy env".
 * Everything the user chose is checked before credentials are fetched; each use moves the role
 * to the front of the recents.
 */
import { loopbackOrigin } from '../browser/allowed-urls';
import { planBrowserLaunch } from '../browser/browser-opener';
import { openConsole } from '../console/console-sign-in';
import { resolveDestination } from '../console/destination';
import { EndpointOverrideError } from '../console/errors';
import { partitionForRegion } from '../console/partitions';
import type { RoleRef } from '../model';
import { credentialsEnvSnippet } from '../shell/env-snippets';
import { chooseTerminal, detectTerminals } from '../terminal/detect-terminals';
import { openTerminal, userShell } from '../terminal/open-terminal';
import { terminalTitle } from '../terminal/terminals';
import type { ConsoleOptions, ShellKind } from '../../ipc/contract';
import { roleKey } from '../../ipc/contract';
import type { RoleAccess } from '../../ipc/services';
import { errorCodeOf, type AppContext } from './app-context';
import type { AppProfileControl } from './profile-control';

export class AppRoleAccess implements RoleAccess {
  constructor(
    private readonly ctx: AppContext,
    private readonly profiles: AppProfileControl,
  ) {}

  async openConsole(role: RoleRef, options: ConsoleOptions): Promise<void> {
    const { core, host, settings, state } = this.ctx;
    const instance = await core.instances.get(role.instanceId);
    const region = options.region ?? settings.current().defaultRegion ?? instance.region;
    // A typo or a hostile destination changes nothing, not even the credential cache.
    resolveDestination({ partition: partitionForRegion(region), region }, options.destination);
    const sandbox = instance.endpointUrl === undefined ? undefined : loopbackOrigin(instance.endpointUrl);
    if (instance.endpointUrl !== undefined && sandbox === undefined) throw new EndpointOverrideError();
    const browser = settings.current().browser;
    const label = { accountId: role.accountId, accountName: state.accountOf(role)?.accountName ?? '', roleName: role.roleName };
    const deps = { fetch: core.fetch, clock: core.clock, logger: this.ctx.logger, platform: core.platform, env: core.env, exists: host.exists, launcher: host.launcher };
    planBrowserLaunch(sandbox ?? 'https://signin.aws.amazon.com/', { target: browser, role: label, ...(sandbox ? { sandboxOrigin: sandbox } : {}) }, deps);

    const credentials = await core.roleCredentials(role);
    await openConsole(
      {
        instance,
        credentials,
        region,
        ...(options.destination !== undefined ? { destination: options.destination } : {}),
        role: label,
        browser,
      },
      deps,
    );
    this.ctx.logger.info('console opened', { instanceId: role.instanceId, accountId: role.accountId, roleName: role.roleName, region });
    await this.used(role);
  }

  async openTerminal(role: RoleRef): Promise<void> {
    const { core, host, settings, state } = this.ctx;
    await core.instances.get(role.instanceId);
    const current = settings.current();
    const system = { platform: core.platform, env: core.env, exists: host.exists };
    // A missing terminal is told before anything is written.
    chooseTerminal(current.terminal, detectTerminals(system), system);
    // The terminal's shell reaches the role through AWS_PROFILE, so the role needs a profile.
    const profile = await this.profiles.ensure(role);
    const account = state.accountOf(role);
    await openTerminal(
      current.terminal,
      {
        profile,
        ...(current.defaultRegion ? { region: current.defaultRegion } : {}),
        title: terminalTitle({ accountName: account?.accountName ?? '', accountId: role.accountId, roleName: role.roleName }),
        shell: userShell(core.env, core.platform),
      },
      { ...system, launcher: host.launcher, logger: this.ctx.logger },
    );
    await this.used(role);
  }

  async environmentSnippet(role: RoleRef, shell: ShellKind): Promise<string> {
    const { core, settings } = this.ctx;
    await core.instances.get(role.instanceId);
    const region = settings.current().defaultRegion;
    const credentials = await core.roleCredentials(role);
    const snippet = credentialsEnvSnippet(shell, credentials, region ? { region } : {});
    this.ctx.logger.info('environment snippet made', { instanceId: role.instanceId, accountId: role.accountId, roleName: role.roleName, shell });
    await this.used(role);
    return snippet;
  }

  private async used(role: RoleRef): Promise<void> {
    try {
      await this.ctx.roleLists.used(roleKey(role));
    } catch (error) {
      // The action itself worked; only the recents list is not saved.
      this.ctx.logger.warn('recent roles not saved', { errorCode: errorCodeOf(error) });
    }
    this.ctx.state.changed();
  }
}
