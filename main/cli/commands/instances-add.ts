import { defineCommand, jsonFlag } from '../command';

export const command = defineCommand(
  {
    path: 'instances add',
    summary: 'Add an Identity Center instance without signing in.',
    usage: ['instances add --start-url URL --region REGION [--name NAME] [--endpoint-url URL] [--json]'],
    flags: {
      'start-url': { type: 'string', description: 'The AWS access portal URL of the instance.', placeholder: 'URL', required: true },
      region: { type: 'string', description: 'The region the instance lives in.', placeholder: 'REGION', required: true },
      name: { type: 'string', description: 'Display name (also the source of its id).', placeholder: 'NAME' },
      'endpoint-url': { type: 'string', description: 'Send OIDC and portal calls to this origin (the local sandbox).', placeholder: 'URL' },
      json: jsonFlag,
    },
    examples: ['rolecall instances add --start-url https://d-1234567890.awsapps.com/start --region eu-west-1 --name acme'],
  },
  async (args, ctx) => {
    const { flags } = args;
    const core = await ctx.core();
    const instance = await core.instances.add({
      startUrl: flags['start-url'],
      region: flags.region,
      ...(flags.name !== undefined ? { name: flags.name } : {}),
      ...(flags['endpoint-url'] !== undefined ? { endpointUrl: flags['endpoint-url'] } : {}),
    });
    if (flags.json) ctx.stdout.write(`${JSON.stringify(instance)}\n`);
    else ctx.stdout.write(`Added ${instance.name} as "${instance.id}". Sign in with \`rolecall login ${instance.id}\`.\n`);
  },
);
