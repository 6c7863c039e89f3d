/**
 * Role credentials for a CLI command, the cheapest way that works: the broker's memory (when the
 * app or `rolecall daemon` runs), else the keychain cache, else the core (GetRoleCredentials
 * under the cross-process lock, refreshing or signing in as needed). The first two load no AWS
 * SDK code; the core is loaded only on a miss.
 */
import { appDataDir } from '../core/app-paths';
import { requestBrokerCredentials } from '../core/broker/broker-client';
import { brokerPaths } from '../core/broker/broker-paths';
import { readFreshCredentials } from '../core/credentials/credential-cache';
import { RolecallError } from '../core/errors';
import type { RoleCredentials, RoleRef, SignInEvent } from '../core/model';
import type { CliContext } from './cli-context';
import { signInPolicy } from './sign-in-policy';

/**
 * How a command may get the user signed in again when the session has ended:
 * `browser` opens one browser tab (shared by every waiting caller), `terminal` shows the code
 * and link on stderr for a person at this terminal, `never` fails at once with the hint to run
 * `rolecall login`.
 */
export type SignInMode = 'browser' | 'terminal' | 'never';

/** `credential_process` may only open a browser; `env` and `exec` may also ask at the terminal. */
export function signInModeFor(ctx: CliContext, options: { terminal: boolean }): SignInMode {
  if (signInPolicy(ctx.env, ctx.platform).allowed) return 'browser';
  if (options.terminal && ctx.stdinIsTTY && ctx.stderr.isTTY === true) return 'terminal';
  return 'never';
}

export async function roleCredentialsFor(ctx: CliContext, role: RoleRef, mode: SignInMode): Promise<RoleCredentials> {
  const paths = brokerPaths(appDataDir(ctx.env, ctx.platform), { env: ctx.env, platform: ctx.platform });
  const viaBroker = await requestBrokerCredentials(paths, role, mode === 'browser', {
    onPending: (reason) => {
      if (reason === 'signing-in') ctx.stderr.write(`rolecall: your session for "${role.instanceId}" ended; waiting for you to sign in again…\n`);
    },
  });
  if (viaBroker.kind === 'answered') return viaBroker.value;
  if (viaBroker.kind === 'failed') {
    const { code, message, hint } = viaBroker.error;
    const sessionOver = code === 'session-ended' || code === 'not-signed-in';
    // The broker could not ask anyone; a person at this terminal still can.
    if (!(sessionOver && mode === 'terminal')) throw new RolecallError(code, message, hint === undefined ? {} : { hint });
  }

  const cached = await readFreshCredentials(ctx.secrets(), role.instanceId, role.accountId, role.roleName, { now: Date.now() });
  if (cached) return cached;

  const core = await ctx.core();
  return core.roleCredentials(role, {
    interactive: mode === 'never' ? false : { noBrowser: mode === 'terminal', onEvent: (event) => showSignInEvent(ctx, event) },
    onSigningIn: (instanceId) =>
      ctx.stderr.write(
        mode === 'browser'
          ? `rolecall: your session for "${instanceId}" ended; opening your browser to sign in again…\n`
          : `rolecall: your session for "${instanceId}" ended; sign in again to continue.\n`,
      ),
  });
}

/** Tells the person at the terminal what to do during a sign-in. */
export function showSignInEvent(ctx: Pick<CliContext, 'stderr'>, event: SignInEvent): void {
  switch (event.type) {
    case 'authorization':
      ctx.stderr.write(
        `To sign in, open ${event.verificationUriComplete}\n` +
          `and check that it shows the code ${event.userCode} (valid until ${new Date(event.expiresAt).toLocaleTimeString()}).\n`,
      );
      break;
    case 'browser-opened':
      ctx.stderr.write('Opened your browser; approve the request there.\n');
      break;
    case 'signed-in':
      ctx.stderr.write(`Signed in to "${event.instanceId}".\n`);
      break;
    default:
      break;
  }
}
