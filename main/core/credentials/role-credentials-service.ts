import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { GetRoleCredentialsCommand } from '@aws-sdk/client-sso';
import type { AccessTokenSource } from '../auth/access-token-source';
import type { Clock } from '../clock';
import { InvalidInputError, RolecallError } from '../errors';
import { withFileLock } from '../fs/file-lock';
import { silentLogger, type Logger } from '../logger';
import { ACCOUNT_ID_PATTERN, ROLE_NAME_PATTERN, type IdentityCenterInstance, type RoleCredentials } from '../model';
import type { SecretStore } from '../secrets/secret-store';
import type { PortalClientFactory } from '../sync/portal-client';
import { serviceErrorName, toPortalError } from '../sync/portal-errors';
import type { PortalLimiters } from '../sync/portal-limiters';
import { PortalSession } from '../sync/portal-session';
import { DEFAULT_CREDENTIALS_MARGIN_MS, deleteCachedCredentials, readFreshCredentials, writeCachedCredentials } from './credential-cache';
import { checkIssuedCredentialClock } from './clock-skew';
import { RoleNotAssignedError } from './role-not-assigned-error';

export interface RoleCredentialsServiceOptions {
  /** The OS keychain: one item per role. */
  store: SecretStore;
  tokens: AccessTokenSource;
  portalClients: PortalClientFactory;
  limiters: PortalLimiters;
  /** Judges how much life credentials have left. */
  clock: Clock;
  /** The app data folder: lock files live in `locks/credentials/` there. */
  dataDir: string;
  logger?: Logger;
  /** Hand out cached credentials only while this much of their life is left. Default 5 min. */
  marginMs?: number;
  /** Give up waiting for another process's fetch of the same role after this long. Default 30 s. */
  lockTimeoutMs?: number;
}

export interface GetCredentialsOptions {
  /** Overrides the service's margin for this call (the refresh scheduler asks for more). */
  minRemainingMs?: number;
}

/**
 * Role credentials for `(instance, account, role)`: from the keychain while at least the margin
 * of their life is left, else fresh from GetRoleCredentials (and stored). However many callers
 * ask at once, in this process or in others (a terminal, `credential_process` from Terraform),
 * one fetch per role runs: callers here share it, and other processes wait on the role's lock
 * file and then find the fresh credentials in the keychain.
 */
export class RoleCredentialsService {
  private readonly logger: Logger;
  private readonly marginMs: number;
  private readonly inFlight = new Map<string, Promise<RoleCredentials>>();

  constructor(private readonly options: RoleCredentialsServiceOptions) {
    this.logger = options.logger ?? silentLogger;
    this.marginMs = options.marginMs ?? DEFAULT_CREDENTIALS_MARGIN_MS;
  }

  async get(instance: IdentityCenterInstance, accountId: string, roleName: string, options: GetCredentialsOptions = {}): Promise<RoleCredentials> {
    if (!ACCOUNT_ID_PATTERN.test(accountId)) throw new InvalidInputError(`"${accountId}" is not an AWS account id (12 digits).`);
    if (!ROLE_NAME_PATTERN.test(roleName)) throw new InvalidInputError(`"${roleName}" is not a valid role (permission set) name.`);
    const marginMs = options.minRemainingMs ?? this.marginMs;
    const { store, clock } = this.options;
    const cached = await readFreshCredentials(store, instance.id, accountId, roleName, { now: clock.now(), marginMs });
    if (cached) return cached;

    const key = `${instance.id}\n${accountId}\n${roleName}`;
    let pending = this.inFlight.get(key);
    if (!pending) {
      pending = this.fetchUnderLock(instance, accountId, roleName, marginMs).finally(() => this.inFlight.delete(key));
      this.inFlight.set(key, pending);
    }
    return pending;
  }

  /** The lock file that serialises fetches of one role across processes. */
  lockFile(instanceId: string, accountId: string, roleName: string): string {
    const digest = createHash('sha256').update(`${instanceId}\0${accountId}\0${roleName}`).digest('hex').slice(0, 32);
    return join(this.options.dataDir, 'locks', 'credentials', `${digest}.lock`);
  }

  private fetchUnderLock(instance: IdentityCenterInstance, accountId: string, roleName: string, marginMs: number): Promise<RoleCredentials> {
    const { store, clock } = this.options;
    return withFileLock(
      this.lockFile(instance.id, accountId, roleName),
      async () => {
        // Another process may have fetched them while this one waited for the lock.
        const fresh = await readFreshCredentials(store, instance.id, accountId, roleName, { now: clock.now(), marginMs });
        if (fresh) return fresh;
        const credentials = await this.fetch(instance, accountId, roleName);
        await writeCachedCredentials(store, instance.id, accountId, roleName, credentials);
        return credentials;
      },
      { timeoutMs: this.options.lockTimeoutMs ?? 30_000 },
    );
  }

  private async fetch(instance: IdentityCenterInstance, accountId: string, roleName: string): Promise<RoleCredentials> {
    const { tokens, portalClients, limiters, store, clock } = this.options;
    const client = portalClients(instance);
    const limiter = limiters.for(instance.id, 'GetRoleCredentials');
    const session = new PortalSession(instance.id, tokens);
    let answer;
    try {
      answer = await session.call((accessToken) => limiter.run(() => client.send(new GetRoleCredentialsCommand({ accessToken, accountId, roleName }))));
    } catch (error) {
      const name = serviceErrorName(error);
      if (name === 'ForbiddenException' || name === 'ResourceNotFoundException') {
        await deleteCachedCredentials(store, instance.id, accountId, roleName);
        throw new RoleNotAssignedError(instance.id, accountId, roleName, { cause: error });
      }
      throw toPortalError(error, instance, 'GetRoleCredentials');
    }
    const raw = answer.roleCredentials;
    const credentials: RoleCredentials | null =
      raw && typeof raw.accessKeyId === 'string' && raw.accessKeyId !== '' && typeof raw.secretAccessKey === 'string' && raw.secretAccessKey !== '' &&
      typeof raw.sessionToken === 'string' && raw.sessionToken !== '' && typeof raw.expiration === 'number' && Number.isFinite(raw.expiration)
        ? { accessKeyId: raw.accessKeyId, secretAccessKey: raw.secretAccessKey, sessionToken: raw.sessionToken, expiration: raw.expiration }
        : null;
    if (!credentials) {
      throw new RolecallError('portal-bad-answer', `The Identity Center portal of "${instance.name}" answered GetRoleCredentials without usable credentials for ${roleName} in ${accountId}.`, {
        hint: 'Try again in a moment. If it keeps happening, check the instance’s endpoint.',
      });
    }
    checkIssuedCredentialClock(credentials, clock.now());
    this.logger.info('role credentials fetched', { instanceId: instance.id, accountId, roleName, accessKeyId: credentials.accessKeyId, expiresAt: credentials.expiration });
    return credentials;
  }
}
