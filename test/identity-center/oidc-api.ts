import { createHash, timingSafeEqual } from 'node:crypto';
import { randomText, userCode as newUserCode } from './issued-secrets';
import { header, type RequestContext } from './request-context';
import {
  ACCOUNT_ACCESS_SCOPE,
  DEVICE_CODE_GRANT,
  type ClientRegistration,
  type EmulatorState,
  type PortalSession,
} from './state';
import { jsonReply, oidcError, type Reply } from './wire';

const KNOWN_GRANTS = new Set(['authorization_code', 'refresh_token', DEVICE_CODE_GRANT, 'urn:ietf:params:oauth:grant-type:jwt-bearer']);
const SCOPE_PATTERN = /^(openid|[a-z0-9-]+(:[a-z0-9*_-]+)+)$/i;

type Json = Record<string, unknown>;

function parseBody(ctx: RequestContext): Json {
  const type = header(ctx, 'content-type') ?? '';
  if (!type.startsWith('application/json')) throw oidcError('InvalidRequestException', 'Request body must be JSON');
  try {
    const value: unknown = JSON.parse(ctx.body.length ? ctx.body.toString('utf8') : '{}');
    if (value && typeof value === 'object' && !Array.isArray(value)) return value as Json;
  } catch {
    // falls through to the error below: the body was not JSON at all
  }
  throw oidcError('InvalidRequestException', 'Request body is not a JSON object');
}

function optionalString(body: Json, name: string): string | undefined {
  const value = body[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw oidcError('InvalidRequestException', `${name} must be a string`);
  return value;
}

function requiredString(body: Json, name: string): string {
  const value = optionalString(body, name);
  if (value === undefined || value === '') throw oidcError('InvalidRequestException', `${name} is required`);
  return value;
}

function stringList(body: Json, name: string): string[] {
  const value = body[name];
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) throw oidcError('InvalidRequestException', `${name} must be a list of strings`);
  return value as string[];
}

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Checks clientId + clientSecret: unknown, wrong or expired registrations are `invalid_client`. */
export function authenticateClient(state: EmulatorState, clientId: string, clientSecret: string): ClientRegistration {
  const client = state.clients.get(clientId);
  if (!client || !sameSecret(client.clientSecret, clientSecret)) throw oidcError('InvalidClientException', 'Invalid client provided');
  if (state.clock.now() >= client.expiresAt) throw oidcError('InvalidClientException', 'Client registration has expired');
  return client;
}

function allowsGrant(client: ClientRegistration, grant: string): boolean {
  // A registration without grant types is the legacy device-flow client: device code + refresh.
  if (client.grantTypes.length === 0) return grant === DEVICE_CODE_GRANT || grant === 'refresh_token';
  return client.grantTypes.includes(grant);
}

/** Loopback http redirect URIs are the only ones a public client may register. */
export function isLoopbackRedirect(uri: string): boolean {
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    return false;
  }
  return url.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname) && url.hash === '' && url.username === '';
}

export function registerClient(ctx: RequestContext): Reply {
  const { state } = ctx;
  const body = parseBody(ctx);
  const clientName = requiredString(body, 'clientName');
  const clientType = requiredString(body, 'clientType');
  if (clientType !== 'public') throw oidcError('InvalidClientMetadataException', `Unsupported client type: ${clientType}`);
  const scopes = stringList(body, 'scopes');
  for (const scope of scopes) if (!SCOPE_PATTERN.test(scope)) throw oidcError('InvalidScopeException', `Invalid scope: ${scope}`);
  const grantTypes = stringList(body, 'grantTypes');
  for (const grant of grantTypes) if (!KNOWN_GRANTS.has(grant)) throw oidcError('UnsupportedGrantTypeException', `Unsupported grant type: ${grant}`);
  const redirectUris = stringList(body, 'redirectUris');
  for (const uri of redirectUris) if (!isLoopbackRedirect(uri)) throw oidcError('InvalidRedirectUriException', `Invalid redirect URI: ${uri}`);
  const issuerUrl = optionalString(body, 'issuerUrl');
  if (grantTypes.includes('authorization_code')) {
    if (redirectUris.length === 0) throw oidcError('InvalidRequestException', 'redirectUris is required for the authorization_code grant');
    if (issuerUrl === undefined) throw oidcError('InvalidRequestException', 'issuerUrl is required for the authorization_code grant');
  }
  if (issuerUrl !== undefined && !sameStartUrl(issuerUrl, state.startUrl) && issuerUrl !== state.issuerUrl) {
    throw oidcError('InvalidClientMetadataException', 'Invalid issuer URL');
  }
  const now = state.clock.now();
  const client: ClientRegistration = {
    clientId: randomText(22),
    clientSecret: state.mint.secret('eyJraWQiOiJrZXktMTU2', 480),
    clientName,
    scopes,
    grantTypes,
    redirectUris,
    issuedAt: now,
    expiresAt: now + state.lifetimes.clientRegistrationSeconds * 1000,
  };
  state.clients.set(client.clientId, client);
  ctx.log.clientId = client.clientId;
  return jsonReply(200, {
    clientId: client.clientId,
    clientSecret: client.clientSecret,
    clientIdIssuedAt: Math.floor(client.issuedAt / 1000),
    clientSecretExpiresAt: Math.floor(client.expiresAt / 1000),
  });
}

/** Start URLs compare without a trailing slash or hash, as users paste them both ways. */
function sameStartUrl(a: string, b: string): boolean {
  const norm = (s: string) => s.replace(/[#/]+$/, '');
  return norm(a) === norm(b);
}

export function startDeviceAuthorization(ctx: RequestContext): Reply {
  const { state } = ctx;
  const body = parseBody(ctx);
  const clientId = requiredString(body, 'clientId');
  ctx.log.clientId = clientId;
  const clientSecret = requiredString(body, 'clientSecret');
  const startUrl = requiredString(body, 'startUrl');
  const client = authenticateClient(state, clientId, clientSecret);
  if (!allowsGrant(client, DEVICE_CODE_GRANT)) throw oidcError('UnauthorizedClientException', 'Client is not authorized to use the device code grant');
  if (!sameStartUrl(startUrl, state.startUrl)) throw oidcError('InvalidRequestException', 'Invalid start url');
  const now = state.clock.now();
  let code = newUserCode();
  while (state.devicesByUserCode.has(code)) code = newUserCode();
  const device = {
    deviceCode: state.mint.secret('', 86),
    userCode: code,
    clientId,
    expiresAt: now + state.lifetimes.deviceCodeSeconds * 1000,
    intervalSeconds: state.lifetimes.pollIntervalSeconds,
    lastPollAt: undefined,
    state: state.autoApprove === 'allow' ? 'approved' : state.autoApprove === 'deny' ? 'denied' : 'pending',
  } as const;
  state.devicesByCode.set(device.deviceCode, { ...device });
  state.devicesByUserCode.set(device.userCode, state.devicesByCode.get(device.deviceCode)!);
  const verificationUri = `${state.endpoint}/device`;
  return jsonReply(200, {
    deviceCode: device.deviceCode,
    userCode: device.userCode,
    verificationUri,
    verificationUriComplete: `${verificationUri}?user_code=${device.userCode}`,
    expiresIn: state.lifetimes.deviceCodeSeconds,
    interval: device.intervalSeconds,
  });
}

// Real timers can fire a hair early; a client that waits `interval` must not be told to slow down.
const POLL_TOLERANCE_MS = 10;

export function createToken(ctx: RequestContext): Reply {
  const { state } = ctx;
  const body = parseBody(ctx);
  const clientId = requiredString(body, 'clientId');
  ctx.log.clientId = clientId;
  const clientSecret = requiredString(body, 'clientSecret');
  const grantType = requiredString(body, 'grantType');
  ctx.log.grantType = grantType;
  const client = authenticateClient(state, clientId, clientSecret);
  if (!KNOWN_GRANTS.has(grantType) || grantType === 'urn:ietf:params:oauth:grant-type:jwt-bearer') {
    throw oidcError('UnsupportedGrantTypeException', `Unsupported grant type: ${grantType}`);
  }
  if (!allowsGrant(client, grantType)) throw oidcError('UnauthorizedClientException', `Client is not authorized to use the ${grantType} grant`);
  const requestedScopes = body.scope === undefined ? undefined : stringList(body, 'scope');
  if (grantType === DEVICE_CODE_GRANT) return deviceCodeGrant(state, client, body, requestedScopes);
  if (grantType === 'refresh_token') return refreshTokenGrant(state, client, body, requestedScopes);
  return authorizationCodeGrant(state, client, body);
}

function deviceCodeGrant(state: EmulatorState, client: ClientRegistration, body: Json, requestedScopes: string[] | undefined): Reply {
  const deviceCode = requiredString(body, 'deviceCode');
  const device = state.devicesByCode.get(deviceCode);
  if (!device || device.clientId !== client.clientId) throw oidcError('InvalidGrantException', 'Invalid device code provided');
  const now = state.clock.now();
  if (device.state === 'consumed') throw oidcError('InvalidGrantException', 'Device code has already been used');
  if (now >= device.expiresAt) throw oidcError('ExpiredTokenException', 'Device code has expired');
  if (device.state === 'denied') throw oidcError('AccessDeniedException', 'Access denied');
  if (device.state === 'pending') {
    const tooSoon = device.lastPollAt !== undefined && now - device.lastPollAt < device.intervalSeconds * 1000 - POLL_TOLERANCE_MS;
    device.lastPollAt = now;
    if (tooSoon) {
      device.intervalSeconds += 5;
      throw oidcError('SlowDownException', 'Client is polling too quickly');
    }
    throw oidcError('AuthorizationPendingException', 'Authorization is still pending');
  }
  device.state = 'consumed';
  return issueTokens(state, client, grantScopes(client.scopes, requestedScopes));
}

function grantScopes(granted: string[], requested: string[] | undefined): string[] {
  if (requested === undefined || requested.length === 0) return granted;
  for (const scope of requested) if (!granted.includes(scope)) throw oidcError('InvalidScopeException', `Invalid scope: ${scope}`);
  return requested;
}

function refreshTokenGrant(state: EmulatorState, client: ClientRegistration, body: Json, requestedScopes: string[] | undefined): Reply {
  const refreshToken = requiredString(body, 'refreshToken');
  const record = state.refreshTokens.get(refreshToken);
  const now = state.clock.now();
  if (!record || record.clientId !== client.clientId || record.used || record.session.revoked || now >= record.session.expiresAt) {
    throw oidcError('InvalidGrantException', 'Invalid refresh token provided');
  }
  const scopes = grantScopes(record.session.scopes, requestedScopes);
  // Rotation: the token just used is spent; only the new one works from now on.
  record.used = true;
  return issueTokens(state, client, scopes, record.session);
}

function authorizationCodeGrant(state: EmulatorState, client: ClientRegistration, body: Json): Reply {
  const code = requiredString(body, 'code');
  const redirectUri = requiredString(body, 'redirectUri');
  const codeVerifier = requiredString(body, 'codeVerifier');
  const record = state.authorizationCodes.get(code);
  const now = state.clock.now();
  if (!record || record.clientId !== client.clientId || record.used || now >= record.expiresAt) {
    throw oidcError('InvalidGrantException', 'Invalid authorization code provided');
  }
  record.used = true;
  if (record.redirectUri !== redirectUri) throw oidcError('InvalidGrantException', 'Redirect URI does not match the authorization request');
  if (!/^[A-Za-z0-9._~-]{43,128}$/.test(codeVerifier)) throw oidcError('InvalidGrantException', 'Invalid code verifier');
  const challenge = createHash('sha256').update(codeVerifier).digest('base64url');
  if (challenge !== record.codeChallenge) throw oidcError('InvalidGrantException', 'Code verifier does not match the code challenge');
  return issueTokens(state, client, record.scopes);
}

function issueTokens(state: EmulatorState, client: ClientRegistration, scopes: string[], existing?: PortalSession): Reply {
  const now = state.clock.now();
  const session: PortalSession = existing ?? {
    clientId: client.clientId,
    scopes,
    expiresAt: now + state.lifetimes.sessionSeconds * 1000,
    revoked: false,
  };
  const expiresAt = Math.min(now + state.lifetimes.accessTokenSeconds * 1000, session.expiresAt);
  const accessToken = state.mint.secret('aoa', 300);
  state.accessTokens.set(accessToken, { session, expiresAt });
  const answer: Record<string, unknown> = {
    accessToken,
    tokenType: 'Bearer',
    expiresIn: Math.max(1, Math.floor((expiresAt - now) / 1000)),
  };
  if (scopes.includes(ACCOUNT_ACCESS_SCOPE) && allowsGrant(client, 'refresh_token')) {
    const refreshToken = state.mint.secret('aor', 300);
    state.refreshTokens.set(refreshToken, { session, clientId: client.clientId, used: false });
    answer.refreshToken = refreshToken;
  }
  return jsonReply(200, answer);
}
