import { GetRoleCredentialsCommand, ListAccountRolesCommand, ListAccountsCommand, SSOClient, SSOServiceException, TooManyRequestsException } from '@aws-sdk/client-sso';
import { InternalServerException, RegisterClientCommand, SSOOIDCClient } from '@aws-sdk/client-sso-oidc';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { demoOrganization, startIdentityCenter, type IdentityCenter } from './index';
import { signInWithSdk } from './test-sign-in';

let ic: IdentityCenter;
let sso: SSOClient;
let accessToken: string;
let accountId: string;

beforeEach(async () => {
  ic = await startIdentityCenter({ organization: demoOrganization({ accounts: 3, rolesPerAccount: 2 }) });
  sso = new SSOClient({ region: ic.region, endpoint: ic.endpoint, maxAttempts: 1 });
  accessToken = (await signInWithSdk(ic)).accessToken;
  accountId = (await sso.send(new ListAccountsCommand({ accessToken }))).accountList![0]!.accountId!;
});

afterEach(async () => {
  sso.destroy();
  await ic.close();
});

async function settleAll(count: number, call: () => Promise<unknown>) {
  const results = await Promise.allSettled(Array.from({ length: count }, call));
  return {
    ok: results.filter((r) => r.status === 'fulfilled').length,
    errors: results.flatMap((r) => (r.status === 'rejected' ? [r.reason as unknown] : [])),
  };
}

describe('throttling', () => {
  it('answers TooManyRequestsException (429) beyond the per-operation rate', async () => {
    ic.setThrottle(5);
    const burst = await settleAll(20, () => sso.send(new ListAccountsCommand({ accessToken })));
    // The bucket holds one second's worth: about five pass at once, the rest are throttled.
    expect(burst.ok).toBeGreaterThanOrEqual(5);
    expect(burst.ok).toBeLessThanOrEqual(7);
    for (const error of burst.errors) {
      expect(error).toBeInstanceOf(TooManyRequestsException);
      expect((error as TooManyRequestsException).$metadata.httpStatusCode).toBe(429);
    }
    expect(ic.stats().throttled).toBe(burst.errors.length);
    // Another operation has its own bucket.
    await expect(sso.send(new ListAccountRolesCommand({ accessToken, accountId }))).resolves.toHaveProperty('roleList');
    expect(ic.requests().filter((r) => r.errorType === 'TooManyRequestsException')).toHaveLength(burst.errors.length);
    ic.setThrottle(null);
    const after = await settleAll(20, () => sso.send(new ListAccountsCommand({ accessToken })));
    expect(after.ok).toBe(20);
  });

  it('lets the SDK retry through a throttle with its default strategy', async () => {
    ic.setThrottle(10);
    const retrying = new SSOClient({ region: ic.region, endpoint: ic.endpoint, maxAttempts: 5 });
    try {
      const burst = await settleAll(12, () => retrying.send(new ListAccountsCommand({ accessToken })));
      expect(burst.ok).toBe(12);
      expect(ic.stats().throttled).toBeGreaterThan(0);
    } finally {
      retrying.destroy();
    }
  });
});

describe('injected faults', () => {
  it('answers HTTP 500 as many times as asked, then recovers', async () => {
    ic.injectFault({ operation: 'GetRoleCredentials', kind: 'http-500', times: 2 });
    const call = () => sso.send(new GetRoleCredentialsCommand({ accessToken, accountId, roleName: 'AdministratorAccess' }));
    for (let i = 0; i < 2; i += 1) {
      const error = await call().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(SSOServiceException);
      expect((error as SSOServiceException).$fault).toBe('server');
      expect((error as SSOServiceException).$metadata.httpStatusCode).toBe(500);
    }
    await expect(call()).resolves.toHaveProperty('roleCredentials');
  });

  it('answers the modelled InternalServerException on sso-oidc', async () => {
    ic.injectFault({ operation: 'RegisterClient', kind: 'http-500' });
    const oidc = new SSOOIDCClient({ region: ic.region, endpoint: ic.endpoint, maxAttempts: 1 });
    try {
      await expect(oidc.send(new RegisterClientCommand({ clientName: 'x', clientType: 'public' }))).rejects.toBeInstanceOf(InternalServerException);
    } finally {
      oidc.destroy();
    }
  });

  it('drops the connection without an answer', async () => {
    ic.injectFault({ operation: 'ListAccounts', kind: 'drop' });
    const error = await sso.send(new ListAccountsCommand({ accessToken })).catch((e: unknown) => e);
    expect(error).not.toBeInstanceOf(SSOServiceException);
    expect((error as NodeJS.ErrnoException).code).toMatch(/ECONNRESET|EPIPE|socket hang up/);
    expect(ic.requests().at(-1)).toMatchObject({ operation: 'ListAccounts', status: 0, errorType: 'ConnectionDropped' });
    await expect(sso.send(new ListAccountsCommand({ accessToken }))).resolves.toHaveProperty('accountList');
  });
});

describe('latency', () => {
  it('delays every answer by the configured time', async () => {
    ic.setLatency(150);
    const started = performance.now();
    await sso.send(new ListAccountsCommand({ accessToken }));
    expect(performance.now() - started).toBeGreaterThanOrEqual(145);
    ic.setLatency(0);
  });
});
