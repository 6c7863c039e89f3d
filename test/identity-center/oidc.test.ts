import { createHash, randomBytes } from 'node:crypto';
import {
  AccessDeniedException,
  AuthorizationPendingException,
  CreateTokenCommand,
  ExpiredTokenException,
  InvalidClientException,
  InvalidGrantException,
  InvalidRequestException,
  InvalidScopeException,
  RegisterClientCommand,
  SlowDownException,
  SSOOIDCClient,
  StartDeviceAuthorizationCommand,
  UnauthorizedClientException,
  UnsupportedGrantTypeException,
  InvalidRedirectUriException,
  InvalidClientMetadataException,
} from '@aws-sdk/client-sso-oidc';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeClock } from '../support/fake-clock';
import { demoOrganization, startIdentityCenter, type IdentityCenter } from './index';

const DEVICE_GRANT = 'urn:ietf:params:oauth:grant-type:device_code';

let clock: FakeClock;
let ic: IdentityCenter;
let oidc: SSOOIDCClient;

beforeEach(async () => {
  clock = new FakeClock();
  ic = await startIdentityCenter({
    organization: demoOrganization({ accounts: 3, rolesPerAccount: 2 }),
    clock,
    tokenLifetimes: { accessTokenSeconds: 3600, sessionSeconds: 8 * 3600, deviceCodeSeconds: 600 },
  });
  oidc = new SSOOIDCClient({ region: ic.region, endpoint: ic.endpoint, maxAttempts: 1 });
});

afterEach(async () => {
  oidc.destroy();
  await ic.close();
});

async function register(scopes = ['sso:account:access']) {
  return oidc.send(new RegisterClientCommand({ clientName: 'rolecall-test', clientType: 'public', scopes }));
}

async function startDevice(client: { clientId?: string; clientSecret?: string }) {
  return oidc.send(new StartDeviceAuthorizationCommand({ clientId: client.clientId!, clientSecret: client.clientSecret!, startUrl: ic.startUrl }));
}

function pollDevice(client: { clientId?: string; clientSecret?: string }, deviceCode: string) {
  return oidc.send(new CreateTokenCommand({ clientId: client.clientId!, clientSecret: client.clientSecret!, grantType: DEVICE_GRANT, deviceCode }));
}

describe('RegisterClient', () => {
  it('issues a client id, a secret and its expiry in epoch seconds', async () => {
    const client = await register();
    expect(client.clientId).toMatch(/^[\w-]{10,}$/);
    expect(client.clientSecret).toContain('CANARY');
    expect(client.clientIdIssuedAt).toBe(Math.floor(clock.now() / 1000));
    expect(client.clientSecretExpiresAt).toBe(Math.floor(clock.now() / 1000) + 90 * 24 * 3600);
    expect(ic.issuedSecrets()).toContain(client.clientSecret);
  });

  it('refuses an unknown scope and a non-loopback redirect URI', async () => {
    await expect(register(['not a scope'])).rejects.toBeInstanceOf(InvalidScopeException);
    await expect(
      oidc.send(new RegisterClientCommand({
        clientName: 'x', clientType: 'public', scopes: ['sso:account:access'],
        grantTypes: ['authorization_code', 'refresh_token'], redirectUris: ['https://evil.example/cb'], issuerUrl: ic.startUrl,
      })),
    ).rejects.toBeInstanceOf(InvalidRedirectUriException);
  });
});

describe('request validation', () => {
  it('refuses a confidential client type and missing required members', async () => {
    await expect(oidc.send(new RegisterClientCommand({ clientName: 'x', clientType: 'confidential' }))).rejects.toBeInstanceOf(InvalidClientMetadataException);
    await expect(oidc.send(new RegisterClientCommand({ clientName: '', clientType: 'public' }))).rejects.toBeInstanceOf(InvalidRequestException);
    const client = await register();
    await expect(
      oidc.send(new CreateTokenCommand({ clientId: client.clientId!, clientSecret: client.clientSecret!, grantType: DEVICE_GRANT })),
    ).rejects.toBeInstanceOf(InvalidRequestException);
  });

  it('refuses an authorization-code registration without redirect URIs', async () => {
    await expect(
      oidc.send(new RegisterClientCommand({ clientName: 'x', clientType: 'public', grantTypes: ['authorization_code'], issuerUrl: ic.startUrl })),
    ).rejects.toBeInstanceOf(InvalidRequestException);
  });
});

describe('device authorization flow', () => {
  it('pends, slows a fast poller down, then issues tokens once approved', async () => {
    const client = await register();
    const device = await startDevice(client);
    expect(device.userCode).toMatch(/^[A-Z]{4}-[A-Z]{4}$/);
    expect(device.verificationUri).toBe(`${ic.endpoint}/device`);
    expect(device.verificationUriComplete).toBe(`${ic.endpoint}/device?user_code=${device.userCode}`);
    expect(device.expiresIn).toBe(600);
    expect(device.interval).toBe(1);

    await expect(pollDevice(client, device.deviceCode!)).rejects.toBeInstanceOf(AuthorizationPendingException);
    // Polling again at once, before `interval`, is too fast.
    await expect(pollDevice(client, device.deviceCode!)).rejects.toBeInstanceOf(SlowDownException);
    // The expected interval is now 1 + 5 s: 2 s later is still too soon.
    await clock.advance(2000);
    await expect(pollDevice(client, device.deviceCode!)).rejects.toBeInstanceOf(SlowDownException);
    await clock.advance(11_000);
    await expect(pollDevice(client, device.deviceCode!)).rejects.toBeInstanceOf(AuthorizationPendingException);

    ic.approve(device.userCode!);
    const token = await pollDevice(client, device.deviceCode!);
    expect(token.accessToken).toContain('CANARY');
    expect(token.refreshToken).toContain('CANARY');
    expect(token.tokenType).toBe('Bearer');
    expect(token.expiresIn).toBe(3600);
    // A device code works once.
    await expect(pollDevice(client, device.deviceCode!)).rejects.toBeInstanceOf(InvalidGrantException);
    const errors = ic.requests().filter((r) => r.operation === 'CreateToken').map((r) => r.errorType ?? 'ok');
    expect(errors).toEqual([
      'AuthorizationPendingException', 'SlowDownException', 'SlowDownException', 'AuthorizationPendingException', 'ok', 'InvalidGrantException',
    ]);
  });

  it('answers access_denied when the user refuses', async () => {
    const client = await register();
    const device = await startDevice(client);
    ic.approve(device.userCode!, false);
    const error = await pollDevice(client, device.deviceCode!).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AccessDeniedException);
    expect((error as AccessDeniedException).error).toBe('access_denied');
  });

  it('answers expired_token once the device code outlives expiresIn', async () => {
    const client = await register();
    const device = await startDevice(client);
    await ic.advanceClock(601);
    await expect(pollDevice(client, device.deviceCode!)).rejects.toBeInstanceOf(ExpiredTokenException);
    expect(() => ic.approve(device.userCode!)).toThrow(/expired/);
  });

  it('settles new codes automatically when asked to', async () => {
    const client = await register();
    ic.autoApprove('allow');
    const device = await startDevice(client);
    await expect(pollDevice(client, device.deviceCode!)).resolves.toHaveProperty('accessToken');
    ic.autoApprove('deny');
    const denied = await startDevice(client);
    await expect(pollDevice(client, denied.deviceCode!)).rejects.toBeInstanceOf(AccessDeniedException);
  });

  it('gives no refresh token without the sso:account:access scope', async () => {
    const client = await register([]);
    ic.autoApprove('allow');
    const token = await pollDevice(client, (await startDevice(client)).deviceCode!);
    expect(token.accessToken).toBeTruthy();
    expect(token.refreshToken).toBeUndefined();
  });

  it('refuses a wrong secret, an unknown client, an expired registration and a wrong start URL', async () => {
    const client = await register();
    await expect(startDevice({ clientId: client.clientId, clientSecret: `${client.clientSecret}x` })).rejects.toBeInstanceOf(InvalidClientException);
    await expect(startDevice({ clientId: 'nobody', clientSecret: client.clientSecret })).rejects.toBeInstanceOf(InvalidClientException);
    await expect(
      oidc.send(new StartDeviceAuthorizationCommand({ clientId: client.clientId!, clientSecret: client.clientSecret!, startUrl: 'https://d-0000000000.awsapps.com/start' })),
    ).rejects.toBeInstanceOf(InvalidRequestException);
    await ic.advanceClock(90 * 24 * 3600);
    const error = await startDevice(client).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidClientException);
    expect((error as InvalidClientException).error).toBe('invalid_client');
    expect((error as InvalidClientException).$metadata.httpStatusCode).toBe(401);
  });

  it('refuses an unknown grant type and one the client did not register for', async () => {
    const client = await register();
    await expect(
      oidc.send(new CreateTokenCommand({ clientId: client.clientId!, clientSecret: client.clientSecret!, grantType: 'password' })),
    ).rejects.toBeInstanceOf(UnsupportedGrantTypeException);
    await expect(
      oidc.send(new CreateTokenCommand({ clientId: client.clientId!, clientSecret: client.clientSecret!, grantType: 'authorization_code', code: 'x', redirectUri: 'http://127.0.0.1/cb', codeVerifier: 'v' })),
    ).rejects.toBeInstanceOf(UnauthorizedClientException);
  });
});

describe('refresh_token grant', () => {
  async function signIn() {
    const client = await register();
    ic.autoApprove('allow');
    const token = await pollDevice(client, (await startDevice(client)).deviceCode!);
    return { client, token };
  }

  function refresh(client: { clientId?: string; clientSecret?: string }, refreshToken: string) {
    return oidc.send(new CreateTokenCommand({ clientId: client.clientId!, clientSecret: client.clientSecret!, grantType: 'refresh_token', refreshToken }));
  }

  it('rotates: the new refresh token works, the used one is dead', async () => {
    const { client, token } = await signIn();
    await clock.advance(3000 * 1000);
    const next = await refresh(client, token.refreshToken!);
    expect(next.accessToken).not.toBe(token.accessToken);
    expect(next.refreshToken).not.toBe(token.refreshToken);
    await expect(refresh(client, token.refreshToken!)).rejects.toBeInstanceOf(InvalidGrantException);
    await expect(refresh(client, next.refreshToken!)).resolves.toHaveProperty('accessToken');
  });

  it('refuses another client and an expired registration with the right errors', async () => {
    const { client, token } = await signIn();
    const other = await register();
    await expect(refresh(other, token.refreshToken!)).rejects.toBeInstanceOf(InvalidGrantException);
    await ic.advanceClock(90 * 24 * 3600);
    await expect(refresh(client, token.refreshToken!)).rejects.toBeInstanceOf(InvalidClientException);
  });

  it('stops working when the session ends, and caps the access token at the session end', async () => {
    const { client, token } = await signIn();
    await ic.advanceClock(8 * 3600 - 600);
    const late = await refresh(client, token.refreshToken!);
    expect(late.expiresIn).toBe(600);
    await ic.advanceClock(600);
    await expect(refresh(client, late.refreshToken!)).rejects.toBeInstanceOf(InvalidGrantException);
  });

  it('refuses a scope wider than the session', async () => {
    const { client, token } = await signIn();
    await expect(
      oidc.send(new CreateTokenCommand({ clientId: client.clientId!, clientSecret: client.clientSecret!, grantType: 'refresh_token', refreshToken: token.refreshToken!, scope: ['codewhisperer:completions'] })),
    ).rejects.toBeInstanceOf(InvalidScopeException);
  });
});

describe('authorization code grant with PKCE', () => {
  const redirectUri = 'http://127.0.0.1:43111/oauth/callback';

  async function registerPkce() {
    return oidc.send(new RegisterClientCommand({
      clientName: 'rolecall-test', clientType: 'public', scopes: ['sso:account:access'],
      grantTypes: ['authorization_code', 'refresh_token'], redirectUris: [redirectUri], issuerUrl: ic.startUrl,
    }));
  }

  function pkce() {
    const verifier = randomBytes(32).toString('base64url');
    return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
  }

  async function authorize(clientId: string, challenge: string, state = 'st-123'): Promise<URL> {
    const url = new URL(`${ic.endpoint}/authorize`);
    url.search = new URLSearchParams({
      response_type: 'code', client_id: clientId, redirect_uri: redirectUri, state,
      code_challenge_method: 'S256', code_challenge: challenge, scopes: 'sso:account:access',
    }).toString();
    const res = await fetch(url, { redirect: 'manual' });
    expect(res.status).toBe(302);
    return new URL(res.headers.get('location')!);
  }

  it('redirects with code and state, and exchanges the code once with the right verifier', async () => {
    const client = await registerPkce();
    ic.autoApprove('allow');
    const { verifier, challenge } = pkce();
    const back = await authorize(client.clientId!, challenge);
    expect(`${back.origin}${back.pathname}`).toBe(redirectUri);
    expect(back.searchParams.get('state')).toBe('st-123');
    const code = back.searchParams.get('code')!;
    const send = (codeVerifier: string, uri = redirectUri) =>
      oidc.send(new CreateTokenCommand({ clientId: client.clientId!, clientSecret: client.clientSecret!, grantType: 'authorization_code', code, redirectUri: uri, codeVerifier }));
    const token = await send(verifier);
    expect(token.accessToken).toContain('CANARY');
    expect(token.refreshToken).toContain('CANARY');
    await expect(send(verifier)).rejects.toBeInstanceOf(InvalidGrantException);
  });

  it('refuses a wrong verifier and a different redirect URI', async () => {
    const client = await registerPkce();
    ic.autoApprove('allow');
    const { challenge } = pkce();
    const exchange = async (codeVerifier: string, uri: string) => {
      const code = (await authorize(client.clientId!, challenge)).searchParams.get('code')!;
      return oidc.send(new CreateTokenCommand({ clientId: client.clientId!, clientSecret: client.clientSecret!, grantType: 'authorization_code', code, redirectUri: uri, codeVerifier }));
    };
    await expect(exchange(pkce().verifier, redirectUri)).rejects.toBeInstanceOf(InvalidGrantException);
    await expect(exchange(pkce().verifier, 'http://127.0.0.1:9/other')).rejects.toBeInstanceOf(InvalidGrantException);
  });

  it('sends access_denied back to the redirect URI when the user refuses', async () => {
    const client = await registerPkce();
    ic.autoApprove('deny');
    const back = await authorize(client.clientId!, pkce().challenge, 'st-9');
    expect(back.searchParams.get('error')).toBe('access_denied');
    expect(back.searchParams.get('state')).toBe('st-9');
    expect(back.searchParams.has('code')).toBe(false);
  });
});
