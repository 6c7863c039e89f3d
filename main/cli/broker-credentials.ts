/**
 * Step one of getting a role's credentials from the CLI: ask the broker (the app or
 * `rolecall daemon`), if one runs. Loads no keychain and no AWS SDK code.
 */
import { appDataDir } from '../core/app-paths';
import { connectBroker } from '../core/broker/broker-client';
import { brokerPaths } from '../core/broker/broker-paths';
import { RolecallError } from '../core/errors';
import type { RoleCredentials, RoleRef } from '../core/model';
import type { CliOutput } from './cli-context';
import { waitingForSignInLine } from './sign-in-policy';

/**
 * How a command may get the user signed in again when the session has ended:
 * `browser` opens one browser tab (shared by every waiting caller), `terminal` shows the code
 * and link on stderr for a person at this terminal, `never` fails at once with the hint to run
 * `rolecall login`.
 */
export type SignInMode = 'browser' | 'terminal' | 'never';

/**
 * The broker's answer for a role: credentials, or undefined when no broker could be used (the
 * caller then does the work itself). A failure the caller would meet too (session ended, role
 * gone) is thrown as the broker reported it, unless a person at this terminal can still sign in.
 */
export async function brokerCredentials(env: NodeJS.ProcessEnv, platform: NodeJS.Platform, role: RoleRef, mode: SignInMode, stderr: CliOutput): Promise<RoleCredentials | undefined> {
  const connection = connectBroker(brokerPaths(appDataDir(env, platform), { env, platform }), {
    onPending: (reason) => {
      if (reason === 'signing-in') stderr.write(waitingForSignInLine(role.instanceId));
    },
  });
  if ('kind' in connection) return undefined;
  const answer = await connection.requestCredentials(role, mode === 'browser');
  if (answer.kind === 'answered') return answer.value;
  if (answer.kind === 'unavailable') return undefined;
  const { code, message, hint } = answer.error;
  // The broker could not ask anyone; a person at this terminal still can.
  if ((code === 'session-ended' || code === 'not-signed-in') && mode === 'terminal') return undefined;
  throw new RolecallError(code, message, hint === undefined ? {} : { hint });
}
