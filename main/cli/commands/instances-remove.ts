import { forgetInBroker } from '../../core/broker/broker-client';
import { defineCommand, jsonFlag } from '../command';

export const command = defineCommand(
  {
    path: 'instances remove',
    summary: 'Remove an instance, its tokens and its cached data.',
    usage: ['instances remove INSTANCE [--json]'],
    description:
      'Deletes every keychain item of the instance (tokens, client registration, role credentials) and its cached account list. ' +
      'Profiles it wrote stay in the AWS config file; remove them with `rolecall profiles write --prune` or by hand.',
    flags: { json: jsonFlag },
    positionals: [{ name: 'INSTANCE', description: 'The instance id.', required: true }],
  },
  async (args, ctx) => {
    const id = args.positionals[0] as string;
    const core = await ctx.core();
    await core.instances.remove(id);
    await forgetInBroker(core.broker, id);
    if (args.flags.json) ctx.stdout.write(`${JSON.stringify({ removed: id })}\n`);
    else ctx.stdout.write(`Removed "${id}" and its tokens.\n`);
  },
);
