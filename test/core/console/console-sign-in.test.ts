import { describe, expect, it } from 'vitest';
import { consoleSignInUrl, openConsole, type ConsoleSignInRequest } from '../../../main/core/console/console-sign-in';
import type { FederationFetch } from '../../../main/core/console/federation';
import { createLogger, type LogRecord } from '../../../main/core/logger';
import type { ProcessLauncher } from '../../../main/core/browser/process-launcher';
import { FakeClock } from '../../support/fake-clock';

const SECRET = 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYCANARY';
const SESSION_TOKEN = 'IQoJb3JpZ2luX2VjEJr//////////wEaCXVzLWVhc3QtMSJHMEUCIQCANARY==';
const TOKEN = 'VCQgs5qZZt3Q6fn8Tr5EXAMPLE-mLnwB7JjUc_SHwnUUWabcRdnWsi4DBn-dvCCANARY';

function setup(options: { status?: number; body?: string; throws?: Error; now?: number } = {}) {
  const clock = new FakeClock(Date.UTC(2026, 0, 15, 9, 0, 0));
  const requests: string[] = [];
  const records: LogRecord[] = [];
  const fetch: FederationFetch = async (url) => {
    requests.push(url);
    if (options.throws) throw options.throws;
    return { status: options.status ?? 200, text: async () => options.body ?? JSON.stringify({ SigninToken: TOKEN }) };
  };
  const deps = { fetch, clock, logger: createLogger((r) => records.push(r), { level: 'debug' }) };
  const request = (overrides: Partial<ConsoleSignInRequest> = {}): ConsoleSignInRequest => ({
    instance: { id: 'acme', startUrl: 'https://d-90670c0e1a.awsapps.com/start', region: 'eu-west-1' },
    credentials: { accessKeyId: 'ASIAEXAMPLE', secretAccessKey: SECRET, sessionToken: SESSION_TOKEN, expiration: clock.now() + 3600_000 },
    ...overrides,
  });
  return { clock, requests, records, deps, request };
}

const SESSION = encodeURIComponent(JSON.stringify({ sessionId: 'ASIAEXAMPLE', sessionKey: SECRET, sessionToken: SESSION_TOKEN }));
const ISSUER = 'https%3A%2F%2Fd-90670c0e1a.awsapps.com%2Fstart';

async function failure(promise: Promise<unknown>): Promise<Error & { code: string; hint?: string }> {
  try {
    await promise;
  } catch (error) {
    return error as Error & { code: string };
  }
  throw new Error('expected a failure');
}

describe('consoleSignInUrl', () => {
  it.each([
    ['eu-west-1', undefined, 'eu-west-1.signin.aws.amazon.com', 'https%3A%2F%2Feu-west-1.console.aws.amazon.com%2Fconsole%2Fhome%3Fregion%3Deu-west-1'],
    ['us-east-1', undefined, 'signin.aws.amazon.com', 'https%3A%2F%2Fus-east-1.console.aws.amazon.com%2Fconsole%2Fhome%3Fregion%3Dus-east-1'],
    ['eu-west-2', 'ec2/home#Instances:', 'eu-west-2.signin.aws.amazon.com', 'https%3A%2F%2Feu-west-2.console.aws.amazon.com%2Fec2%2Fhome%3Fregion%3Deu-west-2%23Instances%3A'],
    ['us-gov-west-1', 's3/buckets', 'signin.amazonaws-us-gov.com', 'https%3A%2F%2Fconsole.amazonaws-us-gov.com%2Fs3%2Fbuckets%3Fregion%3Dus-gov-west-1'],
    ['cn-northwest-1', undefined, 'signin.amazonaws.cn', 'https%3A%2F%2Fconsole.amazonaws.cn%2Fconsole%2Fhome%3Fregion%3Dcn-northwest-1'],
    ['eusc-de-east-1', 'lambda/home', 'eusc-de-east-1.signin.amazonaws-eusc.eu', 'https%3A%2F%2Feusc-de-east-1.console.amazonaws-eusc.eu%2Flambda%2Fhome%3Fregion%3Deusc-de-east-1'],
  ])('%s, destination %j: asks %s for a token and builds the exact login URL', async (region, destination, host, encodedDestination) => {
    const { deps, requests, request } = setup();
    const url = await consoleSignInUrl(request({ region, destination }), deps);
    expect(requests).toEqual([`https://${host}/federation?Action=getSigninToken&Session=${SESSION}`]);
    expect(url).toBe(`https://${host}/federation?Action=login&Issuer=${ISSUER}&Destination=${encodedDestination}&SigninToken=${TOKEN}`);
  });

  it('uses the instance region when no region is given, and a full console URL as given', async () => {
    const { deps, request } = setup();
    const url = await consoleSignInUrl(request({ destination: 'https://s3.console.aws.amazon.com/s3/buckets/logs?region=eu-west-1&prefix=a%2F' }), deps);
    expect(url).toBe(
      `https://eu-west-1.signin.aws.amazon.com/federation?Action=login&Issuer=${ISSUER}` +
        `&Destination=https%3A%2F%2Fs3.console.aws.amazon.com%2Fs3%2Fbuckets%2Flogs%3Fregion%3Deu-west-1%26prefix%3Da%252F&SigninToken=${TOKEN}`,
    );
  });

  it('sends SessionDuration only when asked, and only within 900..43200 s for role credentials', async () => {
    const { deps, requests, request } = setup();
    await consoleSignInUrl(request({ sessionDurationSeconds: 43_200 }), deps);
    await consoleSignInUrl(request({ sessionDurationSeconds: 900, credentialOrigin: 'assumed-role' }), deps);
    expect(requests).toEqual([
      `https://eu-west-1.signin.aws.amazon.com/federation?Action=getSigninToken&SessionDuration=43200&Session=${SESSION}`,
      `https://eu-west-1.signin.aws.amazon.com/federation?Action=getSigninToken&SessionDuration=900&Session=${SESSION}`,
    ]);
    for (const bad of [899, 43_201, 3600.5, Number.NaN, -1]) {
      expect(await failure(consoleSignInUrl(request({ sessionDurationSeconds: bad }), deps))).toMatchObject({ code: 'invalid-session-duration' });
    }
    for (const origin of ['federation-token', 'role-chain'] as const) {
      const error = await failure(consoleSignInUrl(request({ sessionDurationSeconds: 3600, credentialOrigin: origin }), deps));
      expect(error).toMatchObject({ code: 'invalid-session-duration' });
      expect(error.message).toMatch(origin === 'federation-token' ? /GetFederationToken/ : /another role/);
    }
    // Without a duration those credentials are fine.
    await consoleSignInUrl(request({ credentialOrigin: 'role-chain' }), deps);
    expect(requests).toHaveLength(3);
  });

  it('wraps the login in a sign-out-first URL on the us-east-1 sign-in host', async () => {
    const { deps, requests, request } = setup();
    const url = await consoleSignInUrl(request({ region: 'ap-northeast-1', signOutFirst: true }), deps);
    expect(requests[0]!.startsWith('https://us-east-1.signin.aws.amazon.com/federation?Action=getSigninToken&')).toBe(true);
    const login = `https://us-east-1.signin.aws.amazon.com/federation?Action=login&Issuer=${ISSUER}&Destination=${encodeURIComponent('https://ap-northeast-1.console.aws.amazon.com/console/home?region=ap-northeast-1')}&SigninToken=${TOKEN}`;
    expect(url).toBe(`https://signin.aws.amazon.com/oauth?Action=logout&redirect_uri=${encodeURIComponent(login)}`);
    const gov = await consoleSignInUrl(request({ region: 'us-gov-east-1', signOutFirst: true }), deps);
    expect(gov.startsWith('https://signin.amazonaws-us-gov.com/oauth?Action=logout&redirect_uri=https%3A%2F%2Fus-gov-west-1.signin.amazonaws-us-gov.com%2Ffederation%3FAction%3Dlogin%26')).toBe(true);
    expect(await failure(consoleSignInUrl(request({ region: 'cn-north-1', signOutFirst: true }), deps))).toMatchObject({ code: 'sign-out-first-unavailable' });
  });

  it('talks to the sandbox endpoint when the instance has one, keeping AWS console destinations', async () => {
    const { deps, requests, request } = setup();
    const instance = { id: 'sandbox', startUrl: 'https://d-90670c0e1a.awsapps.com/start', region: 'us-east-1', endpointUrl: 'http://127.0.0.1:4567/' };
    const url = await consoleSignInUrl(request({ instance, region: 'eu-central-1', destination: 'ec2/home', signOutFirst: true }), deps);
    expect(requests).toEqual([`http://127.0.0.1:4567/federation?Action=getSigninToken&Session=${SESSION}`]);
    expect(url).toBe(
      `http://127.0.0.1:4567/federation?Action=login&Issuer=${ISSUER}&Destination=${encodeURIComponent('https://eu-central-1.console.aws.amazon.com/ec2/home?region=eu-central-1')}&SigninToken=${TOKEN}`,
    );
    const remote = { ...instance, endpointUrl: 'http://10.0.0.5:4567' };
    expect(await failure(consoleSignInUrl(request({ instance: remote }), deps))).toMatchObject({ code: 'endpoint-not-loopback' });
    expect(requests).toHaveLength(1);
  });

  it('refuses bad input before any request: unknown region, hostile destination, expired credentials', async () => {
    const { deps, requests, request, clock } = setup();
    expect(await failure(consoleSignInUrl(request({ region: 'mars-north-1' }), deps))).toMatchObject({ code: 'unknown-region' });
    expect(await failure(consoleSignInUrl(request({ region: 'us-iso-east-1' }), deps))).toMatchObject({ code: 'console-unavailable' });
    expect(await failure(consoleSignInUrl(request({ destination: 'https://console.aws.amazon.com.evil.com/' }), deps))).toMatchObject({ code: 'invalid-destination' });
    expect(await failure(consoleSignInUrl(request({ destination: 'javascript:alert(1)' }), deps))).toMatchObject({ code: 'invalid-destination' });
    const expired = request({ credentials: { ...request().credentials, expiration: clock.now() - 1 } });
    expect(await failure(consoleSignInUrl(expired, deps))).toMatchObject({ code: 'credentials-expired' });
    const almost = request({ credentials: { ...request().credentials, expiration: clock.now() + 10_000 } });
    expect(await failure(consoleSignInUrl(almost, deps))).toMatchObject({ code: 'credentials-expired' });
    expect(await failure(consoleSignInUrl(request({ credentials: { ...request().credentials, sessionToken: '' } }), deps))).toMatchObject({ code: 'invalid-input' });
    expect(requests).toEqual([]);
  });

  it.each([
    [{ status: 400, body: '<Error>Invalid credentials parameter</Error>' }, 'federation-refused'],
    [{ status: 403, body: '' }, 'federation-refused'],
    [{ status: 503, body: '' }, 'federation-unreachable'],
    [{ status: 302, body: '' }, 'federation-bad-response'],
    [{ status: 200, body: 'not json' }, 'federation-bad-response'],
    [{ status: 200, body: '{"SigninToken":"has spaces <and> quotes\\""}' }, 'federation-bad-response'],
    [{ status: 200, body: '{"Other":1}' }, 'federation-bad-response'],
    [{ throws: new TypeError(`fetch failed: https://signin.aws.amazon.com/federation?Session=${SECRET}${SESSION_TOKEN}`) }, 'federation-unreachable'],
  ])('reports %j as %s without any secret in the error or the log', async (answer, code) => {
    const { deps, request, records } = setup(answer);
    const error = await failure(consoleSignInUrl(request(), deps));
    expect(error.code).toBe(code);
    expect(error.message).toMatch(/eu-west-1\.signin\.aws\.amazon\.com/);
    const everything = JSON.stringify([error.message, error.hint, error.stack, String((error as { cause?: unknown }).cause), (error as unknown as { toJSON(): unknown }).toJSON(), records]);
    for (const secret of [SECRET, SESSION_TOKEN, 'CANARY', encodeURIComponent(SECRET)]) expect(everything).not.toContain(secret);
  });

  it('never logs the sign-in token or the keys on success', async () => {
    const { deps, request, records } = setup();
    const url = await consoleSignInUrl(request({ sessionDurationSeconds: 3600 }), deps);
    expect(url).toContain(TOKEN);
    expect(records.map((r) => r.message)).toEqual(['console sign-in: token obtained']);
    expect(records[0]!.fields).toEqual({ host: 'eu-west-1.signin.aws.amazon.com', durationSeconds: 3600 });
    expect(JSON.stringify(records)).not.toContain('CANARY');
  });

  it('stops when the caller aborts', async () => {
    const { request, clock, records } = setup();
    const controller = new AbortController();
    const fetch: FederationFetch = (_url, init) =>
      new Promise((_resolve, reject) => init.signal.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError'))));
    const pending = consoleSignInUrl(request({ signal: controller.signal }), { fetch, clock, logger: createLogger((r) => records.push(r)) });
    controller.abort(new Error('user closed the window'));
    await expect(pending).rejects.toThrow('user closed the window');
  });
});

describe('openConsole', () => {
  const role = { accountId: '111122223333', accountName: 'acme-prod', roleName: 'AdministratorAccess' };

  it('prints the sign-in link when asked to', async () => {
    const { deps, request } = setup();
    const printed: string[] = [];
    const launched: string[][] = [];
    const launcher: ProcessLauncher = { launch: async (command, args) => void launched.push([command, ...args]) };
    const result = await openConsole(
      { ...request({ destination: 'ec2/home' }), role, browser: { kind: 'print' } },
      { ...deps, launcher, platform: 'linux', env: { PATH: '/usr/bin' }, exists: () => false, print: (u) => printed.push(u) },
    );
    expect(result).toEqual({ kind: 'printed' });
    expect(printed).toHaveLength(1);
    expect(printed[0]).toMatch(/^https:\/\/eu-west-1\.signin\.aws\.amazon\.com\/federation\?Action=login&/);
    expect(launched).toEqual([]);
  });

  it('opens the console in the role’s Firefox container', async () => {
    const { deps, request } = setup();
    const launched: string[][] = [];
    const launcher: ProcessLauncher = { launch: async (command, args) => void launched.push([command, ...args]) };
    await openConsole(
      { ...request(), role, browser: { kind: 'firefox-container' } },
      { ...deps, launcher, platform: 'linux', env: { PATH: '/usr/bin' }, exists: (p) => p === '/usr/bin/firefox' },
    );
    expect(launched).toHaveLength(1);
    expect(launched[0]![0]).toBe('/usr/bin/firefox');
    expect(launched[0]![1]).toMatch(/^ext\+granted-containers:name=acme-prod%2FAdministratorAccess&url=https%3A%2F%2Feu-west-1\.signin\.aws\.amazon\.com%2Ffederation%3FAction%3Dlogin%26/);
  });

  it('fails before asking AWS for a token when the chosen browser is missing', async () => {
    const { deps, request, requests } = setup();
    const launcher: ProcessLauncher = { launch: async () => undefined };
    const error = await failure(
      openConsole({ ...request(), role, browser: { kind: 'firefox-container' } }, { ...deps, launcher, platform: 'linux', env: { PATH: '/usr/bin' }, exists: () => false }),
    );
    expect(error).toMatchObject({ code: 'browser-not-found' });
    expect(requests).toEqual([]);
  });
});
