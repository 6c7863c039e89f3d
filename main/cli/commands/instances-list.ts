import { table } from '../args';
import { defineCommand, jsonFlag } from '../command';

export const command = defineCommand(
  {
    path: 'instances list',
    summary: 'List the instances and where you stand with each.',
    usage: ['instances list [--json]'],
    flags: { json: jsonFlag },
  },
  async (args, ctx) => {
    const core = await ctx.core();
    const rows = [];
    for (const instance of await core.instances.list()) {
      const session = await core.tokens.sessionState(instance.id);
      rows.push({ ...instance, status: session.status, ...(session.expiresAt !== undefined ? { expiresAt: new Date(session.expiresAt).toISOString() } : {}) });
    }
    if (args.flags.json) {
      ctx.stdout.write(`${JSON.stringify(rows)}\n`);
      return;
    }
    if (rows.length === 0) {
      ctx.stdout.write('No instances yet. Add one with `rolecall login --start-url URL --region REGION`.\n');
      return;
    }
    ctx.stdout.write(
      `${table(rows.map((r) => [r.id, `${r.name}  ${r.startUrl}  ${r.region}  ${r.status}${r.expiresAt ? ` until ${new Date(r.expiresAt).toLocaleString()}` : ''}`])).join('\n')}\n`,
    );
  },
);
