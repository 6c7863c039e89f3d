import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeClock } from '../support/fake-clock';
import { demoOrganization, startIdentityCenter, type IdentityCenter } from './index';
import { signedInRoleCredentials } from './test-sign-in';

let clock: FakeClock;
let ic: IdentityCenter;

beforeEach(async () => {
  clock = new FakeClock();
  ic = await startIdentityCenter({ organization: demoOrganization({ accounts: 2, rolesPerAccount: 2 }), clock });
});

afterEach(() => ic.close());

type Keys = { accessKeyId?: string; secretAccessKey?: string; sessionToken?: string };

function signinTokenUrl(keys: Keys, extra: Record<string, string> = {}): string {
  const session = JSON.stringify({ sessionId: keys.accessKeyId, sessionKey: keys.secretAccessKey, sessionToken: keys.sessionToken });
  return `${ic.endpoint}/federation?${new URLSearchParams({ Action: 'getSigninToken', ...extra, Session: session })}`;
}

function loginUrl(token: string, destination: string): string {
  return `${ic.endpoint}/federation?${new URLSearchParams({ Action: 'login', Issuer: 'https://rolecall.example/', Destination: destination, SigninToken: token })}`;
}

async function signinToken(keys: Keys, extra: Record<string, string> = {}): Promise<string> {
  const res = await fetch(signinTokenUrl(keys, extra));
  expect(res.status).toBe(200);
  const body = (await res.json()) as { SigninToken: string };
  return body.SigninToken;
}

describe('federation sign-in', () => {
  it('exchanges issued credentials for a sign-in token and logs in to the console page', async () => {
    const { account, credentials } = await signedInRoleCredentials(ic, 'ReadOnlyAccess');
    const token = await signinToken(credentials, { SessionDuration: '43200' });
    expect(ic.issuedSecrets()).toContain(token);
    const destination = 'https://eu-west-1.console.aws.amazon.com/ec2/home?region=eu-west-1#Instances:';
    const login = await fetch(loginUrl(token, destination), { redirect: 'manual' });
    expect(login.status).toBe(302);
    const location = login.headers.get('location')!;
    expect(location.startsWith(`${ic.endpoint}/console/`)).toBe(true);
    const page = await (await fetch(location)).text();
    expect(page).toContain(`data-testid="account-id">${account.accountId}<`);
    expect(page).toContain('data-testid="role-name">ReadOnlyAccess<');
    expect(page).toContain('data-testid="region">eu-west-1<');
    expect(page).toContain(`data-testid="destination">${destination}<`);
    expect(page).not.toContain(token);
    expect(ic.requests().map((r) => r.operation)).toEqual(expect.arrayContaining(['GetSigninToken', 'FederationLogin', 'ConsolePage']));
  });

  it('accepts getSigninToken as a POSTed form too', async () => {
    const { credentials } = await signedInRoleCredentials(ic);
    const session = JSON.stringify({ sessionId: credentials.accessKeyId, sessionKey: credentials.secretAccessKey, sessionToken: credentials.sessionToken });
    const res = await fetch(`${ic.endpoint}/federation`, { method: 'POST', body: new URLSearchParams({ Action: 'getSigninToken', Session: session }) });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { SigninToken: string }).SigninToken).toContain('CANARY');
  });

  it('uses a sign-in token once, and only for 15 minutes', async () => {
    const { credentials } = await signedInRoleCredentials(ic);
    const destination = 'https://console.aws.amazon.com/';
    const token = await signinToken(credentials);
    expect((await fetch(loginUrl(token, destination), { redirect: 'manual' })).status).toBe(302);
    expect((await fetch(loginUrl(token, destination), { redirect: 'manual' })).status).toBe(400);
    const late = await signinToken(credentials);
    await ic.advanceClock(15 * 60);
    expect((await fetch(loginUrl(late, destination), { redirect: 'manual' })).status).toBe(400);
  });

  it('refuses credentials it did not issue, expired ones, and a SessionDuration out of range', async () => {
    const { credentials } = await signedInRoleCredentials(ic);
    expect((await fetch(signinTokenUrl({ ...credentials, secretAccessKey: 'wrong' }))).status).toBe(400);
    expect((await fetch(signinTokenUrl(credentials, { SessionDuration: '899' }))).status).toBe(400);
    expect((await fetch(signinTokenUrl(credentials, { SessionDuration: '43201' }))).status).toBe(400);
    await ic.advanceClock(3600);
    expect((await fetch(signinTokenUrl(credentials))).status).toBe(400);
    expect(ic.requests().filter((r) => r.operation === 'GetSigninToken').map((r) => r.errorType)).toEqual([
      'InvalidSession', 'InvalidSessionDuration', 'InvalidSessionDuration', 'ExpiredSession',
    ]);
  });

  it('refuses a destination that is not a console URL', async () => {
    const { credentials } = await signedInRoleCredentials(ic);
    const token = await signinToken(credentials);
    expect((await fetch(loginUrl(token, 'https://evil.example/'), { redirect: 'manual' })).status).toBe(400);
  });
});
