/**
 * The AWS federation endpoint, as the IAM guide "Enable custom identity broker access to the AWS
 * console" describes it: `getSigninToken` exchanges role credentials for a sign-in token, and a
 * `login` URL carrying that token opens the console. The token is a bearer secret for about 15
 * minutes: it is never logged and never put in an error.
 */
import type { Logger } from '../logger';
import type { RoleCredentials } from '../model';
import { FederationError, InvalidSessionDurationError } from './errors';

/** The slice of `fetch` the federation client needs; the global `fetch` fits. */
export type FederationFetch = (
  url: string,
  init: { method: 'GET'; headers: Record<string, string>; redirect: 'manual'; signal: AbortSignal },
) => Promise<{ status: number; text(): Promise<string> }>;

/**
 * How the credentials were made, which decides whether AWS accepts `SessionDuration`:
 * role sessions (Identity Center's GetRoleCredentials, or AssumeRole called with long-term keys)
 * accept 900 to 43200 seconds; GetFederationToken credentials must not send it (the guide's
 * note), and a role assumed with another role's credentials gets HTTP 400 "Invalid credentials
 * parameter" when it is sent (AWS knowledge center, invalid-credentials-parameter).
 */
export type CredentialOrigin = 'identity-center' | 'assumed-role' | 'role-chain' | 'federation-token';

export const MIN_SESSION_DURATION_SECONDS = 900;
export const MAX_SESSION_DURATION_SECONDS = 43_200;

/** Validates a requested console session length for credentials of `origin`; returns it, or throws. */
export function checkSessionDuration(seconds: number | undefined, origin: CredentialOrigin = 'identity-center'): number | undefined {
  if (seconds === undefined) return undefined;
  if (origin === 'federation-token' || origin === 'role-chain') {
    throw new InvalidSessionDurationError(
      origin === 'federation-token'
        ? 'AWS does not accept a console session duration for credentials from GetFederationToken.'
        : 'AWS does not accept a console session duration for credentials of a role assumed with another role’s credentials.',
    );
  }
  if (!Number.isInteger(seconds) || seconds < MIN_SESSION_DURATION_SECONDS || seconds > MAX_SESSION_DURATION_SECONDS) {
    throw new InvalidSessionDurationError(
      `A console session lasts from ${MIN_SESSION_DURATION_SECONDS} to ${MAX_SESSION_DURATION_SECONDS} seconds (15 minutes to 12 hours); ${String(seconds)} is outside that.`,
    );
  }
  return seconds;
}

/**
 * The getSigninToken request URL. It holds the secret key and session token: it is sent, never
 * logged or shown.
 */
export function signinTokenRequestUrl(federationEndpoint: string, credentials: RoleCredentials, sessionDurationSeconds?: number): string {
  const session = JSON.stringify({
    sessionId: credentials.accessKeyId,
    sessionKey: credentials.secretAccessKey,
    sessionToken: credentials.sessionToken,
  });
  const duration = sessionDurationSeconds === undefined ? '' : `&SessionDuration=${sessionDurationSeconds}`;
  return `${federationEndpoint}?Action=getSigninToken${duration}&Session=${encodeURIComponent(session)}`;
}

export interface SigninTokenRequest {
  /** `https://signin.aws.amazon.com/federation`, or the sandbox's `{endpoint}/federation`. */
  federationEndpoint: string;
  credentials: RoleCredentials;
  /** Already checked with `checkSessionDuration`. */
  sessionDurationSeconds?: number;
  signal?: AbortSignal;
  /** Gives up after this long (default 15 s). */
  timeoutMs?: number;
}

const TOKEN = /^[A-Za-z0-9_\-+/=.~%]{1,8192}$/;

/** Exchanges role credentials for a console sign-in token. Throws FederationError. */
export async function getSigninToken(request: SigninTokenRequest, deps: { fetch: FederationFetch; logger: Logger }): Promise<string> {
  const host = new URL(request.federationEndpoint).host;
  const url = signinTokenRequestUrl(request.federationEndpoint, request.credentials, request.sessionDurationSeconds);
  const timeout = AbortSignal.timeout(request.timeoutMs ?? 15_000);
  const signal = request.signal ? AbortSignal.any([request.signal, timeout]) : timeout;
  let status: number;
  let body: string;
  try {
    const response = await deps.fetch(url, { method: 'GET', headers: { accept: 'application/json' }, redirect: 'manual', signal });
    status = response.status;
    body = await response.text();
  } catch (error) {
    if (request.signal?.aborted) throw request.signal.reason;
    deps.logger.warn('console sign-in: federation endpoint unreachable', { host });
    // The cause is dropped on purpose: fetch errors can quote the request URL, which holds the keys.
    throw new FederationError('unreachable', host, { cause: new Error(error instanceof Error ? error.name : 'fetch failed') });
  }
  if (status !== 200) {
    deps.logger.warn('console sign-in: federation endpoint said no', { host, statusCode: status });
    if (status === 400 || status === 401 || status === 403) throw new FederationError('refused', host, { status });
    if (status === 429 || status >= 500) throw new FederationError('unreachable', host, { status });
    throw new FederationError('bad-response', host, { status });
  }
  let token: unknown;
  try {
    token = (JSON.parse(body) as { SigninToken?: unknown } | null)?.SigninToken;
  } catch {
    token = undefined;
  }
  if (typeof token !== 'string' || !TOKEN.test(token)) {
    deps.logger.warn('console sign-in: federation answer has no sign-in token', { host });
    throw new FederationError('bad-response', host, { status });
  }
  deps.logger.info('console sign-in: token obtained', { host, durationSeconds: request.sessionDurationSeconds });
  return token;
}

/** The `login` URL that opens the console at `destination`. Holds the sign-in token: a secret. */
export function loginUrl(input: { federationEndpoint: string; issuer: string; destination: string; signinToken: string }): string {
  return (
    `${input.federationEndpoint}?Action=login` +
    `&Issuer=${encodeURIComponent(input.issuer)}` +
    `&Destination=${encodeURIComponent(input.destination)}` +
    `&SigninToken=${encodeURIComponent(input.signinToken)}`
  );
}

/**
 * A URL that first signs the browser out of any console session, then follows `redirect_uri`
 * to `login`. Switching roles otherwise lands on "you are already signed in" pages.
 */
export function signOutFirstUrl(logoutEndpoint: string, login: string): string {
  return `${logoutEndpoint}?Action=logout&redirect_uri=${encodeURIComponent(login)}`;
}
