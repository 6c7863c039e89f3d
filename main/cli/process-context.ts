/**
 * The CliContext of a real `rolecall` process: its streams and environment, the OS keychain and
 * the core, each built on first use. Loaded by every path except a credential_process answered
 * by the broker.
 */
import { createLogger, silentLogger, type Logger } from '../core/logger';
import type { RolecallCore } from '../core/rolecall-core';
import { KeychainSecretStore } from '../core/secrets/keychain-store';
import type { SecretStore } from '../core/secrets/secret-store';
import type { CliContext } from './cli-context';

/** Set by the app when it runs the CLI: the argv prefix that starts the CLI through the app. */
const CLI_COMMAND_ENV = 'ROLECALL_CLI_COMMAND';

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

/** With ROLECALL_DEBUG=1 the core's log lines (secrets redacted by the logger) go to stderr; otherwise nowhere. */
function debugLogger(env: NodeJS.ProcessEnv): Logger {
  if (env.ROLECALL_DEBUG !== '1') return silentLogger;
  return createLogger((record) => process.stderr.write(`${JSON.stringify(record)}\n`), { level: 'debug' });
}

/** The argv prefix that runs this CLI: the app's, when it runs us, else `[node, script]`. */
function selfCommand(env: NodeJS.ProcessEnv, script: string): string[] {
  const fromApp = env[CLI_COMMAND_ENV];
  if (fromApp) {
    try {
      const parsed: unknown = JSON.parse(fromApp);
      if (Array.isArray(parsed) && parsed.length > 0 && parsed.every((part) => typeof part === 'string' && part !== '')) return parsed as string[];
    } catch {
      // Not ours to judge further: fall back to this script, which always works.
    }
  }
  return [process.execPath, script];
}

export interface ProcessContext extends CliContext {
  /** Closes what the core opened (network clients, timers), if it was built. */
  close(): Promise<void>;
}

/**
 * `script`: the absolute path of the CLI entry (`dist/cli/rolecall.js`). `cacheMissed`: the
 * entry already found no broker and no fresh credentials in the keychain.
 */
export function createProcessContext(script: string, cacheMissed = false): ProcessContext {
  // Commands see the environment as it was given; what this process changes for itself below
  // never reaches a command `rolecall exec` runs.
  const env: NodeJS.ProcessEnv = { ...process.env };
  const command = selfCommand(env, script);
  let secrets: KeychainSecretStore | undefined;
  let quickSecrets: SecretStore | undefined;
  let core: Promise<RolecallCore> | undefined;
  const ctx: ProcessContext = {
    env,
    platform: process.platform,
    stdout: process.stdout,
    stderr: process.stderr,
    get stdinIsTTY() {
      return process.stdin.isTTY === true;
    },
    selfCommand: command,
    cacheMissed,
    secrets: () => (secrets ??= new KeychainSecretStore({ env, timeoutMs: KEYCHAIN_TIMEOUT_MS })),
    quickSecrets: () => (quickSecrets ??= new KeychainSecretStore({ env, timeoutMs: KEYCHAIN_TIMEOUT_MS, probe: async () => undefined })),
    core: () => {
      // The AWS SDK warns on stderr about future Node versions; stderr is for the user's
      // errors, and credential_process callers show it as one.
      process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
      return (core ??= import('../core/rolecall-core').then(({ createRolecallCore }) =>
        createRolecallCore({ env, secrets: ctx.secrets(), cliCommand: command, portalLimits: CLI_PORTAL_LIMITS, logger: debugLogger(env) }),
      ));
    },
    async close() {
      if (core) await (await core).close();
    },
  };
  return ctx;
}
