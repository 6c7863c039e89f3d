/**
 * How a failed command ends: one clear message and a hint on stderr, an exit code scripts can
 * rely on, never a secret, and a stack trace only with ROLECALL_DEBUG=1.
 */
import { RolecallError, systemErrorCode } from '../core/errors';
import type { CliOutput } from './cli-context';
import { ExitCode, type ExitCodeValue } from './exit-codes';

const EXACT: Readonly<Record<string, ExitCodeValue>> = {
  usage: ExitCode.usage,
  'invalid-input': ExitCode.usage,
  'not-signed-in': ExitCode.signInNeeded,
  'session-ended': ExitCode.signInNeeded,
  'sign-in-needed': ExitCode.signInNeeded,
  'sign-in-expired': ExitCode.signInNeeded,
  'sign-in-denied': ExitCode.signInNeeded,
  'sign-in-timeout': ExitCode.signInNeeded,
  'profile-unknown': ExitCode.notFound,
  'profile-not-managed': ExitCode.notFound,
  'instance-not-found': ExitCode.notFound,
  'instance-none': ExitCode.notFound,
  'role-not-assigned': ExitCode.notFound,
  'account-not-found': ExitCode.notFound,
  'role-not-found': ExitCode.notFound,
  'profile-missing': ExitCode.notFound,
  'unknown-region': ExitCode.usage,
  'invalid-destination': ExitCode.usage,
  'unknown-terminal': ExitCode.usage,
  'profile-name-taken': ExitCode.configProblem,
  'clock-skew': ExitCode.clockSkew,
  'sign-in-cancelled': ExitCode.interrupted,
};

const PREFIXES: readonly [string, ExitCodeValue][] = [
  ['keychain-', ExitCode.keychainUnavailable],
  ['config-', ExitCode.configProblem],
  ['portal-', ExitCode.serviceUnavailable],
  ['identity-center-', ExitCode.serviceUnavailable],
  ['endpoint-', ExitCode.serviceUnavailable],
];

/** The exit code for an error code. */
export function exitCodeFor(code: string): ExitCodeValue {
  const exact = EXACT[code];
  if (exact !== undefined) return exact;
  for (const [prefix, exit] of PREFIXES) if (code.startsWith(prefix)) return exit;
  return ExitCode.failure;
}

/** Writes the error to `stderr` and returns the exit code. */
export function reportError(error: unknown, stderr: CliOutput, env: NodeJS.ProcessEnv): ExitCodeValue {
  const debug = env.ROLECALL_DEBUG === '1';
  if (error instanceof RolecallError) {
    stderr.write(`rolecall: ${error.message}\n`);
    if (error.hint) stderr.write(`  ${error.hint}\n`);
    if (debug) writeDebug(error, stderr);
    return exitCodeFor(error.code);
  }
  // The text of an unexpected error may quote what was being parsed (a keychain item, a server
  // answer): show it only when asked for, except for system errors, which name a path or call.
  const system = systemErrorCode(error);
  const what = system && error instanceof Error ? error.message : error instanceof Error ? error.name : typeof error;
  stderr.write(`rolecall: unexpected error (${what}).\n`);
  stderr.write(debug ? '' : '  Run again with ROLECALL_DEBUG=1 to see the details, and report it if it keeps happening.\n');
  if (debug) writeDebug(error, stderr);
  return ExitCode.failure;
}

function writeDebug(error: unknown, stderr: CliOutput): void {
  let current: unknown = error;
  for (let depth = 0; current !== undefined && depth < 5; depth += 1) {
    stderr.write(`${depth === 0 ? '' : 'caused by: '}${current instanceof Error ? (current.stack ?? String(current)) : String(current)}\n`);
    current = current instanceof Error ? current.cause : undefined;
  }
}
