import { startBroker } from '../../core/broker/broker-server';
import { isRolecallError } from '../../core/errors';
import { defineCommand, jsonFlag } from '../command';
import { signInPolicy } from '../sign-in-policy';

export const command = defineCommand(
  {
    path: 'daemon',
    summary: 'Serve credentials from memory to CLI callers (the headless broker).',
    usage: ['daemon [--json]'],
    description:
      'Runs the Rolecall broker without the app: credential_process calls ask it over a private local socket and get credentials from memory, ' +
      'concurrent calls for one role share one fetch, and the roles in use and the sign-in are kept fresh ahead of expiry. ' +
      'Stop it with Ctrl-C or SIGTERM. Only one broker (this or the app) runs per user.',
    flags: { json: jsonFlag },
  },
  async (args, ctx) => {
    const core = await ctx.core();
    const scheduler = await core.scheduler();
    const canShowSignIn = signInPolicy(ctx.env, ctx.platform).allowed;
    const broker = await startBroker({
      paths: core.broker,
      clock: core.clock,
      logger: core.logger,
      source: {
        async getCredentials(role, { interactive, onSigningIn }) {
          const credentials = await core.roleCredentials(role, { interactive: interactive && canShowSignIn ? {} : false, onSigningIn });
          const instance = await core.instances.get(role.instanceId);
          scheduler.useRole(instance, role.accountId, role.roleName).catch((error: unknown) => {
            core.logger.warn('could not keep a role fresh', { instanceId: role.instanceId, errorCode: isRolecallError(error) ? error.code : 'unknown' });
          });
          return credentials;
        },
      },
    });
    const stopSignIns = scheduler.on((event) => {
      if (event.type === 'session-ended') broker.forget(event.instanceId);
    });
    if (args.flags.json) ctx.stdout.write(`${JSON.stringify({ event: 'listening', socket: broker.socket, pid: process.pid })}\n`);
    else ctx.stdout.write(`Rolecall broker listening on ${broker.socket} (pid ${process.pid}). Ctrl-C to stop.\n`);
    await new Promise<void>((resolve) => {
      process.once('SIGINT', resolve);
      process.once('SIGTERM', resolve);
    });
    stopSignIns();
    await broker.close();
    if (args.flags.json) ctx.stdout.write(`${JSON.stringify({ event: 'stopped' })}\n`);
  },
);
