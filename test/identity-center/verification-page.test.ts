import { createHash, randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  AccessDeniedException,
  AuthorizationPendingException,
  CreateTokenCommand,
  RegisterClientCommand,
  SlowDownException,
  SSOOIDCClient,
  StartDeviceAuthorizationCommand,
  type CreateTokenCommandOutput,
} from '@aws-sdk/client-sso-oidc';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { demoOrganization, startIdentityCenter, type IdentityCenter } from './index';
import { signedInRoleCredentials } from './test-sign-in';

let browser: Browser;
let ic: IdentityCenter;
let oidc: SSOOIDCClient;
let page: Page;

beforeAll(async () => {
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
});

afterAll(async () => {
  await browser?.close();
});

beforeEach(async () => {
  ic = await startIdentityCenter({ organization: demoOrganization({ accounts: 2, rolesPerAccount: 2 }) });
  oidc = new SSOOIDCClient({ region: ic.region, endpoint: ic.endpoint, maxAttempts: 1 });
  page = await browser.newPage();
  // The pages must work with nothing but this origin (and the loopback redirect).
  await page.route('**/*', (route) => {
    const url = new URL(route.request().url());
    return url.hostname === '127.0.0.1' ? route.continue() : route.abort();
  });
});

afterEach(async () => {
  await page.close();
  oidc.destroy();
  await ic.close();
});

/** Polls CreateToken the way a device-flow client must: every `interval`, +5 s on slow_down. */
async function pollForToken(client: { clientId?: string; clientSecret?: string }, deviceCode: string, intervalSeconds: number): Promise<CreateTokenCommandOutput> {
  let interval = intervalSeconds;
  for (;;) {
    try {
      return await oidc.send(new CreateTokenCommand({
        clientId: client.clientId!, clientSecret: client.clientSecret!, grantType: 'urn:ietf:params:oauth:grant-type:device_code', deviceCode,
      }));
    } catch (error) {
      if (error instanceof SlowDownException) interval += 5;
      else if (!(error instanceof AuthorizationPendingException)) throw error;
    }
    await new Promise((resolve) => setTimeout(resolve, interval * 1000));
  }
}

async function startDeviceFlow() {
  const client = await oidc.send(new RegisterClientCommand({ clientName: 'Rolecall', clientType: 'public', scopes: ['sso:account:access'] }));
  const device = await oidc.send(new StartDeviceAuthorizationCommand({ clientId: client.clientId!, clientSecret: client.clientSecret!, startUrl: ic.startUrl }));
  return { client, device, token: pollForToken(client, device.deviceCode!, device.interval!) };
}

describe('device verification page in Chromium', () => {
  it('shows the user code; Allow gives the polling client its token', async () => {
    const { device, token } = await startDeviceFlow();
    await page.goto(device.verificationUriComplete!);
    expect(await page.getByTestId('user-code').textContent()).toBe(device.userCode);
    expect(await page.getByTestId('client-name').textContent()).toBe('Rolecall');
    await page.getByTestId('allow').click();
    await page.getByText('Request approved').waitFor();
    const answer = await token;
    expect(answer.accessToken).toContain('CANARY');
    expect(answer.refreshToken).toContain('CANARY');
    expect(ic.requests().map((r) => r.operation)).toEqual(expect.arrayContaining(['DevicePage', 'DeviceDecision']));
  });

  it('Deny makes the polling client fail with AccessDeniedException', async () => {
    const { device, token } = await startDeviceFlow();
    const settled = token.catch((e: unknown) => e);
    await page.goto(device.verificationUriComplete!);
    await page.getByTestId('deny').click();
    await page.getByText('Request denied').waitFor();
    expect(await settled).toBeInstanceOf(AccessDeniedException);
  });

  it('accepts a code typed on the bare verification URI', async () => {
    const { device, token } = await startDeviceFlow();
    await page.goto(device.verificationUri!);
    await page.getByTestId('user-code-input').fill(device.userCode!.toLowerCase().replace('-', ''));
    await page.getByTestId('next').click();
    await page.getByTestId('allow').click();
    await page.getByText('Request approved').waitFor();
    await expect(token).resolves.toHaveProperty('accessToken');
  });
});

describe('authorization code approval page in Chromium', () => {
  let callback: Server;
  let redirectUri: string;
  let received: URL[];

  beforeEach(async () => {
    received = [];
    callback = createServer((req, res) => {
      received.push(new URL(req.url!, redirectUri));
      res.writeHead(200, { 'content-type': 'text/html' }).end('<p>Signed in. You can close this tab.</p>');
    });
    callback.listen(0, '127.0.0.1');
    await once(callback, 'listening');
    redirectUri = `http://127.0.0.1:${(callback.address() as AddressInfo).port}/oauth/callback`;
  });

  afterEach(async () => {
    callback.closeAllConnections();
    await new Promise((resolve) => callback.close(resolve));
  });

  async function openAuthorize() {
    const client = await oidc.send(new RegisterClientCommand({
      clientName: 'Rolecall', clientType: 'public', scopes: ['sso:account:access'],
      grantTypes: ['authorization_code', 'refresh_token'], redirectUris: [redirectUri], issuerUrl: ic.startUrl,
    }));
    const verifier = randomBytes(48).toString('base64url');
    const url = new URL(`${ic.endpoint}/authorize`);
    url.search = new URLSearchParams({
      response_type: 'code', client_id: client.clientId!, redirect_uri: redirectUri, state: 'state-42',
      code_challenge_method: 'S256', code_challenge: createHash('sha256').update(verifier).digest('base64url'), scopes: 'sso:account:access',
    }).toString();
    await page.goto(url.toString());
    return { client, verifier };
  }

  it('Allow redirects to the loopback URI with code and state; the code buys a token', async () => {
    const { client, verifier } = await openAuthorize();
    expect(await page.getByTestId('scopes').textContent()).toBe('sso:account:access');
    await page.getByTestId('allow').click();
    await page.getByText('Signed in.').waitFor();
    const back = received[0]!;
    expect(back.pathname).toBe('/oauth/callback');
    expect(back.searchParams.get('state')).toBe('state-42');
    const token = await oidc.send(new CreateTokenCommand({
      clientId: client.clientId!, clientSecret: client.clientSecret!, grantType: 'authorization_code',
      code: back.searchParams.get('code')!, redirectUri, codeVerifier: verifier,
    }));
    expect(token.accessToken).toContain('CANARY');
  });

  it('Deny redirects with error=access_denied', async () => {
    await openAuthorize();
    await page.getByTestId('deny').click();
    await page.getByText('Signed in.').waitFor();
    expect(received[0]!.searchParams.get('error')).toBe('access_denied');
    expect(received[0]!.searchParams.get('state')).toBe('state-42');
    expect(received[0]!.searchParams.has('code')).toBe(false);
  });
});

describe('federation console page in Chromium', () => {
  it('opens the login URL and lands on a console page naming account, role, region and destination', async () => {
    const { account, credentials } = await signedInRoleCredentials(ic, 'ReadOnlyAccess');
    const session = JSON.stringify({ sessionId: credentials.accessKeyId, sessionKey: credentials.secretAccessKey, sessionToken: credentials.sessionToken });
    const tokenAnswer = await fetch(`${ic.endpoint}/federation?${new URLSearchParams({ Action: 'getSigninToken', Session: session })}`);
    const { SigninToken } = (await tokenAnswer.json()) as { SigninToken: string };
    const destination = 'https://console.aws.amazon.com/s3/home?region=ap-southeast-2';
    await page.goto(`${ic.endpoint}/federation?${new URLSearchParams({ Action: 'login', Issuer: 'https://rolecall.example/', Destination: destination, SigninToken })}`);
    expect(new URL(page.url()).pathname).toMatch(/^\/console\/[\w-]+\/s3\/home$/);
    expect(await page.getByTestId('account-id').textContent()).toBe(account.accountId);
    expect(await page.getByTestId('role-name').textContent()).toBe('ReadOnlyAccess');
    expect(await page.getByTestId('region').textContent()).toBe('ap-southeast-2');
    expect(await page.getByTestId('destination').textContent()).toBe(destination);
  });
});
