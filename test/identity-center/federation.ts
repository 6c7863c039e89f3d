import { randomText } from './issued-secrets';
import { htmlEscape, messagePage, pageReply } from './html';
import type { RequestContext } from './request-context';
import { callerIdentity } from './sts-api';
import { jsonReply, redirectReply, ServiceFault, textReply, type Reply } from './wire';

const CONSOLE_HOSTS = /^(?:([a-z]{2}(?:-[a-z]+)+-\d)\.)?console\.(aws\.amazon\.com|amazonaws-us-gov\.com|amazonaws\.cn)$/;

function badRequest(errorType: string, message: string): ServiceFault {
  return new ServiceFault({ ...textReply(400, message), errorType });
}

/** The federation endpoint's parameters: the query, or a form body for long sessions (POST). */
export function federationParams(ctx: RequestContext): URLSearchParams {
  return ctx.method === 'POST' ? new URLSearchParams(ctx.body.toString('utf8')) : ctx.query;
}

/** /federation: `getSigninToken` (JSON answer) and `login` (redirect to the console). */
export function federation(ctx: RequestContext): Reply {
  const action = federationParams(ctx).get('Action');
  if (action === 'getSigninToken') return getSigninToken(ctx);
  if (action === 'login') return login(ctx);
  throw badRequest('InvalidAction', 'Unsupported Action');
}

function parseSession(raw: string | null): { sessionId: string; sessionKey: string; sessionToken: string } {
  if (!raw) throw badRequest('MissingSession', 'Missing Session parameter');
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    throw badRequest('MalformedSession', 'Session is not JSON');
  }
  const session = value as Record<string, unknown>;
  if (!session || typeof session !== 'object' || ['sessionId', 'sessionKey', 'sessionToken'].some((k) => typeof session[k] !== 'string')) {
    throw badRequest('MalformedSession', 'Session must hold sessionId, sessionKey and sessionToken');
  }
  return session as { sessionId: string; sessionKey: string; sessionToken: string };
}

function getSigninToken(ctx: RequestContext): Reply {
  const { state } = ctx;
  const params = federationParams(ctx);
  const session = parseSession(params.get('Session'));
  const credentials = state.credentials.get(session.sessionId);
  if (!credentials || credentials.secretAccessKey !== session.sessionKey || credentials.sessionToken !== session.sessionToken) {
    throw badRequest('InvalidSession', 'The session credentials are not valid');
  }
  ctx.log.accountId = credentials.accountId;
  ctx.log.roleName = credentials.roleName;
  const now = state.clock.now();
  if (now >= credentials.expiration) throw badRequest('ExpiredSession', 'The session credentials have expired');
  const rawDuration = params.get('SessionDuration');
  let consoleSessionSeconds = Math.floor((credentials.expiration - now) / 1000);
  if (rawDuration !== null) {
    // The IAM guide: 900..43200 seconds, for credentials from AssumeRole* (which these are).
    const duration = Number(rawDuration);
    if (!/^\d+$/.test(rawDuration) || duration < 900 || duration > 43_200) {
      throw badRequest('InvalidSessionDuration', 'SessionDuration must be between 900 and 43200 seconds');
    }
    consoleSessionSeconds = duration;
  }
  const token = state.mint.secret('', 400);
  state.signinTokens.set(token, {
    credentials,
    expiresAt: now + state.lifetimes.signinTokenSeconds * 1000,
    consoleSessionSeconds,
    used: false,
  });
  return jsonReply(200, { SigninToken: token });
}

function login(ctx: RequestContext): Reply {
  const { state } = ctx;
  const q = federationParams(ctx);
  const destinationRaw = q.get('Destination');
  let destination: URL;
  try {
    destination = new URL(destinationRaw ?? '');
  } catch {
    throw badRequest('InvalidDestination', 'Destination must be a console URL');
  }
  const host = CONSOLE_HOSTS.exec(destination.hostname);
  if (destination.protocol !== 'https:' || !host) throw badRequest('InvalidDestination', 'Destination must be an https console URL');
  const record = state.signinTokens.get(q.get('SigninToken') ?? '');
  const now = state.clock.now();
  if (!record || record.used || now >= record.expiresAt) throw badRequest('InvalidSigninToken', 'The sign-in token is not valid or has expired');
  record.used = true;
  const { credentials } = record;
  ctx.log.accountId = credentials.accountId;
  ctx.log.roleName = credentials.roleName;
  const region = destination.searchParams.get('region') ?? host[1] ?? 'us-east-1';
  const id = randomText(24);
  state.consoleSessions.set(id, {
    accountId: credentials.accountId,
    roleName: credentials.roleName,
    region,
    destination: destination.toString(),
    issuer: q.get('Issuer') ?? '',
    expiresAt: now + record.consoleSessionSeconds * 1000,
  });
  return redirectReply(`${state.endpoint}/console/${id}${destination.pathname}${destination.search}${destination.hash}`);
}

/** GET /console/<session>/...: where the console would open, with what it would show. */
export function consolePage(ctx: RequestContext): Reply {
  const { state } = ctx;
  const match = /^\/console\/([\w-]+)(\/.*)?$/.exec(ctx.path);
  const session = match ? state.consoleSessions.get(match[1]!) : undefined;
  if (!session) return messagePage(404, 'Not signed in', 'This console session does not exist. Sign in again.');
  ctx.log.accountId = session.accountId;
  ctx.log.roleName = session.roleName;
  if (state.clock.now() >= session.expiresAt) return messagePage(401, 'Session expired', 'Your console session has expired. Sign in again.');
  const account = state.organization.accountById.get(session.accountId);
  const identity = callerIdentity(ctx, session);
  return pageReply(200, 'AWS Management Console', `<h1>AWS Management Console</h1>
<dl>
<dt>Account</dt><dd data-testid="account-id">${htmlEscape(session.accountId)}</dd>
<dt>Account name</dt><dd data-testid="account-name">${htmlEscape(account?.accountName ?? '')}</dd>
<dt>Role</dt><dd data-testid="role-name">${htmlEscape(session.roleName)}</dd>
<dt>Region</dt><dd data-testid="region">${htmlEscape(session.region)}</dd>
<dt>Destination</dt><dd data-testid="destination">${htmlEscape(session.destination)}</dd>
<dt>Issuer</dt><dd data-testid="issuer">${htmlEscape(session.issuer)}</dd>
<dt>Signed in as</dt><dd data-testid="arn">${htmlEscape(identity.arn)}</dd>
</dl>`);
}
