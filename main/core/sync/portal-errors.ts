import { RolecallError } from '../errors';
import type { IdentityCenterInstance } from '../model';
import { isThrottlingError } from './adaptive-limiter';

/** The portal operations Rolecall calls. */
export type PortalOperation = 'ListAccounts' | 'ListAccountRoles' | 'GetRoleCredentials';

/**
 * A portal call failed for a reason other than the session: the portal could not be reached,
 * kept throttling after every retry, had an outage, or refused the request. Codes:
 * `portal-unreachable`, `portal-throttled`, `portal-unavailable`, `portal-error`.
 */
export class PortalError extends RolecallError {
  readonly instanceId: string;
  readonly operation: PortalOperation;

  constructor(code: string, instanceId: string, operation: PortalOperation, message: string, options: { hint?: string; cause?: unknown } = {}) {
    super(code, message, options);
    this.instanceId = instanceId;
    this.operation = operation;
  }
}

/** The error's name as the SDK reports it (`UnauthorizedException`, `ForbiddenException`, …). */
export function serviceErrorName(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const name = (error as { name?: unknown }).name;
  return typeof name === 'string' ? name : undefined;
}

function httpStatus(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const status = (error as { $metadata?: { httpStatusCode?: unknown } }).$metadata?.httpStatusCode;
  return typeof status === 'number' ? status : undefined;
}

const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN', 'EPIPE', 'ECONNABORTED']);

function isNetworkError(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { code, name } = error as { code?: unknown; name?: unknown };
  return (typeof code === 'string' && NETWORK_CODES.has(code)) || name === 'TimeoutError' || name === 'RequestTimeout';
}

/**
 * The PortalError a user sees for a failed portal call. The portal's own message text is left
 * out: only the error's name, which never carries a secret, is shown.
 */
export function toPortalError(error: unknown, instance: IdentityCenterInstance, operation: PortalOperation): RolecallError {
  if (error instanceof RolecallError) return error;
  const where = instance.endpointUrl ?? `portal.sso.${instance.region}.amazonaws.com`;
  if (isNetworkError(error)) {
    return new PortalError('portal-unreachable', instance.id, operation, `Rolecall could not reach the Identity Center portal of "${instance.name}" (${where}).`, {
      hint: 'Check your network connection, VPN or proxy, then try again.',
      cause: error,
    });
  }
  if (isThrottlingError(error)) {
    return new PortalError('portal-throttled', instance.id, operation, `The Identity Center portal of "${instance.name}" kept refusing ${operation} calls as too many, even after backing off.`, {
      hint: 'Another tool may be using the same portal heavily. Wait a minute and try again.',
      cause: error,
    });
  }
  const status = httpStatus(error);
  if (status !== undefined && status >= 500) {
    return new PortalError('portal-unavailable', instance.id, operation, `The Identity Center portal of "${instance.name}" failed to answer ${operation} (HTTP ${status}).`, {
      hint: 'This is usually brief. Try again in a moment.',
      cause: error,
    });
  }
  const name = serviceErrorName(error) ?? 'unknown error';
  return new PortalError('portal-error', instance.id, operation, `The Identity Center portal of "${instance.name}" refused ${operation} (${name}${status !== undefined ? `, HTTP ${status}` : ''}).`, {
    cause: error,
  });
}
