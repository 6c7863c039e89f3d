import { randomText } from './issued-secrets';
import { formFields, htmlEscape, messagePage, pageReply } from './html';
import type { RequestContext } from './request-context';
import type { EmulatorState, PendingAuthorization } from './state';
import { redirectReply, type Reply } from './wire';

function redirectBack(redirectUri: string, params: Record<string, string>): Reply {
  const url = new URL(redirectUri);
  for (const [key, value] of Object.entries(params)) url.searchParams.set(key, value);
  return redirectReply(url.toString());
}

function parseScopes(raw: string | null): string[] {
  return (raw ?? '').split(/[\s,]+/).filter(Boolean);
}

/**
 * GET /authorize. Problems with the client or its redirect URI are shown on the page, never sent
 * to an unverified URI (RFC 6749 §4.1.2.1); everything else goes back to the redirect URI.
 */
export function authorize(ctx: RequestContext): Reply {
  const { state } = ctx;
  const q = ctx.query;
  const clientId = q.get('client_id') ?? '';
  ctx.log.clientId = clientId || undefined;
  const client = state.clients.get(clientId);
  if (!client || state.clock.now() >= client.expiresAt) {
    return messagePage(400, 'Invalid client', 'The application that sent you here is not registered, or its registration expired.');
  }
  const redirectUri = q.get('redirect_uri') ?? '';
  if (!client.redirectUris.includes(redirectUri)) {
    return messagePage(400, 'Invalid redirect URI', 'The application asked to return to an address it did not register.');
  }
  const stateParam = q.get('state');
  const fail = (error: string, description: string) =>
    redirectBack(redirectUri, { error, error_description: description, ...(stateParam ? { state: stateParam } : {}) });
  if (!client.grantTypes.includes('authorization_code')) return fail('unauthorized_client', 'Client is not registered for the authorization_code grant');
  if (q.get('response_type') !== 'code') return fail('unsupported_response_type', 'response_type must be code');
  if (!stateParam) return fail('invalid_request', 'state is required');
  if (q.get('code_challenge_method') !== 'S256') return fail('invalid_request', 'code_challenge_method must be S256');
  const codeChallenge = q.get('code_challenge') ?? '';
  if (!/^[A-Za-z0-9_-]{43}$/.test(codeChallenge)) return fail('invalid_request', 'code_challenge must be a base64url SHA-256 digest');
  const scopes = parseScopes(q.get('scopes'));
  for (const scope of scopes) if (!client.scopes.includes(scope)) return fail('invalid_scope', `Scope not registered: ${scope}`);
  const pending: PendingAuthorization = {
    clientId,
    clientName: client.clientName,
    redirectUri,
    state: stateParam,
    codeChallenge,
    scopes: scopes.length ? scopes : client.scopes,
    expiresAt: state.clock.now() + state.lifetimes.deviceCodeSeconds * 1000,
    settled: false,
  };
  if (state.autoApprove) return settle(state, pending, state.autoApprove === 'allow');
  const requestId = randomText(24);
  state.pendingAuthorizations.set(requestId, pending);
  return pageReply(200, 'Allow access', `<h1>Allow <span data-testid="client-name">${htmlEscape(client.clientName)}</span> to access your data?</h1>
<p class="note">Signed in to <span data-testid="start-url">${htmlEscape(state.startUrl)}</span> as ${htmlEscape(state.organization.userName)}.</p>
<dl><dt>Scopes</dt><dd data-testid="scopes">${htmlEscape(pending.scopes.join(', '))}</dd></dl>
<form method="post" action="/authorize">
<input type="hidden" name="request_id" value="${htmlEscape(requestId)}">
<div class="actions">
<button type="submit" name="decision" value="deny" data-testid="deny">Deny</button>
<button class="primary" type="submit" name="decision" value="allow" data-testid="allow">Allow access</button>
</div>
</form>`);
}

/** POST /authorize: the user's answer on the approval page. */
export function authorizeDecision(ctx: RequestContext): Reply {
  const fields = formFields(ctx.body);
  const decision = fields.get('decision');
  const pending = ctx.state.pendingAuthorizations.get(fields.get('request_id') ?? '');
  if (!pending || pending.settled) return messagePage(400, 'Request not found', 'This request is unknown or was already answered. Start the sign-in again.');
  if (decision !== 'allow' && decision !== 'deny') return messagePage(400, 'Bad request', 'Choose Allow or Deny.');
  ctx.log.clientId = pending.clientId;
  if (ctx.state.clock.now() >= pending.expiresAt) return messagePage(400, 'Request expired', 'This request has expired. Start the sign-in again.');
  return settle(ctx.state, pending, decision === 'allow');
}

function settle(state: EmulatorState, pending: PendingAuthorization, allow: boolean): Reply {
  pending.settled = true;
  if (!allow) return redirectBack(pending.redirectUri, { error: 'access_denied', error_description: 'The user denied the request', state: pending.state });
  const code = state.mint.secret('', 64);
  state.authorizationCodes.set(code, {
    clientId: pending.clientId,
    redirectUri: pending.redirectUri,
    codeChallenge: pending.codeChallenge,
    scopes: pending.scopes,
    expiresAt: state.clock.now() + state.lifetimes.authorizationCodeSeconds * 1000,
    used: false,
  });
  return redirectBack(pending.redirectUri, { code, state: pending.state });
}
