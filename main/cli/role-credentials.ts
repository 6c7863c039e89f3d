/**
 * Role credentials for a CLI command, the cheapest way that works:
 * 1. the broker's memory, when the app or `rolecall daemon` runs;
 * 2. the keychain cache (one keychain round trip, no AWS SDK);
 * 3. on a miss, one caller per role at a time (a lock file, "the gate") goes on to the core:
 *    GetRoleCredentials, refreshing the token or signing in as needed. Callers waiting at the
 *    gate find the fresh credentials in the keychain when it opens, so 100 callers load the
 *    AWS SDK once and ask Identity Center once.
 * Without a display, a caller whose session has ended fails at once (no lock, no SDK, no
 * device authorization) with the hint to run `rolecall login`.
 */
import { join } from 'node:path';
import { appDataDir } from '../core/app-paths';
import { SessionEndedError } from '../core/auth/access-token-source';
import { readStoredSession } from '../core/auth/token-record';
import { readFreshCredentials } from '../core/credentials/credential-cache';
import { isRolecallError } from '../core/errors';
import { withFileLock } from '../core/fs/file-lock';
import { InstanceRegistry } from '../core/instances/instance-registry';
import type { RoleCredentials, RoleRef, SignInEvent } from '../core/model';
import { KeychainError } from '../core/secrets/keychain-error';
import type { SecretStore } from '../core/secrets/secret-store';
import { brokerCredentials, type SignInMode } from './broker-credentials';
import type { CliContext } from './cli-context';
import { checkCredentialClock } from '../core/credentials/clock-skew';
import { signInPolicy } from './sign-in-policy';

/** `credential_process` may only open a browser; `env` and `exec` may also ask at the terminal. */
export function signInModeFor(ctx: CliContext, options: { terminal: boolean }): SignInMode {
  if (signInPolicy(ctx.env, ctx.platform).allowed) return 'browser';
  if (options.terminal && ctx.stdinIsTTY && ctx.stderr.isTTY === true) return 'terminal';
  return 'never';
}

/**
 * How long a caller that cannot sign in waits at the gate before it checks whether the
 * session is over (a fetch or refresh ahead of it is done well within this).
 */
const GATE_PATIENCE_MS = 10_000;
/** The longest a caller waits for another caller's fetch or sign-in (a device code's life). */
const GATE_TIMEOUT_MS = 15 * 60_000;

export async function roleCredentialsFor(ctx: CliContext, role: RoleRef, mode: SignInMode): Promise<RoleCredentials> {
  const viaBroker = ctx.cacheMissed ? undefined : await brokerCredentials(ctx.env, ctx.platform, role, mode, ctx.stderr);
  const credentials = viaBroker ?? (await localCredentials(ctx, role, mode));
  checkCredentialClock(credentials, Date.now());
  return credentials;
}

/** Credentials without a broker: the keychain cache, else (one caller per role at a time) the core. */
export async function localCredentials(ctx: CliContext, role: RoleRef, mode: SignInMode): Promise<RoleCredentials> {
  const appDir = appDataDir(ctx.env, ctx.platform);
  const cached = ctx.cacheMissed ? null : await readCached(ctx, role);
  if (cached) return cached;

  const gate = join(appDir, 'locks', 'callers', `${role.instanceId}.${role.accountId}.${role.roleName}.lock`);
  const throughGate = async () => {
    // The caller ahead at the gate has usually just stored them.
    const fresh = await readCached(ctx, role);
    if (fresh) return fresh;
    if (mode === 'never') await failIfSessionOver(ctx, appDir, role.instanceId);
    return fromCore(ctx, role, mode);
  };
  if (mode !== 'never') return withFileLock(gate, throughGate, { timeoutMs: GATE_TIMEOUT_MS });
  try {
    return await withFileLock(gate, throughGate, { timeoutMs: GATE_PATIENCE_MS });
  } catch (error) {
    if (!isRolecallError(error, 'lock-timeout')) throw error;
    // Someone ahead is taking long: a sign-in in a browser elsewhere, or a slow network.
    // A session that is over will not come back for this caller, who cannot sign in.
    await failIfSessionOver(ctx, appDir, role.instanceId);
    return withFileLock(gate, throughGate, { timeoutMs: GATE_TIMEOUT_MS });
  }
}

/** The cached credentials if fresh. */
function readCached(ctx: CliContext, role: RoleRef): Promise<RoleCredentials | null> {
  return patientlyRead(ctx, (store) => readFreshCredentials(store, role.instanceId, role.accountId, role.roleName, { now: Date.now() }));
}

/**
 * Reads the keychain through the quick store. The keychain library gives each D-Bus call two
 * seconds, which a keychain swamped by a hundred callers at once can miss. After a failure the
 * keychain is checked once: one that is missing, locked or broken fails at once with an error
 * naming the problem; one that is merely busy is read again after a growing random pause, for
 * up to KEYCHAIN_RETRY_MS.
 */
async function patientlyRead<T>(ctx: CliContext, read: (store: SecretStore) => Promise<T>): Promise<T> {
  const started = Date.now();
  let checked = false;
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await read(ctx.quickSecrets());
    } catch (error) {
      // A keychain that did not answer in time would not answer the next read either.
      if (error instanceof KeychainError && error.problem === 'timeout') throw error;
      const transient = error instanceof KeychainError && error.problem === 'platform-error';
      if (!transient || Date.now() - started > KEYCHAIN_RETRY_MS) return read(ctx.secrets());
      if (!checked) {
        await ctx.secrets().check();
        checked = true;
      }
      await new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(2000, 100 * 2 ** attempt)));
    }
  }
}

/** How long a busy keychain is retried before its error is shown. */
const KEYCHAIN_RETRY_MS = 15_000;

/** Throws SessionEndedError when the stored session says only a new sign-in can help; loads no SDK. */
async function failIfSessionOver(ctx: CliContext, appDir: string, instanceId: string): Promise<void> {
  const stored = await patientlyRead(ctx, (store) => readStoredSession(store, instanceId));
  if (stored?.kind === 'token') return;
  if (stored?.kind === 'ended') throw new SessionEndedError(instanceId, stored.reason);
  // Never signed in, or no such instance: say which.
  await new InstanceRegistry({ appDataDir: appDir, secrets: ctx.secrets() }).get(instanceId);
  throw new SessionEndedError(instanceId, 'never-signed-in');
}

async function fromCore(ctx: CliContext, role: RoleRef, mode: SignInMode): Promise<RoleCredentials> {
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
export type { SignInMode } from './broker-credentials';
