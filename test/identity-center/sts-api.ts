import { randomUUID } from 'node:crypto';
import { header, type RequestContext } from './request-context';
import { expectedSignature, formatAmzDate, parseAmzDate, parseAuthorization, signaturesEqual } from './sigv4';
import type { IssuedRoleCredentials } from './state';
import { stsError, xmlEscape, type Reply } from './wire';

const SKEW_MS = 15 * 60 * 1000;
const INVALID_TOKEN = 'The security token included in the request is invalid.';
const BAD_SIGNATURE =
  'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.';

/** The ARN, user id and account of a set of issued role credentials, as STS names them. */
export function callerIdentity(ctx: RequestContext, credentials: Pick<IssuedRoleCredentials, 'accountId' | 'roleName'>): { arn: string; userId: string; account: string } {
  const { organization } = ctx.state;
  const role = organization.accountById.get(credentials.accountId)?.roleByName.get(credentials.roleName);
  const roleHash = role?.roleHash ?? '0000000000000000';
  const user = organization.userName;
  return {
    arn: `arn:aws:sts::${credentials.accountId}:assumed-role/AWSReservedSSO_${credentials.roleName}_${roleHash}/${user}`,
    userId: `${role?.roleId ?? 'AROA0000000000000000'}:${user}`,
    account: credentials.accountId,
  };
}

/** Checks the request's SigV4 signature against the credentials the emulator issued. */
function authenticate(ctx: RequestContext): IssuedRoleCredentials {
  const authorization = header(ctx, 'authorization');
  if (!authorization) throw stsError(403, 'MissingAuthenticationToken', 'Request is missing Authentication Token');
  const auth = parseAuthorization(authorization);
  if (!auth) throw stsError(403, 'IncompleteSignature', 'Authorization header requires Credential, SignedHeaders and Signature parameters.');
  const credentials = ctx.state.credentials.get(auth.accessKeyId);
  const token = header(ctx, 'x-amz-security-token');
  if (!credentials || token !== credentials.sessionToken) throw stsError(403, 'InvalidClientTokenId', INVALID_TOKEN);
  const now = ctx.state.clock.now();
  if (now >= credentials.expiration) throw stsError(403, 'ExpiredToken', 'The security token included in the request is expired');
  const amzDate = header(ctx, 'x-amz-date') ?? '';
  const signedAt = parseAmzDate(amzDate);
  if (signedAt === undefined) throw stsError(403, 'IncompleteSignature', 'Authorization header requires existence of either a \'X-Amz-Date\' or a \'Date\' header.');
  if (auth.service !== 'sts') throw stsError(403, 'SignatureDoesNotMatch', `Credential should be scoped to correct service: 'sts'.`);
  if (auth.terminator !== 'aws4_request' || auth.date !== amzDate.slice(0, 8)) {
    throw stsError(403, 'SignatureDoesNotMatch', `Credential should be scoped to a valid region and date.`);
  }
  for (const required of ['host', 'x-amz-date', 'x-amz-security-token']) {
    if (!auth.signedHeaders.includes(required)) throw stsError(403, 'SignatureDoesNotMatch', `'${required}' must be a signed header.`);
  }
  if (signedAt < now - SKEW_MS) {
    throw stsError(403, 'SignatureDoesNotMatch', `Signature expired: ${amzDate} is now earlier than ${formatAmzDate(now - SKEW_MS)} (${formatAmzDate(now)} - 15 min.)`);
  }
  if (signedAt > now + SKEW_MS) {
    throw stsError(403, 'SignatureDoesNotMatch', `Signature not yet current: ${amzDate} is still later than ${formatAmzDate(now + SKEW_MS)} (${formatAmzDate(now)} + 15 min.)`);
  }
  if (!signaturesEqual(expectedSignature(ctx, auth, amzDate, credentials.secretAccessKey), auth.signature)) {
    throw stsError(403, 'SignatureDoesNotMatch', BAD_SIGNATURE);
  }
  return credentials;
}

/** POST / (awsQuery): only GetCallerIdentity, version 2011-06-15. */
export function stsQuery(ctx: RequestContext): Reply {
  const params = ctx.method === 'POST' ? new URLSearchParams(ctx.body.toString('utf8')) : ctx.query;
  const credentials = authenticate(ctx);
  ctx.log.accountId = credentials.accountId;
  ctx.log.roleName = credentials.roleName;
  const action = params.get('Action');
  const version = params.get('Version');
  if (action !== 'GetCallerIdentity') {
    throw stsError(400, 'InvalidAction', `Could not find operation ${action ?? ''} for version ${version ?? 'NO_VERSION_SPECIFIED'}`);
  }
  if (version !== '2011-06-15') throw stsError(400, 'InvalidAction', `Could not find operation ${action} for version ${version ?? 'NO_VERSION_SPECIFIED'}`);
  const identity = callerIdentity(ctx, credentials);
  const requestId = randomUUID();
  const body =
    `<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">\n` +
    `  <GetCallerIdentityResult>\n` +
    `    <Arn>${xmlEscape(identity.arn)}</Arn>\n` +
    `    <UserId>${xmlEscape(identity.userId)}</UserId>\n` +
    `    <Account>${identity.account}</Account>\n` +
    `  </GetCallerIdentityResult>\n` +
    `  <ResponseMetadata>\n    <RequestId>${requestId}</RequestId>\n  </ResponseMetadata>\n` +
    `</GetCallerIdentityResponse>\n`;
  return { status: 200, headers: { 'content-type': 'text/xml', 'x-amzn-requestid': requestId }, body };
}
