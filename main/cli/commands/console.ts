import { spawn } from 'node:child_process';
import { loopbackOrigin } from '../../core/browser/allowed-urls';
import { planBrowserLaunch, type BrowserTarget } from '../../core/browser/browser-opener';
import { fileExists, pathsFor } from '../../core/browser/find-executable';
import { createDetachedLauncher } from '../../core/browser/process-launcher';
import { openConsole } from '../../core/console/console-sign-in';
import { resolveDestination } from '../../core/console/destination';
import { EndpointOverrideError } from '../../core/console/errors';
import { partitionForRegion } from '../../core/console/partitions';
import { defineCommand, jsonFlag } from '../command';
import { roleCredentialsFor, signInModeFor } from '../role-credentials';
import { resolveRoleTarget, roleTargetFlags } from '../role-target';

export const command = defineCommand(
  {
    path: 'console',
    summary: 'Open the AWS console as a role.',
    usage: [
      'console --profile NAME [--region R] [--destination D] [--print] [--sign-out-first] [--json]',
      'console --account ACCOUNT --role ROLE [--instance INSTANCE] [--region R] [--destination D] [--print] [--sign-out-first] [--json]',
    ],
    description:
      'Exchanges the role\'s credentials for a console sign-in link and opens it with the browser chosen in Settings (the system default unless you chose one). ' +
      'The region is --region, else the profile\'s region, else the default region in Settings, else the instance\'s. ' +
      'The destination is console home, a service path such as ec2/home or s3/buckets, or a full https:// console URL. ' +
      'With --print the link is printed instead: it signs anyone in as the role for about 15 minutes, so do not share or save it.',
    flags: {
      ...roleTargetFlags,
      region: { type: 'string', description: 'The console region.', placeholder: 'R' },
      destination: { type: 'string', description: 'Where to land: ec2/home, s3/buckets, or a console URL.', placeholder: 'D' },
      print: { type: 'boolean', description: 'Print the sign-in link instead of opening a browser.' },
      'sign-out-first': { type: 'boolean', description: 'Sign the browser out of any console session first.' },
      json: jsonFlag,
    },
    examples: [
      'rolecall console --profile "Production/AdministratorAccess"',
      'rolecall console --account Production --role ReadOnlyAccess --region eu-west-1 --destination ec2/home',
      'rolecall console --account 123456789012 --role AdministratorAccess --print',
    ],
  },
  async (args, ctx) => {
    const { flags } = args;
    const core = await ctx.core();
    const target = await resolveRoleTarget(core, ctx, flags, 'console');
    const instance = await core.instances.get(target.role.instanceId);
    const settings = (await core.settings()).current();
    const region = flags.region ?? target.region ?? settings.defaultRegion ?? instance.region;

    // Everything given is checked before any credential is fetched: a typo or a hostile
    // destination must change nothing, not even the credential cache.
    const partition = partitionForRegion(region);
    resolveDestination({ partition, region }, flags.destination);
    const sandbox = instance.endpointUrl === undefined ? undefined : loopbackOrigin(instance.endpointUrl);
    if (instance.endpointUrl !== undefined && sandbox === undefined) throw new EndpointOverrideError();
    const browser: BrowserTarget = flags.print ? { kind: 'print' } : settings.browser;
    const label = { accountId: target.role.accountId, accountName: target.accountName, roleName: target.role.roleName };
    let printed: string | undefined;
    const deps = {
      fetch: core.fetch,
      clock: core.clock,
      logger: core.logger,
      platform: ctx.platform,
      env: ctx.env,
      exists: fileExists,
      launcher: createDetachedLauncher(spawn),
      // The link holds a sign-in token: it reaches stdout only, and only when printing was asked for.
      print: (url: string) => void (printed = url),
    };
    planBrowserLaunch(sandbox ?? 'https://signin.aws.amazon.com/', { target: browser, role: label, ...(sandbox ? { sandboxOrigin: sandbox } : {}) }, deps);

    const credentials = await roleCredentialsFor(ctx, target.role, signInModeFor(ctx, { terminal: true }));
    const result = await openConsole(
      {
        instance,
        credentials,
        region,
        ...(flags.destination !== undefined ? { destination: flags.destination } : {}),
        signOutFirst: flags['sign-out-first'],
        role: label,
        browser,
      },
      deps,
    );

    const about = { instance: instance.id, accountId: target.role.accountId, accountName: target.accountName, roleName: target.role.roleName, region };
    if (flags.json) {
      const outcome = result.kind === 'launched' ? { opened: true, program: pathsFor(ctx.platform).basename(result.program) } : { opened: false, url: printed };
      ctx.stdout.write(`${JSON.stringify({ ...about, ...outcome })}\n`);
    } else if (result.kind === 'printed') {
      ctx.stdout.write(`${printed}\n`);
    } else {
      ctx.stdout.write(`Opened the AWS console as ${target.role.roleName} in ${target.accountName || target.role.accountId} (${region}).\n`);
    }
  },
);
