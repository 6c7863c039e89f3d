import { randomUUID } from 'node:crypto';

/** The service operations the emulator counts in `stats()`. */
export const OPERATIONS = [
  'RegisterClient',
  'StartDeviceAuthorization',
  'CreateToken',
  'ListAccounts',
  'ListAccountRoles',
  'GetRoleCredentials',
  'Logout',
  'GetSigninToken',
  'GetCallerIdentity',
] as const;

export type OperationName = (typeof OPERATIONS)[number];

/** Browser-facing endpoints, logged but not counted as service operations. */
export type PageName = 'Authorize' | 'AuthorizeDecision' | 'DevicePage' | 'DeviceDecision' | 'FederationLogin' | 'ConsolePage';

/** One line of the emulator's request log. */
export interface RequestLogEntry {
  operation: OperationName | PageName;
  status: number;
  errorType?: string;
  /** The emulator clock's time, epoch ms. */
  time: number;
  grantType?: string;
  clientId?: string;
  accountId?: string;
  roleName?: string;
}

/** What a handler learned about a request that the log should show. */
export type LogFields = Pick<RequestLogEntry, 'grantType' | 'clientId' | 'accountId' | 'roleName'>;

/** An HTTP answer before it is written. */
export interface Reply {
  status: number;
  headers: Record<string, string>;
  body: string;
  /** The error type the client will resolve, for the request log. */
  errorType?: string;
}

/** An answer that ends a handler early: always an error in the owning service's own shape. */
export class ServiceFault extends Error {
  constructor(readonly reply: Reply) {
    super(reply.errorType ?? `HTTP ${reply.status}`);
  }
}

export function jsonReply(status: number, value: unknown, headers: Record<string, string> = {}): Reply {
  return {
    status,
    headers: { 'content-type': 'application/json', 'x-amzn-requestid': randomUUID(), ...headers },
    body: JSON.stringify(value),
  };
}

const OIDC_ERROR_CODES: Record<string, string> = {
  AccessDeniedException: 'access_denied',
  AuthorizationPendingException: 'authorization_pending',
  ExpiredTokenException: 'expired_token',
  InternalServerException: 'server_error',
  InvalidClientException: 'invalid_client',
  InvalidClientMetadataException: 'invalid_client_metadata',
  InvalidGrantException: 'invalid_grant',
  InvalidRedirectUriException: 'invalid_redirect_uri',
  InvalidRequestException: 'invalid_request',
  InvalidScopeException: 'invalid_scope',
  SlowDownException: 'slow_down',
  UnauthorizedClientException: 'unauthorized_client',
  UnsupportedGrantTypeException: 'unsupported_grant_type',
};

const OIDC_ERROR_STATUS: Record<string, number> = {
  InvalidClientException: 401,
  InternalServerException: 500,
};

/**
 * An sso-oidc error: OAuth's `error`/`error_description` members in the body, the modelled
 * type in `x-amzn-errortype` (how both the JS SDK and botocore pick the exception class).
 */
export function oidcError(type: keyof typeof OIDC_ERROR_CODES, description: string): ServiceFault {
  const reply = jsonReply(OIDC_ERROR_STATUS[type] ?? 400, { error: OIDC_ERROR_CODES[type], error_description: description }, {
    'x-amzn-errortype': type,
  });
  return new ServiceFault({ ...reply, errorType: type });
}

const PORTAL_ERROR_STATUS: Record<string, number> = {
  InvalidRequestException: 400,
  UnauthorizedException: 401,
  ForbiddenException: 403,
  ResourceNotFoundException: 404,
  TooManyRequestsException: 429,
  InternalServerException: 500,
};

/**
 * A portal (sso) error: `{"message"}` and the type in `x-amzn-errortype`, with the Coral
 * namespace suffix the real service appends (clients cut it at the colon).
 */
export function portalError(type: keyof typeof PORTAL_ERROR_STATUS, message: string): ServiceFault {
  const reply = jsonReply(PORTAL_ERROR_STATUS[type]!, { message }, {
    'x-amzn-errortype': `${type}:http://internal.amazon.com/coral/com.amazonaws.switchboard.portal/`,
  });
  return new ServiceFault({ ...reply, errorType: type });
}

export function xmlEscape(text: string): string {
  return text.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!);
}

/** An STS (awsQuery) error: the XML ErrorResponse document. */
export function stsError(status: number, code: string, message: string, type: 'Sender' | 'Receiver' = 'Sender'): ServiceFault {
  const requestId = randomUUID();
  const body =
    `<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">\n` +
    `  <Error>\n    <Type>${type}</Type>\n    <Code>${xmlEscape(code)}</Code>\n    <Message>${xmlEscape(message)}</Message>\n  </Error>\n` +
    `  <RequestId>${requestId}</RequestId>\n</ErrorResponse>\n`;
  return new ServiceFault({
    status,
    headers: { 'content-type': 'text/xml', 'x-amzn-requestid': requestId },
    body,
    errorType: code,
  });
}

/** A plain page or text answer (federation endpoint, browser pages). */
export function textReply(status: number, body: string, contentType = 'text/plain; charset=utf-8', headers: Record<string, string> = {}): Reply {
  return { status, headers: { 'content-type': contentType, ...headers }, body };
}

export function redirectReply(location: string): Reply {
  return { status: 302, headers: { location, 'cache-control': 'no-store' }, body: '' };
}
