import { forgetInBroker } from '../../core/broker/broker-client';
import { deleteAllCachedCredentials } from '../../core/credentials/credential-cache';
import type { IdentityCenterInstance } from '../../core/model';
import { UsageError } from '../args';
import { defineCommand, jsonFlag } from '../command';
import { chooseInstance } from '../instance-choice';

export const command = defineCommand(
  {
    path: 'logout',
    summary: 'Sign out of an instance and forget its tokens and cached credentials.',
    usage: ['logout [INSTANCE | --all] [--json]'],
    description:
      'Ends the Identity Center portal session, deletes the tokens and every cached role credential of the instance from the keychain, ' +
      'and tells a running Rolecall app or daemon to forget them too. The instance itself and its client registration stay.',
    flags: {
      all: { type: 'boolean', description: 'Sign out of every instance.' },
      json: jsonFlag,
    },
    positionals: [{ name: 'INSTANCE', description: 'The instance to sign out of (default: the only one).' }],
  },
  async (args, ctx) => {
    const core = await ctx.core();
    if (args.flags.all && args.positionals[0] !== undefined) throw new UsageError('Give an instance or --all, not both.', 'logout');
    const targets: IdentityCenterInstance[] = args.flags.all ? await core.instances.list() : [await chooseInstance(core, args.positionals[0], 'logout')];
    const results: { instance: string; credentialsDeleted: number }[] = [];
    for (const instance of targets) {
      await core.signIn.signOut(instance.id);
      const credentialsDeleted = await deleteAllCachedCredentials(core.secrets, instance.id);
      await forgetInBroker(core.broker, instance.id);
      results.push({ instance: instance.id, credentialsDeleted });
      if (!args.flags.json) ctx.stdout.write(`Signed out of ${instance.name} (${instance.id}).\n`);
    }
    if (args.flags.json) ctx.stdout.write(`${JSON.stringify(results)}\n`);
  },
);
