import type { ProfileChange } from '../../core/aws-config/profile-plan';
import { previewProfiles, writeProfiles } from '../../core/aws-config/profile-writer';
import type { CatalogView, ProfileSelection } from '../../core/aws-config/role-selection';
import { RolecallError } from '../../core/errors';
import { UsageError } from '../args';
import { defineCommand, jsonFlag } from '../command';
import { NoInstancesError } from '../instance-choice';

/** An instance has no account list yet, so its profiles cannot be planned. */
export class CatalogMissingError extends RolecallError {
  constructor(instanceId: string) {
    super('catalog-missing', `There is no account list for "${instanceId}" yet.`, { hint: `Run \`rolecall sync ${instanceId}\` first.` });
  }
}

export const command = defineCommand(
  {
    path: 'profiles write',
    summary: 'Write credential_process profiles into the AWS config file.',
    usage: ['profiles write (--all | FILTER) [--instance INSTANCE] [--template T] [--region R] [--output FORMAT] [--dry-run] [--prune] [--json]'],
    description:
      'Adds or updates one profile per selected role (from the account lists of the last sync), named from the template ' +
      '(default {accountName}/{roleName}; placeholders {instance}, {accountName}, {accountId}, {roleName}). Everything else in the file stays byte for byte. ' +
      '--prune removes Rolecall profiles whose role is no longer assigned; --dry-run prints the change as a diff and writes nothing.',
    flags: {
      all: { type: 'boolean', description: 'Every role.' },
      instance: { type: 'string', description: 'Only roles of this instance.', placeholder: 'INSTANCE' },
      template: { type: 'string', description: 'Profile name template.', placeholder: 'T' },
      region: { type: 'string', description: 'Write this region into each profile.', placeholder: 'R' },
      output: { type: 'string', description: 'Write this AWS CLI output format into each profile.', placeholder: 'FORMAT' },
      'dry-run': { type: 'boolean', description: 'Show the change; write nothing.' },
      prune: { type: 'boolean', description: 'Remove profiles of roles no longer assigned.' },
      json: jsonFlag,
    },
    positionals: [{ name: 'FILTER', description: 'Words a role must match (see `rolecall ls`).', variadic: true }],
    examples: ['rolecall profiles write --all', 'rolecall profiles write prod --region eu-west-1 --dry-run', 'rolecall profiles write --all --prune'],
  },
  async (args, ctx) => {
    const { flags } = args;
    const filter = args.positionals.join(' ').trim();
    if (flags.all && filter !== '') throw new UsageError('Give --all or a FILTER, not both.', 'profiles write');
    if (!flags.all && filter === '' && !flags.prune) throw new UsageError('Choose the roles: --all, or a FILTER such as "prod admin".', 'profiles write');
    const selection: ProfileSelection = flags.all ? { kind: 'all' } : filter !== '' ? { kind: 'filter', filter } : { kind: 'roles', roles: [] };

    const core = await ctx.core();
    const instances = flags.instance !== undefined ? [await core.instances.get(flags.instance)] : await core.instances.list();
    if (instances.length === 0) throw new NoInstancesError();
    const catalogs: CatalogView[] = [];
    for (const instance of instances) {
      const catalog = await core.cachedCatalog(instance.id);
      if (!catalog) throw new CatalogMissingError(instance.id);
      catalogs.push(catalog);
    }
    const settings = (await core.settings()).current();
    const request = {
      catalogs,
      selection,
      template: flags.template ?? settings.profileNameTemplate,
      region: flags.region ?? settings.defaultRegion,
      output: flags.output ?? null,
      commandPrefix: ctx.selfCommand,
      prune: flags.prune,
    };

    if (flags['dry-run']) {
      const plan = await previewProfiles(core.configFile, request);
      if (flags.json) ctx.stdout.write(`${JSON.stringify({ path: plan.path, written: false, changes: plan.changes })}\n`);
      else {
        ctx.stdout.write(plan.diff({ oldLabel: plan.path, newLabel: plan.path }));
        ctx.stdout.write(`${summary(plan.changes)} (dry run: nothing written)\n`);
      }
      return;
    }
    const result = await writeProfiles(core.configFile, request, { logger: core.logger });
    if (flags.json) {
      ctx.stdout.write(`${JSON.stringify({ path: result.path, written: result.written, backupPath: result.backupPath ?? null, changes: result.changes })}\n`);
      return;
    }
    ctx.stdout.write(`${summary(result.changes)} in ${result.path}.\n`);
    if (result.backupPath) ctx.stdout.write(`The previous file is saved as ${result.backupPath}.\n`);
  },
);

function summary(changes: readonly ProfileChange[]): string {
  const count = (kind: ProfileChange['kind']) => changes.filter((c) => c.kind === kind).length;
  return `${count('add')} added, ${count('update')} updated, ${count('unchanged')} unchanged, ${count('prune')} pruned`;
}
