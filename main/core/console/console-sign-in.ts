/**
 * Opening the AWS console as a role: role credentials → sign-in token → login URL (optionally
 * wrapped in a sign-out-first URL) → the browser opener. Everything the user typed is checked
 * before any request: the region, the destination, the session duration. With an endpoint
 * override (the sandbox) the token exchange and the login go to that loopback origin, while
 * destinations stay AWS console URLs, which the sandbox serves a page for.
 */
import type { Clock } from '../clock';
import { InvalidInputError } from '../errors';
import type { Logger } from '../logger';
import type { IdentityCenterInstance, RoleCredentials } from '../model';
import { loopbackOrigin } from '../browser/allowed-urls';
import { openUrl, planBrowserLaunch, type BrowserOpenerDeps, type BrowserTarget, type OpenUrlResult } from '../browser/browser-opener';
import type { ConsoleRoleLabel } from '../browser/firefox-container';
import { resolveDestination } from './destination';
import { CredentialsExpiredError, EndpointOverrideError, SignOutFirstUnavailableError } from './errors';
import { checkSessionDuration, getSigninToken, loginUrl, signOutFirstUrl, type CredentialOrigin, type FederationFetch } from './federation';
import { partitionForRegion, signinHost } from './partitions';

export interface ConsoleSignInRequest {
  instance: Pick<IdentityCenterInstance, 'id' | 'startUrl' | 'region' | 'endpointUrl'>;
  credentials: RoleCredentials;
  /** The console's region (and so the partition and sign-in host); the instance's region when absent. */
  region?: string;
  /** Console home when absent; a service path (`ec2/home`) or a full console URL otherwise. */
  destination?: string;
  /** Console session length, 900 to 43200 s. Absent: the console session ends with the credentials. */
  sessionDurationSeconds?: number;
  /** Where the credentials came from (Identity Center unless said otherwise): decides whether SessionDuration is allowed. */
  credentialOrigin?: CredentialOrigin;
  /** Sign the browser out of any console session first, so switching roles does not meet "already signed in". */
  signOutFirst?: boolean;
  signal?: AbortSignal;
}

export interface ConsoleSignInDeps {
  fetch: FederationFetch;
  clock: Clock;
  logger: Logger;
}

/** Credentials this close to expiry are treated as expired: the token exchange and the console would fail. */
const EXPIRY_MARGIN_MS = 30_000;

/**
 * The URL that signs the browser in to the console as the role. It carries a sign-in token,
 * a secret for about 15 minutes: hand it to the browser opener or print it on request, never log it.
 */
export async function consoleSignInUrl(request: ConsoleSignInRequest, deps: ConsoleSignInDeps): Promise<string> {
  const region = request.region ?? request.instance.region;
  const partition = partitionForRegion(region);
  let sandbox: string | undefined;
  if (request.instance.endpointUrl !== undefined) {
    sandbox = loopbackOrigin(request.instance.endpointUrl);
    if (sandbox === undefined) throw new EndpointOverrideError();
  }
  const destination = resolveDestination({ partition, region }, request.destination);
  const sessionDurationSeconds = checkSessionDuration(request.sessionDurationSeconds, request.credentialOrigin);
  // The sandbox keeps no browser console session (each login gets its own page), so there is
  // nothing to sign out of there and the plain login URL is used.
  const signOutFirst = request.signOutFirst === true && sandbox === undefined;
  if (signOutFirst && partition.signOutFirst === null) throw new SignOutFirstUnavailableError(partition.id);
  checkCredentials(request.credentials, deps.clock);

  const signinOrigin = sandbox ?? `https://${signOutFirst && partition.signOutFirst ? partition.signOutFirst.loginHost : signinHost(partition, region)}`;
  const federationEndpoint = `${signinOrigin}/federation`;
  const signinToken = await getSigninToken(
    { federationEndpoint, credentials: request.credentials, sessionDurationSeconds, signal: request.signal },
    deps,
  );
  const login = loginUrl({ federationEndpoint, issuer: request.instance.startUrl, destination, signinToken });
  if (!signOutFirst) return login;
  return signOutFirstUrl(`https://${partition.signOutFirst?.logoutHost ?? partition.signinDomain}/oauth`, login);
}

function checkCredentials(credentials: RoleCredentials, clock: Clock): void {
  for (const value of [credentials.accessKeyId, credentials.secretAccessKey, credentials.sessionToken]) {
    if (typeof value !== 'string' || value === '') throw new InvalidInputError('The role credentials are incomplete (a key or the session token is missing).');
  }
  if (!Number.isFinite(credentials.expiration) || credentials.expiration - EXPIRY_MARGIN_MS <= clock.now()) throw new CredentialsExpiredError();
}

export interface OpenConsoleRequest extends ConsoleSignInRequest {
  /** The account and role, for the Firefox container's name and colour. */
  role: ConsoleRoleLabel;
  browser: BrowserTarget;
}

/** Signs in and opens the console through the browser opener (or prints / copies the link). */
export async function openConsole(request: OpenConsoleRequest, deps: ConsoleSignInDeps & BrowserOpenerDeps): Promise<OpenUrlResult> {
  // A browser that is not there must fail before any request is made: try the choice on a
  // harmless AWS URL first.
  const endpoint = request.instance.endpointUrl;
  const sandbox = endpoint === undefined ? undefined : loopbackOrigin(endpoint);
  if (endpoint !== undefined && sandbox === undefined) throw new EndpointOverrideError();
  const options = { target: request.browser, role: request.role, sandboxOrigin: endpoint };
  planBrowserLaunch(sandbox ?? 'https://signin.aws.amazon.com/', options, deps);
  const url = await consoleSignInUrl(request, deps);
  return openUrl(url, options, deps);
}
