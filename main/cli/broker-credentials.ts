/**
 * Step one of getting a role's credentials from the CLI: ask the broker (the app or
 * `rolecall daemon`), if one runs. On the credential_process hot path: loads no keychain and
 * no AWS SDK code.
 */
import { appDataDir } from '../core/app-paths';
import { connectBroker, type BrokerConnection } from '../core/broker/broker-client';
import { brokerPaths } from '../core/broker/broker-paths';
import { RolecallError } from '../core/errors';
import type { RoleCredentials, RoleRef } from '../core/model';
import type { CliOutput } from './cli-context';

/**
 * How a command may get the user signed in again when the session has ended:
 * `browser` opens one browser tab (shared by every waiting caller), `terminal` shows the code
 * and link on stderr for a person at this terminal, `never` fails at once with the hint to run
 * `rolecall login`.
 */
export type SignInMode = 'browser' | 'terminal' | 'never';

/**
 * Starts connecting to the broker of this user's app data folder, so the connection is set up
 * while the caller reads its config; undefined when no usable broker is there.
 */
export function openBroker(env: NodeJS.ProcessEnv, platform: NodeJS.Platform, stderr: CliOutput, roleForMessages: () => string): BrokerConnection | undefined {
  const connection = connectBroker(brokerPaths(appDataDir(env, platform), { env, platform }), {
    onPending: (reason) => {
      if (reason === 'signing-in') stderr.write(`rolecall: your session for "${roleForMessages()}" ended; waiting for you to sign in again…\n`);
    },
  });
  return 'kind' in connection ? undefined : connection;
}

/**
 * The broker's answer: credentials, or undefined when no broker could be used (the caller
 * then does the work itself). A failure the caller would meet too (session ended, role gone)
 * is thrown as the broker reported it, unless a person at this terminal can still sign in.
 */
export async function askBroker(connection: BrokerConnection | undefined, role: RoleRef, mode: SignInMode): Promise<RoleCredentials | undefined> {
  if (!connection) return undefined;
  const answer = await connection.requestCredentials(role, mode === 'browser');
  if (answer.kind === 'answered') return answer.value;
  if (answer.kind === 'unavailable') return undefined;
  const { code, message, hint } = answer.error;
  // The broker could not ask anyone; a person at this terminal still can.
  if ((code === 'session-ended' || code === 'not-signed-in') && mode === 'terminal') return undefined;
  throw new RolecallError(code, message, hint === undefined ? {} : { hint });
}

/** Both steps at once, for callers that know the role already. */
export function brokerCredentials(env: NodeJS.ProcessEnv, platform: NodeJS.Platform, role: RoleRef, mode: SignInMode, stderr: CliOutput): Promise<RoleCredentials | undefined> {
  return askBroker(openBroker(env, platform, stderr, () => role.instanceId), role, mode);
}

