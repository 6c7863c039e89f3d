import { basename } from 'node:path';
import { credentialsEnvSnippet, SNIPPET_SHELLS, type SnippetShell } from '../../core/shell/env-snippets';
import { defineCommand } from '../command';
import { resolveProfile } from '../profile-target';
import { roleCredentialsFor, signInModeFor } from '../role-credentials';

export const command = defineCommand(
  {
    path: 'env',
    summary: "Print shell lines that export a profile's credentials.",
    usage: ['env --profile NAME [--shell bash|zsh|fish|powershell|cmd]'],
    description:
      'Prints the role keys, their expiry (AWS_CREDENTIAL_EXPIRATION) and the profile\'s region as lines for your shell, and unsets AWS_PROFILE. ' +
      'The output holds secrets: evaluate it, do not save it. The shell defaults to the one in $SHELL (PowerShell on Windows).',
    flags: {
      profile: { type: 'string', description: 'The profile in the AWS config file.', placeholder: 'NAME', required: true },
      shell: { type: 'string', description: 'The shell to write for.', placeholder: 'SHELL', choices: SNIPPET_SHELLS },
    },
    examples: ['eval "$(rolecall env --profile dev)"', 'rolecall env --profile dev --shell fish | source'],
  },
  async (args, ctx) => {
    const target = resolveProfile(ctx.env, args.flags.profile);
    const shell = (args.flags.shell as SnippetShell | undefined) ?? defaultShell(ctx.env, ctx.platform);
    const credentials = await roleCredentialsFor(ctx, target.role, signInModeFor(ctx, { terminal: true }));
    ctx.stdout.write(credentialsEnvSnippet(shell, credentials, target.region === undefined ? {} : { region: target.region }));
  },
);

function defaultShell(env: NodeJS.ProcessEnv, platform: NodeJS.Platform): SnippetShell {
  if (platform === 'win32') return 'powershell';
  const name = basename(env.SHELL ?? '');
  return name === 'zsh' || name === 'fish' ? name : 'bash';
}
