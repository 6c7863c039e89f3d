import { defineCommand } from '../command';
import { resolveProfile } from '../profile-target';
import { roleCredentialsFor, signInModeFor } from '../role-credentials';
import { CommandStartError, dieBySignal, runChild } from '../run-child';

export const command = defineCommand(
  {
    path: 'exec',
    summary: "Run a command with a profile's credentials in its environment.",
    usage: ['exec --profile NAME -- CMD ARGS…'],
    description:
      'Runs CMD with AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN, AWS_CREDENTIAL_EXPIRATION (and AWS_REGION when the profile has one) set, ' +
      'and AWS_PROFILE unset. Exits with the command\'s exit code; signals sent to rolecall are passed on, and when the command dies of a signal, so does rolecall.',
    flags: {
      profile: { type: 'string', description: 'The profile in the AWS config file.', placeholder: 'NAME', required: true },
    },
    rest: { name: 'CMD', description: 'The command to run, and its arguments.', required: true },
    examples: ['rolecall exec --profile dev -- aws s3 ls', 'rolecall exec --profile dev -- terraform plan'],
  },
  async (args, ctx) => {
    const target = resolveProfile(ctx.env, args.flags.profile);
    const credentials = await roleCredentialsFor(ctx, target.role, signInModeFor(ctx, { terminal: true }));
    const env: NodeJS.ProcessEnv = { ...ctx.env };
    delete env.AWS_PROFILE;
    delete env.AWS_DEFAULT_PROFILE;
    Object.assign(env, {
      AWS_ACCESS_KEY_ID: credentials.accessKeyId,
      AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey,
      AWS_SESSION_TOKEN: credentials.sessionToken,
      AWS_CREDENTIAL_EXPIRATION: new Date(credentials.expiration).toISOString(),
      ROLECALL_PROFILE: target.profile,
      ...(target.region !== undefined ? { AWS_REGION: target.region, AWS_DEFAULT_REGION: target.region } : {}),
    });
    const [cmd, ...rest] = args.rest as [string, ...string[]];
    let outcome;
    try {
      outcome = await runChild(cmd, rest, env, { stdinIsTTY: ctx.stdinIsTTY });
    } catch (error) {
      if (error instanceof CommandStartError) {
        ctx.stderr.write(`rolecall: ${error.message}\n  ${error.hint ?? ''}\n`);
        return error.exitCode;
      }
      throw error;
    }
    if (outcome.signal !== null) dieBySignal(outcome.signal);
    return outcome.code;
  },
);
