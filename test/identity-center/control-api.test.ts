import { ListAccountsCommand, SSOClient, SSOServiceException } from '@aws-sdk/client-sso';
import { CreateTokenCommand, AccessDeniedException, RegisterClientCommand, SSOOIDCClient, StartDeviceAuthorizationCommand } from '@aws-sdk/client-sso-oidc';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeClock } from '../support/fake-clock';
import { demoOrganization, startIdentityCenter, type IdentityCenter } from './index';
import { signInWithSdk } from './test-sign-in';

let clock: FakeClock;
let ic: IdentityCenter;

beforeEach(async () => {
  clock = new FakeClock();
  ic = await startIdentityCenter({ organization: demoOrganization({ accounts: 2, rolesPerAccount: 1 }), clock });
});

afterEach(() => ic.close());

function post(action: string, body: unknown): Promise<Response> {
  return fetch(`${ic.controlUrl}/${action}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
}

describe('control API', () => {
  it('denies a device authorization and reports an unknown code', async () => {
    const oidc = new SSOOIDCClient({ region: ic.region, endpoint: ic.endpoint, maxAttempts: 1 });
    try {
      const client = await oidc.send(new RegisterClientCommand({ clientName: 'x', clientType: 'public', scopes: ['sso:account:access'] }));
      const device = await oidc.send(new StartDeviceAuthorizationCommand({ clientId: client.clientId!, clientSecret: client.clientSecret!, startUrl: ic.startUrl }));
      expect((await post('approve', { userCode: device.userCode!.toLowerCase(), allow: false })).status).toBe(200);
      await expect(
        oidc.send(new CreateTokenCommand({ clientId: client.clientId!, clientSecret: client.clientSecret!, grantType: 'urn:ietf:params:oauth:grant-type:device_code', deviceCode: device.deviceCode! })),
      ).rejects.toBeInstanceOf(AccessDeniedException);
      // Settled already: a second answer conflicts.
      expect((await post('approve', { userCode: device.userCode, allow: true })).status).toBe(409);
      expect((await post('approve', { allow: true })).status).toBe(400);
    } finally {
      oidc.destroy();
    }
  });

  it('moves the given FakeClock forward', async () => {
    const before = clock.now();
    const res = await post('clock', { advanceSeconds: 24 * 3600 });
    expect(await res.json()).toEqual({ now: new Date(before + 24 * 3600 * 1000).toISOString() });
    expect(clock.now()).toBe(before + 24 * 3600 * 1000);
    expect(ic.now()).toBe(clock.now());
  });

  it('sets faults, throttling and auto-approval, and lists requests', async () => {
    const { accessToken } = await signInWithSdk(ic);
    expect((await post('fault', { operation: 'ListAccounts', kind: 'http-500', times: 1 })).status).toBe(200);
    expect((await post('fault', { operation: 'Nope', kind: 'http-500' })).status).toBe(400);
    const sso = new SSOClient({ region: ic.region, endpoint: ic.endpoint, maxAttempts: 1 });
    try {
      const error = await sso.send(new ListAccountsCommand({ accessToken })).catch((e: unknown) => e);
      expect((error as SSOServiceException).$metadata.httpStatusCode).toBe(500);
      expect((await post('throttle', { requestsPerSecond: 1 })).status).toBe(200);
      await sso.send(new ListAccountsCommand({ accessToken }));
      await expect(sso.send(new ListAccountsCommand({ accessToken }))).rejects.toMatchObject({ name: 'TooManyRequestsException' });
      expect((await post('throttle', { requestsPerSecond: null })).status).toBe(200);
      expect((await post('latency', { ms: -1 })).status).toBe(400);
      expect((await post('auto-approve', { mode: 'sometimes' })).status).toBe(400);
    } finally {
      sso.destroy();
    }
    const log = (await (await fetch(`${ic.controlUrl}/requests`)).json()) as { operation: string; status: number }[];
    expect(log.filter((r) => r.operation === 'ListAccounts').map((r) => r.status)).toEqual([500, 200, 429]);
    expect((await fetch(`${ic.controlUrl}/nothing`)).status).toBe(404);
  });
});
