/**
 * The broker's wire protocol: newline-delimited JSON over a local socket (Unix) or named pipe
 * (Windows). Every request carries the protocol version and the shared secret; the broker
 * answers each request with zero or more `pending` lines and exactly one final line.
 *
 * This file is loaded on the credential_process hot path: it imports nothing.
 */
import { pickRoleCredentials } from '../credentials/credential-cache';
import { ACCOUNT_ID_PATTERN, INSTANCE_ID_PATTERN, ROLE_NAME_PATTERN, type RoleCredentials, type RoleRef } from '../model';

/** The protocol version this build speaks. A broker answers other versions with `broker-version`. */
export const BROKER_PROTOCOL_VERSION = 1;

/** The longest line either side accepts; anything longer is a broken or hostile peer. */
export const MAX_LINE_BYTES = 64 * 1024;

export type BrokerRequest =
  | { v: number; id: string; auth: string; op: 'hello' }
  | {
      v: number;
      id: string;
      auth: string;
      op: 'credentials';
      role: RoleRef;
      /** The caller may show a sign-in (browser tab or the app's prompt) if the session ended. */
      interactive: boolean;
    }
  /**
   * The credentials of a Rolecall profile: the broker reads the role from `configFile` (an
   * absolute path), so the credential_process caller does not have to.
   */
  | {
      v: number;
      id: string;
      auth: string;
      op: 'profile-credentials';
      profile: string;
      configFile: string;
      interactive: boolean;
    }
  /** Drop remembered credentials of an instance (after `rolecall logout` or `instances remove`). */
  | { v: number; id: string; auth: string; op: 'forget'; instanceId: string };

export interface BrokerErrorBody {
  code: string;
  message: string;
  hint?: string;
}

export type BrokerAnswer =
  /** `instanceId`: whose session a sign-in is for (sent with `signing-in`). */
  | { v: number; id: string; type: 'pending'; reason: 'fetching' | 'signing-in'; instanceId?: string }
  | { v: number; id: string; type: 'hello'; pid: number; versions: number[] }
  | { v: number; id: string; type: 'credentials'; credentials: RoleCredentials }
  | { v: number; id: string; type: 'forgotten' }
  | { v: number; id: string; type: 'error'; error: BrokerErrorBody };

/** True for a string shaped like an instance id. */
export function isWireInstanceId(v: unknown): v is string {
  return typeof v === 'string' && INSTANCE_ID_PATTERN.test(v);
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** True when `v` names a role the way the rest of Rolecall does. */
export function isWireRoleRef(v: unknown): v is RoleRef {
  return (
    isObject(v) &&
    typeof v.instanceId === 'string' &&
    INSTANCE_ID_PATTERN.test(v.instanceId) &&
    typeof v.accountId === 'string' &&
    ACCOUNT_ID_PATTERN.test(v.accountId) &&
    typeof v.roleName === 'string' &&
    ROLE_NAME_PATTERN.test(v.roleName)
  );
}

/** The longest profile name and config file path the broker accepts. */
export const MAX_PROFILE_CHARS = 1024;
export const MAX_PATH_CHARS = 4096;

/** Checks the envelope every request shares; the broker validates the rest per `op`. */
export function parseRequestEnvelope(line: string): { v: number; id: string; auth: string; op: string; body: Record<string, unknown> } | null {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    // A line that is not JSON is answered like any malformed request.
    return null;
  }
  if (!isObject(value)) return null;
  const { v, id, auth, op } = value;
  if (typeof v !== 'number' || !Number.isInteger(v)) return null;
  if (typeof id !== 'string' || id.length === 0 || id.length > 64) return null;
  if (typeof auth !== 'string' || auth.length > 256) return null;
  if (typeof op !== 'string' || op.length > 32) return null;
  return { v, id, auth, op, body: value };
}

/** Checks a line the broker sent; null when it is not a well-formed answer. */
export function parseAnswer(line: string): BrokerAnswer | null {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    // A broker that sends garbage is treated as broken; the caller falls back.
    return null;
  }
  if (!isObject(value) || typeof value.id !== 'string' || typeof value.v !== 'number') return null;
  switch (value.type) {
    case 'pending': {
      if (value.reason !== 'fetching' && value.reason !== 'signing-in') return null;
      const instanceId = isWireInstanceId(value.instanceId) ? value.instanceId : undefined;
      return instanceId === undefined ? { v: value.v, id: value.id, type: 'pending', reason: value.reason } : { v: value.v, id: value.id, type: 'pending', reason: value.reason, instanceId };
    }
    case 'forgotten':
      return value as BrokerAnswer;
    case 'hello':
      return typeof value.pid === 'number' && Array.isArray(value.versions) ? (value as BrokerAnswer) : null;
    case 'credentials': {
      const credentials = pickRoleCredentials(value.credentials);
      return credentials ? { v: value.v, id: value.id, type: 'credentials', credentials } : null;
    }
    case 'error': {
      const error = value.error;
      return isObject(error) && typeof error.code === 'string' && typeof error.message === 'string' ? (value as BrokerAnswer) : null;
    }
    default:
      return null;
  }
}

/**
 * Errors about the broker itself rather than the request's work (it speaks another protocol
 * version, the secret is wrong, it did not understand the request): the caller works without it.
 */
export function brokerRefusal(code: string): 'version' | 'unauthorized' | 'broken' | undefined {
  if (code === 'broker-version') return 'version';
  if (code === 'broker-unauthorized') return 'unauthorized';
  if (code === 'broker-bad-request') return 'broken';
  return undefined;
}

/** The key the broker coalesces and caches by. */
export function wireRoleKey(role: RoleRef): string {
  return `${role.instanceId}/${role.accountId}/${role.roleName}`;
}
