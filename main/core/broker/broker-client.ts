/**
 * The CLI's and the app's side of the broker (credential_process itself uses the leaner request
 * in main/cli/fast-credential-process.ts). It reads one small file, checks one folder, opens one
 * socket, and gives up quickly (so the caller does the work
 * itself) when no broker runs, when one has crashed, or when it misbehaves. Node's `net` module
 * is loaded only once a broker looks present: loading it costs a few milliseconds that a
 * caller without a broker should not pay.
 */
import type { Socket } from 'node:net';
import type { RoleCredentials, RoleRef } from '../model';
import type { BrokerPaths } from './broker-paths';
import { readBrokerSecret } from './broker-secret';
import { BROKER_PROTOCOL_VERSION, MAX_LINE_BYTES, brokerRefusal, parseAnswer, type BrokerAnswer, type BrokerErrorBody } from './protocol';

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

/** One connection to the broker, for one request. */
export interface BrokerConnection {
  requestCredentials(role: RoleRef, interactive: boolean): Promise<BrokerOutcome<RoleCredentials>>;
  hello(): Promise<BrokerOutcome<{ pid: number; versions: number[] }>>;
  forget(instanceId: string): Promise<BrokerOutcome<true>>;
  /** Drops the connection without asking anything. */
  close(): void;
}

/**
 * Starts connecting to the broker, so that the connection is being set up while the caller
 * works out what to ask. Returns why not when no usable broker is there.
 */
export function connectBroker(paths: BrokerPaths, options: BrokerClientOptions = {}): BrokerConnection | { kind: 'unavailable'; reason: BrokerUnavailableReason } {
  const found = readBrokerSecret(paths);
  if ('reason' in found) return { kind: 'unavailable', reason: found.reason };
  return new Connection(paths, found.secret, options);
}

/** Asks the broker for a role's credentials. */
export function requestBrokerCredentials(
  paths: BrokerPaths,
  role: RoleRef,
  interactive: boolean,
  options: BrokerClientOptions = {},
): Promise<BrokerOutcome<RoleCredentials>> {
  const connection = connectBroker(paths, options);
  return 'kind' in connection ? Promise.resolve(connection) : connection.requestCredentials(role, interactive);
}

/** Asks the broker who it is (for `status` and `doctor`). */
export function helloBroker(paths: BrokerPaths, options: BrokerClientOptions = {}): Promise<BrokerOutcome<{ pid: number; versions: number[] }>> {
  const connection = connectBroker(paths, options);
  return 'kind' in connection ? Promise.resolve(connection) : connection.hello();
}

/** Tells a running broker to drop what it remembers of an instance; `unavailable` when none runs. */
export function forgetInBroker(paths: BrokerPaths, instanceId: string, options: BrokerClientOptions = {}): Promise<BrokerOutcome<true>> {
  const connection = connectBroker(paths, options);
  return 'kind' in connection ? Promise.resolve(connection) : connection.forget(instanceId);
}

let sequence = 0;

type Outcome = BrokerOutcome<unknown>;

class Connection implements BrokerConnection {
  private readonly socket: Socket;
  private readonly id = `${process.pid}-${(sequence += 1)}`;
  private buffered: Buffer = Buffer.alloc(0);
  private timer: NodeJS.Timeout;
  /** How the exchange ended, once it has (possibly before anything was asked). */
  private outcome: Outcome | undefined;
  private settle: ((outcome: Outcome) => void) | undefined;
  private pick: ((answer: BrokerAnswer) => unknown) | undefined;

  constructor(
    paths: BrokerPaths,
    private readonly secret: string,
    private readonly options: BrokerClientOptions,
  ) {
    // Loaded here, not imported at the top: see the file comment.
    const { createConnection } = process.getBuiltinModule('node:net');
    this.socket = createConnection(paths.socket);
    this.timer = setTimeout(() => this.finish({ kind: 'unavailable', reason: 'unresponsive' }), options.connectTimeoutMs ?? 250);
    this.socket.on('connect', () => {
      clearTimeout(this.timer);
      this.timer = setTimeout(() => this.finish({ kind: 'unavailable', reason: 'unresponsive' }), options.answerTimeoutMs ?? 1000);
    });
    this.socket.on('error', (error: NodeJS.ErrnoException) => {
      this.finish({ kind: 'unavailable', reason: error.code === 'ECONNREFUSED' || error.code === 'ENOENT' ? 'stale' : 'broken' });
    });
    this.socket.on('close', () => this.finish({ kind: 'unavailable', reason: 'broken' }));
    this.socket.on('data', (chunk: Buffer) => this.receive(chunk));
  }

  requestCredentials(role: RoleRef, interactive: boolean): Promise<BrokerOutcome<RoleCredentials>> {
    return this.ask({ op: 'credentials', role, interactive }, (answer) => (answer.type === 'credentials' ? answer.credentials : undefined));
  }

  hello(): Promise<BrokerOutcome<{ pid: number; versions: number[] }>> {
    return this.ask({ op: 'hello' }, (answer) => (answer.type === 'hello' ? { pid: answer.pid, versions: answer.versions } : undefined));
  }

  forget(instanceId: string): Promise<BrokerOutcome<true>> {
    return this.ask({ op: 'forget', instanceId }, (answer) => (answer.type === 'forgotten' ? (true as const) : undefined));
  }

  close(): void {
    this.finish({ kind: 'unavailable', reason: 'broken' });
  }

  private ask<T>(body: Record<string, unknown>, pick: (answer: BrokerAnswer) => T | undefined): Promise<BrokerOutcome<T>> {
    if (this.outcome) return Promise.resolve(this.outcome as BrokerOutcome<T>);
    this.pick = pick;
    // Queued until the connection is up when it is not yet.
    this.socket.write(`${JSON.stringify({ v: BROKER_PROTOCOL_VERSION, id: this.id, auth: this.secret, ...body })}\n`);
    return new Promise((resolve) => {
      this.settle = resolve as (outcome: Outcome) => void;
    });
  }

  /** Lines are cut at the byte 0x0a (never inside a UTF-8 character) and decoded whole: no stream decoder needed. */
  private receive(chunk: Buffer): void {
    this.buffered = this.buffered.length === 0 ? chunk : Buffer.concat([this.buffered, chunk]);
    if (this.buffered.length > MAX_LINE_BYTES) return this.finish({ kind: 'unavailable', reason: 'broken' });
    let newline: number;
    while ((newline = this.buffered.indexOf(0x0a)) >= 0) {
      const line = this.buffered.toString('utf8', 0, newline);
      this.buffered = this.buffered.subarray(newline + 1);
      const answer = parseAnswer(line);
      if (!answer || answer.id !== this.id || !this.pick) return this.finish({ kind: 'unavailable', reason: 'broken' });
      if (answer.type === 'pending') {
        clearTimeout(this.timer);
        this.timer = setTimeout(() => this.finish({ kind: 'unavailable', reason: 'unresponsive' }), this.options.workTimeoutMs ?? 15 * 60_000);
        this.options.onPending?.(answer.reason);
        continue;
      }
      if (answer.type === 'error') {
        const refusal = brokerRefusal(answer.error.code);
        if (refusal) return this.finish({ kind: 'unavailable', reason: refusal });
        return this.finish({ kind: 'failed', error: answer.error });
      }
      const value = this.pick(answer);
      return this.finish(value === undefined ? { kind: 'unavailable', reason: 'broken' } : { kind: 'answered', value });
    }
  }

  private finish(outcome: Outcome): void {
    if (this.outcome) return;
    this.outcome = outcome;
    clearTimeout(this.timer);
    this.socket.destroy();
    this.settle?.(outcome);
  }
}
