import { formFields, htmlEscape, messagePage, pageReply } from './html';
import type { RequestContext } from './request-context';
import { normalizeUserCode, type DeviceAuthorization } from './state';
import type { Reply } from './wire';

/** Why a user code cannot be approved, or undefined when it can. */
function problem(ctx: RequestContext, device: DeviceAuthorization | undefined): Reply | undefined {
  if (!device) return messagePage(400, 'Code not recognised', 'This code is not valid. Check it and try again, or start the sign-in again.');
  if (ctx.state.clock.now() >= device.expiresAt) return messagePage(400, 'Code expired', 'This code has expired. Start the sign-in again.');
  if (device.state !== 'pending') {
    const what = device.state === 'denied' ? 'denied' : 'approved';
    return messagePage(409, `Request already ${what}`, `This request was already ${what}. You can close this window.`);
  }
  return undefined;
}

/** GET /device: the verification page with the user code and Allow / Deny. */
export function devicePage(ctx: RequestContext): Reply {
  const raw = ctx.query.get('user_code');
  if (!raw) {
    return pageReply(200, 'Authorize request', `<h1>Authorize request</h1>
<form method="get" action="/device">
<p><label for="user_code">Enter the code shown in your application</label></p>
<p><input id="user_code" name="user_code" data-testid="user-code-input" autocomplete="off" required></p>
<div class="actions"><button class="primary" type="submit" data-testid="next">Next</button></div>
</form>`);
  }
  const device = ctx.state.devicesByUserCode.get(normalizeUserCode(raw));
  const bad = problem(ctx, device);
  if (bad || !device) return bad!;
  const client = ctx.state.clients.get(device.clientId);
  return pageReply(200, 'Authorize request', `<h1>Authorize request</h1>
<p>Confirm that this code matches the one shown in <strong data-testid="client-name">${htmlEscape(client?.clientName ?? 'your application')}</strong>.</p>
<p class="code" data-testid="user-code">${htmlEscape(device.userCode)}</p>
<p class="note">Signing in to <span data-testid="start-url">${htmlEscape(ctx.state.startUrl)}</span> as ${htmlEscape(ctx.state.organization.userName)}.</p>
<form method="post" action="/device">
<input type="hidden" name="user_code" value="${htmlEscape(device.userCode)}">
<div class="actions">
<button type="submit" name="decision" value="deny" data-testid="deny">Deny</button>
<button class="primary" type="submit" name="decision" value="allow" data-testid="allow">Allow</button>
</div>
</form>`);
}

/** POST /device: the Allow or Deny button. */
export function deviceDecision(ctx: RequestContext): Reply {
  const fields = formFields(ctx.body);
  const decision = fields.get('decision');
  if (decision !== 'allow' && decision !== 'deny') return messagePage(400, 'Bad request', 'Choose Allow or Deny.');
  const device = ctx.state.devicesByUserCode.get(normalizeUserCode(fields.get('user_code') ?? ''));
  const bad = problem(ctx, device);
  if (bad || !device) return bad!;
  device.state = decision === 'allow' ? 'approved' : 'denied';
  ctx.log.clientId = device.clientId;
  return decision === 'allow'
    ? messagePage(200, 'Request approved', 'You can close this window and return to your application.')
    : messagePage(200, 'Request denied', 'The application will not get access. You can close this window.');
}
