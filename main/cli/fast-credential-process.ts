/**
 * `rolecall credential-process --profile NAME`, the command the AWS CLI runs before every
 * call, on a cache hit: answered by a running broker (the app or `rolecall daemon`: one small
 * config read, one local socket round trip, one line of output), else by one keychain read.
 * This module is bundled into the CLI entry on its own and loads nothing else: no argument
 * parser, no AWS SDK. Whatever it cannot answer (a cache miss, a failure to report) goes to
 * the full CLI.
 */
import { writeSync } from 'node:fs';
import { askBroker, openBroker } from './broker-credentials';
import { checkCredentialClock } from './clock-skew';
import { readCredentialsQuickly } from './fast-keychain';
import { processCredentialsJson } from './process-credentials';
import { resolveProfile } from './profile-target';
import { signInPolicy } from './sign-in-policy';

/**
 * The profile name when `argv` is exactly `credential-process --profile NAME` (or
 * `--profile=NAME`), the form Rolecall writes; anything else goes through the full parser.
 */
export function fastCredentialProcessProfile(argv: readonly string[]): string | undefined {
  if (argv[0] !== 'credential-process') return undefined;
  let name: string | undefined;
  if (argv.length === 3 && argv[1] === '--profile') name = argv[2];
  else if (argv.length === 2 && argv[1]?.startsWith('--profile=')) name = argv[1].slice('--profile='.length);
  return name !== undefined && name !== '' && !name.startsWith('-') ? name : undefined;
}

/**
 * `answered`: the credentials were printed. `cache-miss`: no broker runs and the keychain has
 * no fresh credentials; the full CLI fetches them. `full`: the full CLI takes over (it reports
 * any error itself).
 */
export type FastOutcome = 'answered' | 'cache-miss' | 'full';

/** process.stderr, created only if something is written to it (creating it costs time). */
const stderr = { write: (text: string) => process.stderr.write(text) };

export async function tryFastCredentialProcess(profile: string): Promise<FastOutcome> {
  try {
    const env = process.env;
    let instanceId = '';
    // Connecting takes a moment of waiting, which reading the config fills.
    const broker = openBroker(env, process.platform, stderr, () => instanceId);
    let target;
    try {
      target = resolveProfile(env, profile);
    } catch (error) {
      broker?.close();
      throw error;
    }
    instanceId = target.role.instanceId;
    const mode = signInPolicy(env, process.platform).allowed ? 'browser' : 'never';
    let credentials = await askBroker(broker, target.role, mode);
    if (credentials === undefined) {
      credentials = (await readCredentialsQuickly(env, process.platform, target.role)) ?? undefined;
      if (credentials === undefined) return 'cache-miss';
    }
    checkCredentialClock(credentials, Date.now());
    writeOut(processCredentialsJson(credentials));
    return 'answered';
  } catch {
    // The full CLI meets the same problem again and reports it with its hint and exit code.
    return 'full';
  }
}

/**
 * Writes the answer straight to file descriptor 1: creating `process.stdout` costs more than
 * the write. A descriptor that cannot take it at once (non-blocking and full) gets it through
 * `process.stdout`, which waits.
 */
function writeOut(text: string): void {
  const bytes = Buffer.from(text);
  let written = 0;
  try {
    while (written < bytes.length) written += writeSync(1, bytes, written);
  } catch {
    // EAGAIN and the like: hand the rest to the stream.
    process.stdout.write(bytes.subarray(written));
  }
}
