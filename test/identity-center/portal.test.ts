import {
  GetRoleCredentialsCommand,
  InvalidRequestException,
  ListAccountRolesCommand,
  ListAccountsCommand,
  LogoutCommand,
  paginateListAccountRoles,
  paginateListAccounts,
  SSOClient,
  SSOServiceException,
  UnauthorizedException,
} from '@aws-sdk/client-sso';
import { CreateTokenCommand, InvalidGrantException, RegisterClientCommand, SSOOIDCClient, StartDeviceAuthorizationCommand } from '@aws-sdk/client-sso-oidc';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeClock } from '../support/fake-clock';
import { demoOrganization, startIdentityCenter, type IdentityCenter } from './index';
import { signInWithSdk } from './test-sign-in';

let clock: FakeClock;
let ic: IdentityCenter;
let oidc: SSOOIDCClient;
let sso: SSOClient;

beforeEach(async () => {
  clock = new FakeClock();
  ic = await startIdentityCenter({ organization: demoOrganization({ accounts: 7, rolesPerAccount: 3 }), clock });
  oidc = new SSOOIDCClient({ region: ic.region, endpoint: ic.endpoint, maxAttempts: 1 });
  sso = new SSOClient({ region: ic.region, endpoint: ic.endpoint, maxAttempts: 1 });
});

afterEach(async () => {
  oidc.destroy();
  sso.destroy();
  await ic.close();
});

describe('portal', () => {
  it('lists every account across pages in a stable order', async () => {
    const { accessToken } = await signInWithSdk(ic);
    const names: string[] = [];
    for await (const page of paginateListAccounts({ client: sso, pageSize: 3 }, { accessToken })) {
      expect(page.accountList!.length).toBeLessThanOrEqual(3);
      names.push(...page.accountList!.map((a) => a.accountName!));
    }
    expect(names).toHaveLength(7);
    expect([...names].sort()).toEqual(names);
    const again = await sso.send(new ListAccountsCommand({ accessToken, maxResults: 100 }));
    expect(again.accountList!.map((a) => a.accountName)).toEqual(names);
    expect(again.nextToken).toBeUndefined();
    for (const account of again.accountList!) {
      expect(account.accountId).toMatch(/^\d{12}$/);
      expect(account.emailAddress).toMatch(/@/);
    }
    expect(ic.requests().filter((r) => r.operation === 'ListAccounts')).toHaveLength(4);
  });

  it('lists the roles of an account page by page', async () => {
    const { accessToken } = await signInWithSdk(ic);
    const accountId = (await sso.send(new ListAccountsCommand({ accessToken }))).accountList![0]!.accountId!;
    const roles: string[] = [];
    for await (const page of paginateListAccountRoles({ client: sso, pageSize: 2 }, { accessToken, accountId })) {
      for (const role of page.roleList!) {
        expect(role.accountId).toBe(accountId);
        roles.push(role.roleName!);
      }
    }
    expect(roles).toHaveLength(3);
    expect(roles).toContain('AdministratorAccess');
    expect(ic.requests().filter((r) => r.operation === 'ListAccountRoles').map((r) => r.accountId)).toEqual([accountId, accountId]);
  });

  it('rejects a page size above 100 and a forged next token', async () => {
    const { accessToken } = await signInWithSdk(ic);
    await expect(sso.send(new ListAccountsCommand({ accessToken, maxResults: 101 }))).rejects.toBeInstanceOf(InvalidRequestException);
    await expect(sso.send(new ListAccountsCommand({ accessToken, nextToken: 'forged' }))).rejects.toBeInstanceOf(InvalidRequestException);
  });

  it('issues new keys on every call, expiring after the permission set session duration', async () => {
    const { accessToken } = await signInWithSdk(ic);
    const accountId = (await sso.send(new ListAccountsCommand({ accessToken }))).accountList![0]!.accountId!;
    const first = await sso.send(new GetRoleCredentialsCommand({ accessToken, accountId, roleName: 'ReadOnlyAccess' }));
    const second = await sso.send(new GetRoleCredentialsCommand({ accessToken, accountId, roleName: 'ReadOnlyAccess' }));
    const a = first.roleCredentials!;
    const b = second.roleCredentials!;
    expect(a.accessKeyId).toMatch(/^ASIA[A-Z2-7]{16}$/);
    expect(a.accessKeyId).not.toBe(b.accessKeyId);
    expect(a.secretAccessKey).not.toBe(b.secretAccessKey);
    expect(a.secretAccessKey).toHaveLength(40);
    expect(a.sessionToken).toContain('CANARY');
    // ReadOnlyAccess in the demo organisation lasts 4 h; expiration is epoch milliseconds.
    expect(a.expiration).toBe(clock.now() + 4 * 3600 * 1000);
    expect(ic.issuedSecrets()).toEqual(expect.arrayContaining([a.secretAccessKey, a.sessionToken, b.secretAccessKey]));
    expect(ic.requests().at(-1)).toMatchObject({ operation: 'GetRoleCredentials', status: 200, accountId, roleName: 'ReadOnlyAccess' });
  });

  it('answers ForbiddenException for a role or account not assigned', async () => {
    const { accessToken } = await signInWithSdk(ic);
    const accountId = (await sso.send(new ListAccountsCommand({ accessToken }))).accountList![0]!.accountId!;
    for (const request of [{ accountId, roleName: 'NotAssigned' }, { accountId: '000000000000', roleName: 'AdministratorAccess' }]) {
      const error = await sso.send(new GetRoleCredentialsCommand({ accessToken, ...request })).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(SSOServiceException);
      expect((error as SSOServiceException).name).toBe('ForbiddenException');
      expect((error as SSOServiceException).message).toBe('No access');
      expect((error as SSOServiceException).$metadata.httpStatusCode).toBe(403);
    }
  });

  it('answers UnauthorizedException for a missing, unknown or expired token', async () => {
    const { accessToken } = await signInWithSdk(ic);
    await expect(sso.send(new ListAccountsCommand({ accessToken: 'aoa-unknown' }))).rejects.toBeInstanceOf(UnauthorizedException);
    await expect(sso.send(new ListAccountsCommand({ accessToken: '' }))).rejects.toBeInstanceOf(UnauthorizedException);
    await ic.advanceClock(3600);
    await expect(sso.send(new ListAccountsCommand({ accessToken }))).rejects.toBeInstanceOf(UnauthorizedException);
  });

  it('refuses a token whose client asked for other scopes but not sso:account:access', async () => {
    const client = await oidc.send(new RegisterClientCommand({ clientName: 'other-app', clientType: 'public', scopes: ['codewhisperer:completions'] }));
    ic.autoApprove('allow');
    const device = await oidc.send(new StartDeviceAuthorizationCommand({ clientId: client.clientId!, clientSecret: client.clientSecret!, startUrl: ic.startUrl }));
    const token = await oidc.send(new CreateTokenCommand({
      clientId: client.clientId!, clientSecret: client.clientSecret!, grantType: 'urn:ietf:params:oauth:grant-type:device_code', deviceCode: device.deviceCode!,
    }));
    expect(token.refreshToken).toBeUndefined();
    await expect(sso.send(new ListAccountsCommand({ accessToken: token.accessToken! }))).rejects.toBeInstanceOf(UnauthorizedException);
  });

  it('Logout revokes the access token and its refresh token', async () => {
    const { clientId, clientSecret, refreshToken, accessToken } = await signInWithSdk(ic);
    await sso.send(new LogoutCommand({ accessToken }));
    await expect(sso.send(new ListAccountsCommand({ accessToken }))).rejects.toBeInstanceOf(UnauthorizedException);
    await expect(sso.send(new ListAccountRolesCommand({ accessToken, accountId: '000000000000' }))).rejects.toBeInstanceOf(UnauthorizedException);
    await expect(
      oidc.send(new CreateTokenCommand({ clientId, clientSecret, grantType: 'refresh_token', refreshToken: refreshToken! })),
    ).rejects.toBeInstanceOf(InvalidGrantException);
    await expect(sso.send(new LogoutCommand({ accessToken }))).rejects.toBeInstanceOf(UnauthorizedException);
  });

  it('counts operations in stats()', async () => {
    const { accessToken } = await signInWithSdk(ic);
    await sso.send(new ListAccountsCommand({ accessToken }));
    expect(ic.stats()).toEqual({
      operations: {
        RegisterClient: 1, StartDeviceAuthorization: 1, CreateToken: 1, ListAccounts: 1, ListAccountRoles: 0,
        GetRoleCredentials: 0, Logout: 0, GetSigninToken: 0, GetCallerIdentity: 0,
      },
      throttled: 0,
    });
  });
});
