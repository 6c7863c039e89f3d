import { helloBroker } from '../../core/broker/broker-client';
import { table } from '../args';
import { defineCommand, jsonFlag } from '../command';

export const command = defineCommand(
  {
    path: 'status',
    summary: 'Show sessions, their expiry, and whether a broker is running.',
    usage: ['status [--json]'],
    flags: { json: jsonFlag },
  },
  async (args, ctx) => {
    const core = await ctx.core();
    const instances = [];
    for (const instance of await core.instances.list()) {
      const session = await core.tokens.sessionState(instance.id);
      const catalog = await core.cachedCatalog(instance.id);
      instances.push({
        id: instance.id,
        name: instance.name,
        status: session.status,
        expiresAt: session.expiresAt === undefined ? null : new Date(session.expiresAt).toISOString(),
        accounts: catalog?.accounts.length ?? null,
        syncedAt: catalog ? new Date(catalog.syncedAt).toISOString() : null,
      });
    }
    const hello = await helloBroker(core.broker);
    const broker = hello.kind === 'answered' ? { running: true, pid: hello.value.pid, socket: core.broker.socket } : { running: false, pid: null, socket: core.broker.socket };
    if (args.flags.json) {
      ctx.stdout.write(`${JSON.stringify({ instances, broker, configFile: core.configFile, appDir: core.appDir })}\n`);
      return;
    }
    if (instances.length === 0) ctx.stdout.write('No instances yet. Add one with `rolecall login --start-url URL --region REGION`.\n');
    else {
      ctx.stdout.write(
        `${table(
          instances.map((i) => [
            i.id,
            `${i.status}${i.expiresAt ? ` until ${new Date(i.expiresAt).toLocaleString()}` : ''}; ${i.accounts === null ? 'not synced' : `${i.accounts} accounts`}`,
          ]),
        ).join('\n')}\n`,
      );
    }
    ctx.stdout.write(`Broker: ${broker.running ? `running (pid ${broker.pid})` : 'not running (credential_process works directly)'}\n`);
    ctx.stdout.write(`AWS config: ${core.configFile}\nApp data: ${core.appDir}\n`);
  },
);
