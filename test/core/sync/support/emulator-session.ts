import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateTokenCommand, RegisterClientCommand, SSOOIDCClient, StartDeviceAuthorizationCommand } from '@aws-sdk/client-sso-oidc';
import { SessionEndedError, type AccessTokenSource } from '../../../../main/core/auth/access-token-source';
import type { Clock } from '../../../../main/core/clock';
import type { IdentityCenterInstance } from '../../../../main/core/model';
import type { SessionLifetimes, SessionTokenSource } from '../../../../main/core/scheduler/refresh-scheduler';
import { KeychainSecretStore } from '../../../../main/core/secrets/keychain-store';
import type { IdentityCenter } from '../../../identity-center';

/** The instance record for an emulator (its endpoint as the override). */
export function emulatorInstance(ic: IdentityCenter, id = 'acme'): IdentityCenterInstance {
  return { id, name: 'Acme', startUrl: ic.startUrl, region: ic.region, endpointUrl: ic.endpoint };
}

/**
 * A minimal sign-in for tests of the portal callers: the device flow against the emulator,
 * approved through its API, tokens kept in memory; refresh with the refresh token. It is the
 * AccessTokenSource (and the scheduler's SessionTokenSource) the code under test talks to.
 */
export class EmulatorTokens implements AccessTokenSource, SessionTokenSource {
  accessToken = '';
  accessTokenExpiresAt = 0;
  /** Every refresh asked for, with the token that was rejected (undefined for scheduled ones). */
  readonly refreshes: (string | undefined)[] = [];
  /** Tokens getAccessToken hands out before the real one (to make the portal refuse them). */
  readonly staleTokens: string[] = [];
  /** When set, refreshAfterUnauthorized answers this instead of refreshing (a token the portal refuses too). */
  refreshGivesBadToken = false;
  private currentRefreshToken = '';
  private readonly oidc: SSOOIDCClient;
  private clientId = '';
  private clientSecret = '';

  constructor(
    private readonly ic: IdentityCenter,
    private readonly clock: Clock,
    private readonly sessionExpiresAt?: number,
  ) {
    this.oidc = new SSOOIDCClient({ region: ic.region, endpoint: ic.endpoint, maxAttempts: 1 });
  }

  static async signIn(ic: IdentityCenter, clock: Clock, options: { sessionSeconds?: number } = {}): Promise<EmulatorTokens> {
    const tokens = new EmulatorTokens(ic, clock, options.sessionSeconds === undefined ? undefined : clock.now() + options.sessionSeconds * 1000);
    await tokens.deviceFlow();
    return tokens;
  }

  private async deviceFlow(): Promise<void> {
    const client = await this.oidc.send(new RegisterClientCommand({ clientName: 'rolecall-test', clientType: 'public', scopes: ['sso:account:access'] }));
    this.clientId = client.clientId!;
    this.clientSecret = client.clientSecret!;
    const device = await this.oidc.send(new StartDeviceAuthorizationCommand({ clientId: this.clientId, clientSecret: this.clientSecret, startUrl: this.ic.startUrl }));
    this.ic.approve(device.userCode!);
    const token = await this.oidc.send(
      new CreateTokenCommand({ clientId: this.clientId, clientSecret: this.clientSecret, grantType: 'urn:ietf:params:oauth:grant-type:device_code', deviceCode: device.deviceCode! }),
    );
    this.store(token);
  }

  private store(token: { accessToken?: string; refreshToken?: string; expiresIn?: number }): void {
    this.accessToken = token.accessToken!;
    if (token.refreshToken) this.currentRefreshToken = token.refreshToken;
    this.accessTokenExpiresAt = this.clock.now() + token.expiresIn! * 1000;
  }

  async getAccessToken(): Promise<string> {
    return this.staleTokens.shift() ?? this.accessToken;
  }

  async refreshAfterUnauthorized(instanceId: string, rejectedToken: string): Promise<string> {
    this.refreshes.push(rejectedToken);
    if (this.refreshGivesBadToken) return `refused-${randomBytes(4).toString('hex')}`;
    if (rejectedToken !== this.accessToken) return this.accessToken;
    await this.refresh(instanceId);
    return this.accessToken;
  }

  async lifetimes(): Promise<SessionLifetimes | null> {
    return this.accessToken === '' ? null : { accessTokenExpiresAt: this.accessTokenExpiresAt, sessionExpiresAt: this.sessionExpiresAt };
  }

  async refreshToken(instanceId: string): Promise<SessionLifetimes> {
    this.refreshes.push(undefined);
    await this.refresh(instanceId);
    return { accessTokenExpiresAt: this.accessTokenExpiresAt, sessionExpiresAt: this.sessionExpiresAt };
  }

  private async refresh(instanceId: string): Promise<void> {
    try {
      this.store(
        await this.oidc.send(
          new CreateTokenCommand({ clientId: this.clientId, clientSecret: this.clientSecret, grantType: 'refresh_token', refreshToken: this.currentRefreshToken }),
        ),
      );
    } catch (error) {
      if ((error as Error).name === 'InvalidGrantException') throw new SessionEndedError(instanceId, 'expired', { cause: error });
      throw error;
    }
  }

  close(): void {
    this.oidc.destroy();
  }
}

/** A throwaway app data folder. */
export async function tempDataDir(): Promise<{ dir: string; remove: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'rolecall-data-'));
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}

/** The real keychain under a service prefix of its own; `clear` deletes what the test stored. */
export function testKeychain(): { store: KeychainSecretStore; prefix: string; clear: (namespaces: string[]) => Promise<void> } {
  const prefix = `rolecall-test-${process.pid}-${randomBytes(3).toString('hex')}`;
  const store = new KeychainSecretStore({ servicePrefix: prefix });
  return {
    store,
    prefix,
    async clear(namespaces) {
      for (const namespace of namespaces) for (const key of await store.keys(namespace)) await store.delete(namespace, key);
    },
  };
}
