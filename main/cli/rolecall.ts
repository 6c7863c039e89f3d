/**
 * The `rolecall` CLI entry. Kept tiny on purpose: `credential-process` runs on every AWS CLI
 * command, so this file loads only the dispatcher; each command and the core come in their
 * own chunks, on demand. The command's exit code is left in `process.exitCode` when this
 * module finishes evaluating (the app runs the CLI in-process and relies on that).
 */
import { fileURLToPath } from 'node:url';
import type { RolecallCore } from '../core/rolecall-core';
import { KeychainSecretStore } from '../core/secrets/keychain-store';
import type { SecretStore } from '../core/secrets/secret-store';
import type { CliContext } from './cli-context';
import { runCli } from './run-cli';

/** Set by the app when it runs the CLI: the argv prefix that starts the CLI through the app. */
const CLI_COMMAND_ENV = 'ROLECALL_CLI_COMMAND';

function selfCommand(env: NodeJS.ProcessEnv): string[] {
  const fromApp = env[CLI_COMMAND_ENV];
  if (fromApp) {
    try {
      const parsed: unknown = JSON.parse(fromApp);
      if (Array.isArray(parsed) && parsed.length > 0 && parsed.every((part) => typeof part === 'string' && part !== '')) return parsed as string[];
    } catch {
      // Not ours to judge further: fall back to this script, which always works.
    }
  }
  return [process.execPath, fileURLToPath(import.meta.url)];
}

/**
 * A keychain that is there but busy (Terraform starting a hundred credential_process calls at
 * once on a small machine) can take seconds to answer each; a missing or locked one is told
 * apart at once by the store's check, so only a wedged keychain waits this long.
 */
const KEYCHAIN_TIMEOUT_MS = 20_000;

/**
 * A throttled portal call is retried for about three seconds (five times, from 100 ms doubling)
 * before the command says so: someone is waiting at a prompt, and Terraform's callers for one
 * role share a single call anyway.
 */
const CLI_PORTAL_LIMITS = { maxThrottleRetries: 5, retryMaxMs: 2_000 };

let secrets: KeychainSecretStore | undefined;
let quickSecrets: SecretStore | undefined;
let core: Promise<RolecallCore> | undefined;
// Commands see the environment as it was given; what this process changes for itself below
// never reaches a command `rolecall exec` runs.
const env: NodeJS.ProcessEnv = { ...process.env };
const command = selfCommand(env);

const ctx: CliContext = {
  env,
  platform: process.platform,
  stdout: process.stdout,
  stderr: process.stderr,
  stdinIsTTY: process.stdin.isTTY === true,
  selfCommand: command,
  secrets: () => (secrets ??= new KeychainSecretStore({ env, timeoutMs: KEYCHAIN_TIMEOUT_MS })),
  quickSecrets: () => (quickSecrets ??= new KeychainSecretStore({ env, timeoutMs: KEYCHAIN_TIMEOUT_MS, probe: async () => undefined })),
  core: () => {
    // The AWS SDK warns on stderr about future Node versions; stderr is for the user's
    // errors, and credential_process callers show it as one.
    process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
    return (core ??= import('../core/rolecall-core').then(({ createRolecallCore }) =>
      createRolecallCore({ env, secrets: ctx.secrets(), cliCommand: command, portalLimits: CLI_PORTAL_LIMITS }),
    ));
  },
};

const code = await runCli(process.argv.slice(2), ctx);
if (core) await (await core).close();
process.exitCode = code;
