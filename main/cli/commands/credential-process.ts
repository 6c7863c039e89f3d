import { defineCommand } from '../command';
import { processCredentialsJson } from '../process-credentials';
import { resolveProfile } from '../profile-target';
import { roleCredentialsFor, signInModeFor } from '../role-credentials';

export const command = defineCommand(
  {
    path: 'credential-process',
    summary: "Print a profile's credentials for the AWS CLI and SDKs.",
    usage: ['credential-process --profile NAME'],
    description:
      'This is what the credential_process line of a Rolecall profile runs. It prints the Version 1 JSON the AWS CLI and SDKs read. ' +
      'When your Identity Center session has ended it opens one browser tab to sign in again (shared by every caller waiting), ' +
      'or, without a display (SSH, CI, ROLECALL_NO_BROWSER=1), fails at once telling you to run `rolecall login`.',
    flags: {
      profile: { type: 'string', description: 'The profile in the AWS config file.', placeholder: 'NAME', required: true },
    },
    examples: ['rolecall credential-process --profile "Production/AdministratorAccess"'],
  },
  async (args, ctx) => {
    const target = resolveProfile(ctx.env, args.flags.profile);
    const credentials = await roleCredentialsFor(ctx, target.role, signInModeFor(ctx, { terminal: false }));
    ctx.stdout.write(processCredentialsJson(credentials));
  },
);
