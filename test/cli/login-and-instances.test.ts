import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoOrganization, startIdentityCenter, type IdentityCenter } from '../identity-center';
import { createSandbox, rolecall, type Sandbox } from './support/cli-harness';
import { sandboxKeychain } from './support/keychain-edits';
import { ok, signIn } from './support/signed-in';

let ic: IdentityCenter;
let sandbox: Sandbox;
let loginLines: string[];

beforeAll(async () => {
  ic = await startIdentityCenter({ organization: demoOrganization({ accounts: 2, rolesPerAccount: 1 }) });
  sandbox = await createSandbox();
  loginLines = await signIn(ic, sandbox);
});
afterAll(async () => ic?.close());

describe('rolecall login', () => {
  it('prints JSON lines: the authorization first, signed-in last', () => {
    const first = JSON.parse(loginLines[0]!) as Record<string, string>;
    expect(Object.keys(first)).toEqual(['event', 'userCode', 'verificationUri', 'verificationUriComplete', 'expiresAt']);
    expect(first.event).toBe('authorization');
    expect(first.verificationUriComplete).toBe(`${ic.endpoint}/device?user_code=${first.userCode}`);
    expect(Date.parse(first.expiresAt!)).toBeGreaterThan(Date.now());
    const last = JSON.parse(loginLines.at(-1)!) as Record<string, string>;
    expect(last).toEqual({ event: 'signed-in', instance: 'acme', expiresAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT.*Z$/) });
  });

  it('signs in again by instance id, reusing the client registration', async () => {
    ic.autoApprove('allow');
    const out = await ok(sandbox, ['login', 'acme', '--no-browser', '--json']);
    ic.autoApprove(false);
    expect(JSON.parse(out.trim().split('\n').at(-1)!)).toMatchObject({ event: 'signed-in', instance: 'acme' });
    expect(ic.stats().operations.RegisterClient).toBe(1);
  });

  it('ends with a failed event and exit 3 when the request is denied', async () => {
    ic.autoApprove('deny');
    const result = await rolecall(sandbox, ['login', 'acme', '--no-browser', '--json']);
    ic.autoApprove(false);
    expect(result.code).toBe(3);
    expect(JSON.parse(result.stdout.trim().split('\n').at(-1)!)).toEqual({ event: 'failed', instance: 'acme', code: 'sign-in-denied', message: 'The sign-in request for "acme" was denied in the browser.' });
    expect(result.stderr).toBe('rolecall: The sign-in request for "acme" was denied in the browser.\n  If that was a mistake, run `rolecall login acme` again and choose Allow.\n');
  });

  it.each([
    [['login', '--start-url', 'https://d-1234567890.awsapps.com/start'], 2, /--start-url and --region go together/],
    [['login', 'nope'], 6, /There is no Identity Center instance "nope"/],
    [['login', '--start-url', 'ftp://example.com', '--region', 'us-east-1'], 2, /start URL/i],
  ])('refuses %j', async (args, code, message) => {
    const result = await rolecall(sandbox, args);
    expect(result.code).toBe(code);
    expect(result.stderr).toMatch(message);
  });
});

describe('rolecall instances, status and logout', () => {
  it('lists, renames and reports the session', async () => {
    const [acme] = JSON.parse(await ok(sandbox, ['instances', 'list', '--json'])) as Array<Record<string, string>>;
    expect(acme).toMatchObject({ id: 'acme', name: 'acme', startUrl: ic.startUrl, region: ic.region, endpointUrl: ic.endpoint, status: 'active' });
    await ok(sandbox, ['instances', 'rename', 'acme', 'Acme Corp']);
    const status = JSON.parse(await ok(sandbox, ['status', '--json'])) as { instances: Array<Record<string, unknown>>; broker: { running: boolean } };
    expect(status.instances).toEqual([expect.objectContaining({ id: 'acme', name: 'Acme Corp', status: 'active', accounts: null })]);
    expect(status.broker.running).toBe(false);
  });

  it('logs out: the portal session ends and the tokens leave the keychain', async () => {
    const out = JSON.parse(await ok(sandbox, ['logout', '--json'])) as unknown;
    expect(out).toEqual([{ instance: 'acme', credentialsDeleted: 0 }]);
    expect(ic.stats().operations.Logout).toBe(1);
    const [acme] = JSON.parse(await ok(sandbox, ['instances', 'list', '--json'])) as Array<Record<string, string>>;
    expect(acme!.status).toBe('signed-out');
  });

  it('removes an instance with every keychain item it had', async () => {
    const store = sandboxKeychain(sandbox);
    expect(await store.keys('acme')).not.toEqual([]);
    await ok(sandbox, ['instances', 'remove', 'acme']);
    expect(await store.keys('acme')).toEqual([]);
    expect(JSON.parse(await ok(sandbox, ['instances', 'list', '--json']))).toEqual([]);
  });
});
