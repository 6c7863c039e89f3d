import { validateEndpointUrl, validateStartUrl } from '../../core/instances/instance-validation';
import type { IdentityCenterInstance, SignInEvent } from '../../core/model';
import type { RolecallCore } from '../../core/rolecall-core';
import { UsageError } from '../args';
import type { CliContext } from '../cli-context';
import { defineCommand, jsonFlag } from '../command';
import { chooseInstance } from '../instance-choice';
import { abortOnInterrupt } from '../interrupt';
import { signInPolicy } from '../sign-in-policy';

export const command = defineCommand(
  {
    path: 'login',
    summary: 'Sign in to an Identity Center instance (adding it first if new).',
    usage: [
      'login --start-url URL --region REGION [--name NAME] [--endpoint-url URL] [--no-browser] [--pkce] [--json]',
      'login [INSTANCE] [--no-browser] [--pkce | --device-code] [--json]',
    ],
    description:
      'Signs in with the OIDC device flow (or, with --pkce, the authorization code flow with PKCE) and keeps the tokens in the OS keychain. ' +
      'The first form adds the instance if it is new. Without a display the link and code are printed for you to open on any device. ' +
      'With --json, progress is printed as JSON lines: first {"event":"authorization",…}, last {"event":"signed-in",…} (or {"event":"failed",…}).',
    flags: {
      'start-url': { type: 'string', description: 'The AWS access portal URL of the instance.', placeholder: 'URL' },
      region: { type: 'string', description: 'The region the instance lives in.', placeholder: 'REGION' },
      name: { type: 'string', description: 'Display name for a new instance (also the source of its id).', placeholder: 'NAME' },
      'endpoint-url': { type: 'string', description: 'Send OIDC and portal calls to this origin (the local sandbox).', placeholder: 'URL' },
      'no-browser': { type: 'boolean', description: 'Print the link and code instead of opening a browser.' },
      pkce: { type: 'boolean', description: 'Use the authorization code flow with PKCE.' },
      'device-code': { type: 'boolean', description: 'Use the device code flow (the default unless settings say otherwise).' },
      json: jsonFlag,
    },
    positionals: [{ name: 'INSTANCE', description: 'The id of an instance already added (see `rolecall instances list`).' }],
    examples: [
      'rolecall login --start-url https://d-1234567890.awsapps.com/start --region eu-west-1 --name acme',
      'rolecall login acme --no-browser',
    ],
  },
  async (args, ctx) => {
    const { flags } = args;
    if (flags.pkce && flags['device-code']) throw new UsageError('Choose one of --pkce and --device-code.', 'login');
    const named = args.positionals[0];
    if (named !== undefined && (flags['start-url'] !== undefined || flags.region !== undefined)) {
      throw new UsageError('Give either an instance id or --start-url and --region, not both.', 'login');
    }
    if ((flags['start-url'] === undefined) !== (flags.region === undefined)) {
      throw new UsageError('--start-url and --region go together.', 'login');
    }
    const core = await ctx.core();
    const instance =
      flags['start-url'] !== undefined && flags.region !== undefined
        ? await findOrAdd(core, { startUrl: flags['start-url'], region: flags.region, name: flags.name, endpointUrl: flags['endpoint-url'] })
        : await chooseInstance(core, named, 'login');
    const method = flags.pkce ? 'pkce' : flags['device-code'] ? 'device' : (await core.settings()).current().signInMethod;
    const noBrowser = flags['no-browser'] || !signInPolicy(ctx.env, ctx.platform).allowed;
    const interrupt = abortOnInterrupt();
    try {
      const { expiresAt } = await core.signIn.signIn(instance.id, {
        method,
        noBrowser,
        signal: interrupt.signal,
        onEvent: (event) => (flags.json ? printJsonEvent(ctx, event) : printEvent(ctx, instance, event, noBrowser)),
      });
      if (!flags.json) ctx.stdout.write(`Signed in to ${instance.name} (${instance.id}); the session lasts until ${new Date(expiresAt).toLocaleString()}.\n`);
    } finally {
      interrupt.dispose();
    }
  },
);

async function findOrAdd(
  core: RolecallCore,
  input: { startUrl: string; region: string; name: string | undefined; endpointUrl: string | undefined },
): Promise<IdentityCenterInstance> {
  const startUrl = validateStartUrl(input.startUrl);
  const endpointUrl = input.endpointUrl === undefined ? undefined : validateEndpointUrl(input.endpointUrl);
  const existing = (await core.instances.list()).find((i) => i.startUrl === startUrl && i.endpointUrl === endpointUrl);
  if (existing) return existing;
  return core.instances.add({
    startUrl: input.startUrl,
    region: input.region,
    ...(input.name !== undefined ? { name: input.name } : {}),
    ...(input.endpointUrl !== undefined ? { endpointUrl: input.endpointUrl } : {}),
  });
}

function printJsonEvent(ctx: CliContext, event: SignInEvent): void {
  const line = (value: object) => ctx.stdout.write(`${JSON.stringify(value)}\n`);
  switch (event.type) {
    case 'authorization':
      line({
        event: 'authorization',
        userCode: event.userCode,
        verificationUri: event.verificationUri,
        verificationUriComplete: event.verificationUriComplete,
        expiresAt: new Date(event.expiresAt).toISOString(),
      });
      break;
    case 'browser-opened':
      line({ event: 'browser-opened', url: event.url });
      break;
    case 'waiting':
      line({ event: 'waiting' });
      break;
    case 'signed-in':
      line({ event: 'signed-in', instance: event.instanceId, expiresAt: new Date(event.expiresAt).toISOString() });
      break;
    case 'failed':
      line({ event: 'failed', instance: event.instanceId, code: event.error.code, message: event.error.message });
      break;
  }
}

function printEvent(ctx: CliContext, instance: IdentityCenterInstance, event: SignInEvent, noBrowser: boolean): void {
  switch (event.type) {
    case 'authorization':
      if (event.userCode === '') {
        ctx.stderr.write(`${noBrowser ? 'Open this link in a browser on this computer' : 'Opening your browser'} to sign in to ${instance.name}:\n  ${event.verificationUriComplete}\n`);
      } else {
        ctx.stderr.write(
          `${noBrowser ? 'Open this link in any browser' : 'Opening your browser'} to sign in to ${instance.name}:\n  ${event.verificationUriComplete}\n` +
            `Check that the page shows the code ${event.userCode}, then choose Allow. (The code expires at ${new Date(event.expiresAt).toLocaleTimeString()}.)\n`,
        );
      }
      break;
    case 'waiting':
      ctx.stderr.write('Waiting for approval… (Ctrl-C to cancel)\n');
      break;
    default:
      break;
  }
}
