/**
 * The full `rolecall` CLI, loaded by the entry (`rolecall.js`) for every command line except a
 * credential_process the broker answered. Built with code splitting: each command, the core and
 * the AWS SDK are separate chunks, loaded on demand.
 */
import type { BrokerErrorBody } from '../core/broker/protocol';
import { RolecallError } from '../core/errors';
import { createProcessContext } from './process-context';
import { reportError } from './report-error';

export interface RunOptions {
  /**
   * The entry already found no broker and no fresh credentials in the keychain for this
   * credential_process call: go straight to fetching them.
   */
  cacheMissed?: boolean;
  /**
   * The broker answered this credential_process call with a failure (unknown profile, session
   * ended and no sign-in possible…): report it as the command's own, without asking again.
   */
  brokerFailure?: BrokerErrorBody;
}

/** Runs one command line; resolves to the exit code. `script`: the absolute path of the CLI entry. */
export async function runProcess(argv: readonly string[], script: string, options: RunOptions = {}): Promise<number> {
  if (options.brokerFailure) {
    const { code, message, hint } = options.brokerFailure;
    return reportError(new RolecallError(code, message, hint === undefined ? {} : { hint }), { write: (text) => process.stderr.write(text) }, process.env);
  }
  const ctx = createProcessContext(script, options.cacheMissed === true);
  try {
    const { runCli } = await import('./run-cli');
    return await runCli(argv, ctx);
  } finally {
    await ctx.close();
  }
}
