/**
 * The CLI's side of the broker. It is on the credential_process hot path: it reads one small
 * file, checks one folder, opens one socket, and gives up quickly (so the caller does the work
 * itself) when no broker runs, when one has crashed, or when it misbehaves.
 */
import { lstatSync, readFileSync } from 'node:fs';
import { createConnection } from 'node:net';
import type { RoleCredentials, RoleRef } from '../model';
import type { BrokerPaths } from './broker-paths';
import { BROKER_PROTOCOL_VERSION, MAX_LINE_BYTES, parseAnswer, type BrokerAnswer, type BrokerErrorBody } from './protocol';

/** Why the broker could not be used; the caller then does the work itself. */
export type BrokerUnavailableReason = 'absent' | 'stale' | 'unsafe' | 'unresponsive' | 'broken' | 'version' | 'unauthorized';

export type BrokerOutcome<T> =
  | { kind: 'answered'; value: T }
  /** The broker did the work and it failed for a reason the caller would meet too (session ended, role gone…). */
  | { kind: 'failed'; error: BrokerErrorBody }
  | { kind: 'unavailable'; reason: BrokerUnavailableReason };

export interface BrokerClientOptions {
  /** How long to wait for the connection. Default 250 ms. */
  connectTimeoutMs?: number;
  /** How long to wait for the first answer line (a cache hit, or `pending`). Default 1 s. */
  answerTimeoutMs?: number;
  /** How long to wait for the final answer once the broker said it is working. Default 15 min (a sign-in). */
  workTimeoutMs?: number;
  /** Called for each `pending` line (e.g. to tell a terminal user a sign-in is waiting). */
  onPending?: (reason: 'fetching' | 'signing-in') => void;
}

/** Asks the broker for a role's credentials. */
export function requestBrokerCredentials(
  paths: BrokerPaths,
  role: RoleRef,
  interactive: boolean,
  options: BrokerClientOptions = {},
): Promise<BrokerOutcome<RoleCredentials>> {
  return exchange(paths, { op: 'credentials', role, interactive }, options, (answer) =>
    answer.type === 'credentials' ? answer.credentials : undefined,
  );
}

/** Asks the broker who it is (for `status` and `doctor`). */
export function helloBroker(paths: BrokerPaths, options: BrokerClientOptions = {}): Promise<BrokerOutcome<{ pid: number; versions: number[] }>> {
  return exchange(paths, { op: 'hello' }, options, (answer) => (answer.type === 'hello' ? { pid: answer.pid, versions: answer.versions } : undefined));
}

/** Tells a running broker to drop what it remembers of an instance; `unavailable` when none runs. */
export function forgetInBroker(paths: BrokerPaths, instanceId: string, options: BrokerClientOptions = {}): Promise<BrokerOutcome<true>> {
  return exchange(paths, { op: 'forget', instanceId }, options, (answer) => (answer.type === 'forgotten' ? true : undefined));
}

let sequence = 0;

function exchange<T>(
  paths: BrokerPaths,
  body: Record<string, unknown>,
  options: BrokerClientOptions,
  pick: (answer: BrokerAnswer) => T | undefined,
): Promise<BrokerOutcome<T>> {
  let secret: string;
  try {
    secret = readFileSync(paths.secretFile, 'utf8').trim();
  } catch {
    // No secret file: no broker has run here (or it shut down cleanly).
    return Promise.resolve({ kind: 'unavailable', reason: 'absent' });
  }
  if (!socketDirIsPrivate(paths)) return Promise.resolve({ kind: 'unavailable', reason: 'unsafe' });

  const id = `${process.pid}-${(sequence += 1)}`;
  const request = `${JSON.stringify({ v: BROKER_PROTOCOL_VERSION, id, auth: secret, ...body })}\n`;
  return new Promise((resolve) => {
    let settled = false;
    let buffered = '';
    const socket = createConnection(paths.socket);
    const finish = (outcome: BrokerOutcome<T>) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      resolve(outcome);
    };
    let timer = setTimeout(() => finish({ kind: 'unavailable', reason: 'unresponsive' }), options.connectTimeoutMs ?? 250);
    socket.setEncoding('utf8');
    // Queued until the connection is up, so the request leaves with it.
    socket.write(request);
    socket.on('connect', () => {
      clearTimeout(timer);
      timer = setTimeout(() => finish({ kind: 'unavailable', reason: 'unresponsive' }), options.answerTimeoutMs ?? 1000);
    });
    socket.on('error', (error: NodeJS.ErrnoException) => {
      finish({ kind: 'unavailable', reason: error.code === 'ECONNREFUSED' || error.code === 'ENOENT' ? 'stale' : 'broken' });
    });
    socket.on('close', () => finish({ kind: 'unavailable', reason: 'broken' }));
    socket.on('data', (chunk: string) => {
      buffered += chunk;
      if (buffered.length > MAX_LINE_BYTES) return finish({ kind: 'unavailable', reason: 'broken' });
      let newline: number;
      while ((newline = buffered.indexOf('\n')) >= 0) {
        const line = buffered.slice(0, newline);
        buffered = buffered.slice(newline + 1);
        const answer = parseAnswer(line);
        if (!answer || answer.id !== id) return finish({ kind: 'unavailable', reason: 'broken' });
        if (answer.type === 'pending') {
          clearTimeout(timer);
          timer = setTimeout(() => finish({ kind: 'unavailable', reason: 'unresponsive' }), options.workTimeoutMs ?? 15 * 60_000);
          options.onPending?.(answer.reason);
          continue;
        }
        if (answer.type === 'error') {
          if (answer.error.code === 'broker-version') return finish({ kind: 'unavailable', reason: 'version' });
          if (answer.error.code === 'broker-unauthorized') return finish({ kind: 'unavailable', reason: 'unauthorized' });
          if (answer.error.code === 'broker-bad-request') return finish({ kind: 'unavailable', reason: 'broken' });
          return finish({ kind: 'failed', error: answer.error });
        }
        const value = pick(answer);
        return finish(value === undefined ? { kind: 'unavailable', reason: 'broken' } : { kind: 'answered', value });
      }
    });
  });
}

/**
 * The secret is only sent to a socket in a folder that belongs to this user and that nobody
 * else can enter: otherwise another local user could have planted the socket.
 */
function socketDirIsPrivate(paths: BrokerPaths): boolean {
  if (process.platform === 'win32') return true;
  try {
    const info = lstatSync(paths.socketDir);
    const uid = typeof process.getuid === 'function' ? process.getuid() : info.uid;
    return info.isDirectory() && info.uid === uid && (info.mode & 0o077) === 0;
  } catch {
    // The folder vanished between reading the secret and now: treat as unsafe, fall back.
    return false;
  }
}
