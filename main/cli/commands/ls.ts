import { roleMatchesFilter } from '../../core/aws-config/role-selection';
import { table } from '../args';
import { defineCommand, jsonFlag } from '../command';
import { profilesByRole } from '../profile-index';

export const command = defineCommand(
  {
    path: 'ls',
    summary: 'List the accounts and roles you can reach, and their profiles.',
    usage: ['ls [FILTER] [--instance INSTANCE] [--json]'],
    description:
      'Reads the account lists saved by the last sync (run `rolecall sync` to refresh them). FILTER keeps roles whose instance, account id, ' +
      'account name or role name contain every word of it, ignoring case. With --json: an array of {"instance","accountId","accountName","roleName","profile"} ' +
      '(profile is null when the role has no Rolecall profile).',
    flags: {
      instance: { type: 'string', description: 'Only this instance.', placeholder: 'INSTANCE' },
      json: jsonFlag,
    },
    positionals: [{ name: 'FILTER', description: 'Words to look for.', variadic: true }],
    examples: ['rolecall ls prod admin', 'rolecall ls --json | jq -r ".[].profile"'],
  },
  async (args, ctx) => {
    const core = await ctx.core();
    const filter = args.positionals.join(' ');
    const instances = args.flags.instance !== undefined ? [await core.instances.get(args.flags.instance)] : await core.instances.list();
    const profiles = await profilesByRole(core.configFile);
    const rows: { instance: string; accountId: string; accountName: string; roleName: string; profile: string | null }[] = [];
    const unsynced: string[] = [];
    for (const instance of instances) {
      const catalog = await core.cachedCatalog(instance.id);
      if (!catalog) {
        unsynced.push(instance.id);
        continue;
      }
      for (const account of catalog.accounts) {
        for (const roleName of account.roles) {
          const fields = { instanceId: instance.id, accountId: account.accountId, accountName: account.accountName, roleName };
          if (filter !== '' && !roleMatchesFilter(fields, filter)) continue;
          rows.push({ instance: instance.id, accountId: account.accountId, accountName: account.accountName, roleName, profile: profiles.get(`${instance.id}/${account.accountId}/${roleName}`) ?? null });
        }
      }
    }
    if (unsynced.length > 0) ctx.stderr.write(`rolecall: no account list yet for ${unsynced.join(', ')}; run \`rolecall sync\`.\n`);
    if (args.flags.json) {
      ctx.stdout.write(`${JSON.stringify(rows)}\n`);
      return;
    }
    if (rows.length === 0) {
      ctx.stdout.write(filter === '' ? 'No roles.\n' : `No role matches "${filter}".\n`);
      return;
    }
    ctx.stdout.write(`${table(rows.map((r) => [`${r.accountName} (${r.accountId})`, `${r.roleName}  ${r.profile ?? '-'}${instances.length > 1 ? `  [${r.instance}]` : ''}`])).join('\n')}\n`);
  },
);
