import type { IdentityCenterInstance, SyncEvent } from '../../core/model';
import type { CliContext } from '../cli-context';
import { defineCommand, jsonFlag } from '../command';
import { NoInstancesError } from '../instance-choice';

export const command = defineCommand(
  {
    path: 'sync',
    summary: 'Refresh the list of accounts and roles from Identity Center.',
    usage: ['sync [INSTANCE] [--json]'],
    description: 'Lists every account and the roles you hold in each, and caches the list for `ls`, `profiles write` and the app. Without INSTANCE, syncs every instance.',
    flags: { json: jsonFlag },
    positionals: [{ name: 'INSTANCE', description: 'Only this instance.' }],
  },
  async (args, ctx) => {
    const core = await ctx.core();
    const named = args.positionals[0];
    const targets = named !== undefined ? [await core.instances.get(named)] : await core.instances.list();
    if (targets.length === 0) throw new NoInstancesError();
    const { catalogs } = await core.portal();
    const results: { instance: string; accounts: number; roles: number; syncedAt: string }[] = [];
    for (const instance of targets) {
      const { catalog } = await catalogs.sync(instance, (event) => !args.flags.json && showProgress(ctx, instance, event));
      const roles = catalog.accounts.reduce((n, a) => n + a.roles.length, 0);
      results.push({ instance: instance.id, accounts: catalog.accounts.length, roles, syncedAt: new Date(catalog.syncedAt).toISOString() });
      if (!args.flags.json) ctx.stdout.write(`${instance.name} (${instance.id}): ${catalog.accounts.length} accounts, ${roles} roles.\n`);
    }
    if (args.flags.json) ctx.stdout.write(`${JSON.stringify(results)}\n`);
  },
);

function showProgress(ctx: CliContext, instance: IdentityCenterInstance, event: SyncEvent): void {
  if (ctx.stderr.isTTY !== true || event.type !== 'account') return;
  ctx.stderr.write(`\r${instance.id}: ${event.done}/${event.total} accounts…${event.done === event.total ? '\r\x1b[K' : ''}`);
}
