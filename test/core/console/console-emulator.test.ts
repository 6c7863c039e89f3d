import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { consoleSignInUrl, openConsole } from '../../../main/core/console/console-sign-in';
import { planBrowserLaunch } from '../../../main/core/browser/browser-opener';
import { createLogger, type LogRecord } from '../../../main/core/logger';
import { FakeClock } from '../../support/fake-clock';
import { demoOrganization, startIdentityCenter, type IdentityCenter } from '../../identity-center';
import { signedInRoleCredentials } from '../../identity-center/test-sign-in';

let clock: FakeClock;
let ic: IdentityCenter;

beforeEach(async () => {
  clock = new FakeClock();
  ic = await startIdentityCenter({ organization: demoOrganization({ accounts: 2, rolesPerAccount: 2 }), clock });
});

afterEach(() => ic.close());

describe('console sign-in against the Identity Center emulator', () => {
  it('gets a sign-in token and lands on the console page with the right account, role, region and destination', async () => {
    const { account, credentials: keys } = await signedInRoleCredentials(ic, 'ReadOnlyAccess');
    const records: LogRecord[] = [];
    const instance = { id: 'sandbox', startUrl: ic.startUrl, region: ic.region, endpointUrl: ic.endpoint };
    const url = await consoleSignInUrl(
      { instance, credentials: keys, region: 'eu-west-1', destination: 'ec2/home#Instances:', sessionDurationSeconds: 43_200 },
      { fetch, clock, logger: createLogger((r) => records.push(r)) },
    );
    // The browser opener accepts it for this instance (and only because the sandbox origin is named).
    expect(planBrowserLaunch(url, { target: { kind: 'print' }, sandboxOrigin: ic.endpoint }, { platform: 'linux', env: {}, exists: () => false })).toEqual({ kind: 'print', url });
    expect(() => planBrowserLaunch(url, { target: { kind: 'print' } }, { platform: 'linux', env: {}, exists: () => false })).toThrow(expect.objectContaining({ code: 'url-not-allowed' }));

    const login = await fetch(url, { redirect: 'manual' });
    expect(login.status).toBe(302);
    const page = await (await fetch(login.headers.get('location')!)).text();
    expect(page).toContain(`data-testid="account-id">${account.accountId}<`);
    expect(page).toContain('data-testid="role-name">ReadOnlyAccess<');
    expect(page).toContain('data-testid="region">eu-west-1<');
    expect(page).toContain('data-testid="destination">https://eu-west-1.console.aws.amazon.com/ec2/home?region=eu-west-1#Instances:<');
    expect(page).toContain(`data-testid="issuer">${ic.startUrl}<`);
    const operations = ic.requests().map((r) => r.operation);
    expect(operations.filter((o) => o === 'GetSigninToken' || o === 'FederationLogin')).toEqual(['GetSigninToken', 'FederationLogin']);
    // Nothing the emulator issued reached the log.
    const log = JSON.stringify(records);
    for (const secret of ic.issuedSecrets()) expect(log).not.toContain(secret);
  });

  it('prints a sandbox sign-in link through the browser opener, and the link works', async () => {
    const { account, credentials: keys } = await signedInRoleCredentials(ic, 'AdministratorAccess');
    const printed: string[] = [];
    const instance = { id: 'sandbox', startUrl: ic.startUrl, region: ic.region, endpointUrl: ic.endpoint };
    const result = await openConsole(
      { instance, credentials: keys, region: 'us-west-2', destination: 's3/buckets', role: { accountId: account.accountId!, accountName: account.accountName!, roleName: 'AdministratorAccess' }, browser: { kind: 'print' } },
      { fetch, clock, logger: createLogger(() => undefined), platform: 'linux', env: {}, exists: () => false, launcher: { launch: async () => undefined }, print: (u) => printed.push(u) },
    );
    expect(result).toEqual({ kind: 'printed' });
    expect(printed).toHaveLength(1);
    const login = await fetch(printed[0]!, { redirect: 'manual' });
    const page = await (await fetch(login.headers.get('location')!)).text();
    expect(page).toContain('data-testid="destination">https://us-west-2.console.aws.amazon.com/s3/buckets?region=us-west-2<');
  });

  it('opens the console home of the instance region by default', async () => {
    const { credentials: keys } = await signedInRoleCredentials(ic, 'AdministratorAccess');
    const instance = { id: 'sandbox', startUrl: ic.startUrl, region: ic.region, endpointUrl: ic.endpoint };
    const url = await consoleSignInUrl({ instance, credentials: keys }, { fetch, clock, logger: createLogger(() => undefined) });
    const login = await fetch(url, { redirect: 'manual' });
    const page = await (await fetch(login.headers.get('location')!)).text();
    expect(page).toContain('data-testid="role-name">AdministratorAccess<');
    expect(page).toContain(`data-testid="region">${ic.region}<`);
    expect(page).toContain(`data-testid="destination">https://${ic.region}.console.aws.amazon.com/console/home?region=${ic.region}<`);
  });

  it('reports credentials the sign-in endpoint refuses, without any secret in the error', async () => {
    const { credentials: keys } = await signedInRoleCredentials(ic, 'AdministratorAccess');
    const instance = { id: 'sandbox', startUrl: ic.startUrl, region: ic.region, endpointUrl: ic.endpoint };
    const forged = { ...keys, secretAccessKey: `${keys.secretAccessKey}x` };
    const error = await consoleSignInUrl({ instance, credentials: forged }, { fetch, clock, logger: createLogger(() => undefined) }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'federation-refused', status: 400 });
    const text = JSON.stringify([(error as Error).message, (error as { hint?: string }).hint, String((error as Error).cause)]);
    for (const secret of [...ic.issuedSecrets(), forged.secretAccessKey]) expect(text).not.toContain(secret);
    expect(ic.requests().filter((r) => r.operation === 'GetSigninToken').map((r) => r.errorType)).toEqual(['InvalidSession']);
  });

  it('reports an endpoint that is down as unreachable', async () => {
    const { credentials: keys } = await signedInRoleCredentials(ic, 'AdministratorAccess');
    const endpoint = ic.endpoint;
    await ic.close();
    const instance = { id: 'sandbox', startUrl: ic.startUrl, region: ic.region, endpointUrl: endpoint };
    await expect(consoleSignInUrl({ instance, credentials: keys }, { fetch, clock, logger: createLogger(() => undefined) })).rejects.toMatchObject({
      code: 'federation-unreachable',
    });
    ic = await startIdentityCenter({ clock });
  });
});
