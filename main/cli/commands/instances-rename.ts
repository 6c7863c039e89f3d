import { defineCommand, jsonFlag } from '../command';

export const command = defineCommand(
  {
    path: 'instances rename',
    summary: "Change an instance's display name.",
    usage: ['instances rename INSTANCE NAME [--json]'],
    description: 'The id (used in profiles and the keychain) stays the same.',
    flags: { json: jsonFlag },
    positionals: [
      { name: 'INSTANCE', description: 'The instance id.', required: true },
      { name: 'NAME', description: 'The new display name.', required: true },
    ],
  },
  async (args, ctx) => {
    const [id, name] = args.positionals as [string, string];
    const core = await ctx.core();
    const renamed = await core.instances.rename(id, name);
    if (args.flags.json) ctx.stdout.write(`${JSON.stringify(renamed)}\n`);
    else ctx.stdout.write(`Renamed "${renamed.id}" to ${renamed.name}.\n`);
  },
);
