/**
 * The last step of the credential_process fast path: check the credentials against this
 * computer's clock and print them. Shared by the CLI entry (broker answers) and the keychain
 * bundle.
 */
import { writeSync } from 'node:fs';
import { checkCredentialClock } from '../core/credentials/clock-skew';
import type { RoleCredentials } from '../core/model';
import { processCredentialsJson } from './process-credentials';

/**
 * `answered`: the credentials were printed, all of them already. `answered-flushing`: printed,
 * with some of the output still on its way through `process.stdout`. `cache-miss`: no broker
 * runs and the keychain has no fresh credentials; the full CLI fetches them. `full`: the full
 * CLI takes over (it reports any error itself).
 */
export type FastOutcome = 'answered' | 'answered-flushing' | 'cache-miss' | 'full';

/** Prints `credentials` as credential_process output; throws ClockSkewError when our clock disagrees. */
export function answerWith(credentials: RoleCredentials): 'answered' | 'answered-flushing' {
  checkCredentialClock(credentials, Date.now());
  return writeOut(processCredentialsJson(credentials)) ? 'answered' : 'answered-flushing';
}

/**
 * Writes the answer straight to file descriptor 1: creating `process.stdout` costs more than
 * the write. A descriptor that cannot take it at once (non-blocking and full) gets it through
 * `process.stdout`, which waits. True when everything was written at once.
 */
function writeOut(text: string): boolean {
  const bytes = Buffer.from(text);
  let written = 0;
  try {
    while (written < bytes.length) written += writeSync(1, bytes, written);
    return true;
  } catch {
    // EAGAIN and the like: hand the rest to the stream.
    process.stdout.write(bytes.subarray(written));
    return false;
  }
}
