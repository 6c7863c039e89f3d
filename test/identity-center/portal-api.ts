import { accessKeyId } from './issued-secrets';
import { header, type RequestContext } from './request-context';
import { ACCOUNT_ACCESS_SCOPE, type AccessTokenRecord, type EmulatorState, type IssuedRoleCredentials } from './state';
import { jsonReply, portalError, type Reply } from './wire';

const DEFAULT_PAGE_SIZE = 20;
const MAX_PAGE_SIZE = 100;

/** The bearer token's record, or UnauthorizedException as the portal gives it. */
function authenticate(ctx: RequestContext): AccessTokenRecord {
  const token = header(ctx, 'x-amz-sso_bearer_token');
  const record = token ? ctx.state.accessTokens.get(token) : undefined;
  const now = ctx.state.clock.now();
  if (!record || record.session.revoked || now >= record.expiresAt || now >= record.session.expiresAt) {
    throw portalError('UnauthorizedException', 'Session token not found or invalid');
  }
  // A client that named its scopes must have asked for account access; a legacy client that
  // named none gets it by default (but no refresh token).
  const { scopes } = record.session;
  if (scopes.length > 0 && !scopes.includes(ACCOUNT_ACCESS_SCOPE)) {
    throw portalError('UnauthorizedException', 'Session token not found or invalid');
  }
  return record;
}

function pageSize(ctx: RequestContext): number {
  const raw = ctx.query.get('max_result');
  if (raw === null) return DEFAULT_PAGE_SIZE;
  const n = Number(raw);
  if (!/^\d+$/.test(raw) || n < 1 || n > MAX_PAGE_SIZE) {
    throw portalError('InvalidRequestException', `1 validation error detected: Value '${raw}' at 'maxResults' failed to satisfy constraint: Member must have value between 1 and 100`);
  }
  return n;
}

/** next_token: opaque to clients; bound to the list it pages so it cannot be replayed elsewhere. */
function pageStart(ctx: RequestContext, listKey: string): number {
  const raw = ctx.query.get('next_token');
  if (raw === null || raw === '') return 0;
  const match = /^([0-9]+)\.(.+)$/.exec(Buffer.from(raw, 'base64url').toString('utf8'));
  if (!match || match[2] !== listKey) throw portalError('InvalidRequestException', 'Invalid next token');
  return Number(match[1]);
}

function nextToken(offset: number, total: number, listKey: string): string | undefined {
  return offset < total ? Buffer.from(`${offset}.${listKey}`).toString('base64url') : undefined;
}

export function listAccounts(ctx: RequestContext): Reply {
  authenticate(ctx);
  const size = pageSize(ctx);
  const all = ctx.state.organization.accounts;
  const start = pageStart(ctx, 'accounts');
  const page = all.slice(start, start + size);
  return jsonReply(200, {
    nextToken: nextToken(start + size, all.length, 'accounts'),
    accountList: page.map((a) => ({ accountId: a.accountId, accountName: a.accountName, emailAddress: a.emailAddress })),
  });
}

function assignedAccount(ctx: RequestContext, accountId: string | null) {
  if (!accountId) throw portalError('InvalidRequestException', "1 validation error detected: Value null at 'accountId' failed to satisfy constraint: Member must not be null");
  const account = ctx.state.organization.accountById.get(accountId);
  // The portal does not say whether the account exists: any account without an assignment
  // for this user is the same "No access".
  if (!account || account.roles.length === 0) throw portalError('ForbiddenException', 'No access');
  return account;
}

export function listAccountRoles(ctx: RequestContext): Reply {
  authenticate(ctx);
  const accountId = ctx.query.get('account_id');
  ctx.log.accountId = accountId ?? undefined;
  const size = pageSize(ctx);
  const account = assignedAccount(ctx, accountId);
  const start = pageStart(ctx, `roles/${account.accountId}`);
  const page = account.roles.slice(start, start + size);
  return jsonReply(200, {
    nextToken: nextToken(start + size, account.roles.length, `roles/${account.accountId}`),
    roleList: page.map((r) => ({ roleName: r.roleName, accountId: account.accountId })),
  });
}

export function getRoleCredentials(ctx: RequestContext): Reply {
  authenticate(ctx);
  const accountId = ctx.query.get('account_id');
  const roleName = ctx.query.get('role_name');
  ctx.log.accountId = accountId ?? undefined;
  ctx.log.roleName = roleName ?? undefined;
  if (!roleName) throw portalError('InvalidRequestException', "1 validation error detected: Value null at 'roleName' failed to satisfy constraint: Member must not be null");
  const account = assignedAccount(ctx, accountId);
  const role = account.roleByName.get(roleName);
  if (!role) throw portalError('ForbiddenException', 'No access');
  const credentials = issueRoleCredentials(ctx.state, account.accountId, role.roleName, role.sessionDurationSeconds);
  return jsonReply(200, {
    roleCredentials: {
      accessKeyId: credentials.accessKeyId,
      secretAccessKey: credentials.secretAccessKey,
      sessionToken: credentials.sessionToken,
      expiration: credentials.expiration,
    },
  });
}

function issueRoleCredentials(state: EmulatorState, accountId: string, roleName: string, durationSeconds: number): IssuedRoleCredentials {
  let keyId = accessKeyId();
  while (state.credentials.has(keyId)) keyId = accessKeyId();
  const credentials: IssuedRoleCredentials = {
    accessKeyId: keyId,
    secretAccessKey: state.mint.secretAccessKey(),
    sessionToken: state.mint.secret('IQoJb3JpZ2luX2VjE', 600),
    accountId,
    roleName,
    expiration: state.clock.now() + durationSeconds * 1000,
  };
  state.credentials.set(keyId, credentials);
  return credentials;
}

export function logout(ctx: RequestContext): Reply {
  const record = authenticate(ctx);
  // Ends the portal session: its access tokens and refresh tokens all stop working.
  record.session.revoked = true;
  return jsonReply(200, {});
}
