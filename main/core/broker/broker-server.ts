/**
 * The broker: a local server run by the app or by `rolecall daemon` that answers
 * credential_process callers from memory. Only the same OS user can reach it (a private folder,
 * a 0600 socket, and a random secret in a 0600 file that every request must carry), and
 * concurrent requests for one role share one fetch.
 */
import { randomBytes, createHash, timingSafeEqual } from 'node:crypto';
import { existsSync } from 'node:fs';
import { isAbsolute } from 'node:path';
import { chmod, lstat, mkdir, readFile, rm } from 'node:fs/promises';
import { createConnection, createServer, type Server, type Socket } from 'node:net';
import type { Clock } from '../clock';
import { isRolecallError } from '../errors';
import { writeFileAtomic } from '../fs/atomic-write';
import { withFileLock } from '../fs/file-lock';
import type { Logger } from '../logger';
import type { RoleCredentials, RoleRef } from '../model';
import { BrokerAlreadyRunningError, BrokerFolderUnsafeError } from './broker-errors';
import type { BrokerPaths } from './broker-paths';
import { helloBroker } from './broker-client';
import { ConfigProfileCache } from './profile-cache';
import {
  BROKER_PROTOCOL_VERSION,
  MAX_LINE_BYTES,
  MAX_PATH_CHARS,
  MAX_PROFILE_CHARS,
  isWireInstanceId,
  isWireRoleRef,
  parseRequestEnvelope,
  wireRoleKey,
  type BrokerAnswer,
  type BrokerErrorBody,
} from './protocol';

/** What the broker asks its host for: the core's credentials service in practice. */
export interface BrokerCredentialSource {
  /**
   * Credentials for `role` with at least the margin left. `interactive` says the caller may
   * wait for a sign-in; `onSigningIn` is called when one starts, so waiting callers hear why.
   */
  getCredentials(role: RoleRef, options: { interactive: boolean; onSigningIn: () => void }): Promise<RoleCredentials>;
}

export interface BrokerOptions {
  paths: BrokerPaths;
  source: BrokerCredentialSource;
  clock: Clock;
  logger: Logger;
  /** Credentials with less than this left are fetched again. Default 5 minutes. */
  marginMs?: number;
  /** A connection idle this long is closed. Default 30 s. */
  idleTimeoutMs?: number;
}

export interface RunningBroker {
  /** Where it listens. */
  readonly socket: string;
  /** Drops remembered credentials (all, or one instance's), e.g. after sign-out. */
  forget(instanceId?: string): void;
  /** Stops listening, removes the socket and the secret file. */
  close(): Promise<void>;
}

/** Starts a broker, replacing a stale socket left by one that crashed. */
export async function startBroker(options: BrokerOptions): Promise<RunningBroker> {
  const { paths, logger } = options;
  await preparePrivateDir(paths.dir);
  if (paths.socketDir !== paths.dir) await preparePrivateDir(paths.socketDir);
  const secret = randomBytes(32).toString('hex');
  const server = createServer();
  await withFileLock(`${paths.dir}/start.lock`, async () => {
    await clearStaleSocket(paths);
    await writeFileAtomic(paths.secretFile, `${secret}\n`, { mode: 0o600 });
    await chmod(paths.secretFile, 0o600);
    await listen(server, paths.socket);
  }, { timeoutMs: 5000 });
  if (process.platform !== 'win32') await chmod(paths.socket, 0o600);
  logger.info('broker listening', { socketPath: paths.socket });

  const memory = new Map<string, RoleCredentials>();
  const inFlight = new Map<string, Promise<RoleCredentials>>();
  const waitingForSignIn = new Map<string, Set<(reason: 'signing-in') => void>>();
  const marginMs = options.marginMs ?? 5 * 60_000;
  const secretDigest = digest(secret);
  const profiles = new ConfigProfileCache();

  const forget = (instanceId?: string) => {
    for (const key of [...memory.keys()]) if (instanceId === undefined || key.startsWith(`${instanceId}/`)) memory.delete(key);
  };

  const credentialsFor = (role: RoleRef, interactive: boolean, onSigningIn: () => void): Promise<RoleCredentials> => {
    const key = wireRoleKey(role);
    const cached = memory.get(key);
    if (cached && cached.expiration - options.clock.now() > marginMs) return Promise.resolve(cached);
    let listeners = waitingForSignIn.get(key);
    if (!listeners) waitingForSignIn.set(key, (listeners = new Set()));
    listeners.add(onSigningIn);
    let pending = inFlight.get(key);
    if (!pending) {
      pending = options.source
        .getCredentials(role, { interactive, onSigningIn: () => waitingForSignIn.get(key)?.forEach((l) => l('signing-in')) })
        .then((credentials) => {
          memory.set(key, credentials);
          return credentials;
        })
        .finally(() => {
          inFlight.delete(key);
          waitingForSignIn.delete(key);
        });
      inFlight.set(key, pending);
    }
    return pending;
  };

  const handleLine = async (line: string, send: (answer: BrokerAnswer) => void, socket: Socket) => {
    const request = parseRequestEnvelope(line);
    if (!request) {
      send({ v: BROKER_PROTOCOL_VERSION, id: '?', type: 'error', error: { code: 'broker-bad-request', message: 'Malformed request.' } });
      socket.end();
      return;
    }
    const { id } = request;
    if (!timingSafeEqual(digest(request.auth), secretDigest)) {
      logger.warn('broker refused a request with a wrong secret');
      send({ v: BROKER_PROTOCOL_VERSION, id, type: 'error', error: { code: 'broker-unauthorized', message: 'Wrong broker secret.' } });
      socket.end();
      return;
    }
    if (request.v !== BROKER_PROTOCOL_VERSION) {
      send({ v: BROKER_PROTOCOL_VERSION, id, type: 'error', error: { code: 'broker-version', message: `This broker speaks protocol ${BROKER_PROTOCOL_VERSION}.` } });
      return;
    }
    if (request.op === 'hello') {
      send({ v: BROKER_PROTOCOL_VERSION, id, type: 'hello', pid: process.pid, versions: [BROKER_PROTOCOL_VERSION] });
      return;
    }
    if (request.op === 'forget' && isWireInstanceId(request.body.instanceId)) {
      forget(request.body.instanceId);
      send({ v: BROKER_PROTOCOL_VERSION, id, type: 'forgotten' });
      return;
    }
    let role: RoleRef;
    let interactive: boolean;
    try {
      const asked = await roleAsked(request.op, request.body);
      if (!asked) {
        send({ v: BROKER_PROTOCOL_VERSION, id, type: 'error', error: { code: 'broker-bad-request', message: 'Unknown operation or bad arguments.' } });
        return;
      }
      ({ role, interactive } = asked);
    } catch (error) {
      // The profile is unknown, not Rolecall's, or the config cannot be read: the caller
      // reports it the way the CLI does.
      send({ v: BROKER_PROTOCOL_VERSION, id, type: 'error', error: toWireError(error, logger) });
      return;
    }
    const key = wireRoleKey(role);
    const cached = memory.get(key);
    if (!cached || cached.expiration - options.clock.now() <= marginMs) {
      send({ v: BROKER_PROTOCOL_VERSION, id, type: 'pending', reason: 'fetching' });
    }
    try {
      const credentials = await credentialsFor(role, interactive, () =>
        send({ v: BROKER_PROTOCOL_VERSION, id, type: 'pending', reason: 'signing-in', instanceId: role.instanceId }),
      );
      send({ v: BROKER_PROTOCOL_VERSION, id, type: 'credentials', credentials });
    } catch (error) {
      send({ v: BROKER_PROTOCOL_VERSION, id, type: 'error', error: toWireError(error, logger) });
    }
  };

  /** The role a credentials request is about (by role, or by profile and config file); undefined when malformed. */
  const roleAsked = async (op: string, body: Record<string, unknown>): Promise<{ role: RoleRef; interactive: boolean } | undefined> => {
    if (typeof body.interactive !== 'boolean') return undefined;
    if (op === 'credentials') return isWireRoleRef(body.role) ? { role: body.role, interactive: body.interactive } : undefined;
    if (op !== 'profile-credentials') return undefined;
    const { profile, configFile } = body;
    if (typeof profile !== 'string' || profile === '' || profile.length > MAX_PROFILE_CHARS) return undefined;
    if (typeof configFile !== 'string' || !isAbsolute(configFile) || configFile.length > MAX_PATH_CHARS || configFile.includes('\0')) return undefined;
    return { role: (await profiles.resolve(configFile, profile)).role, interactive: body.interactive };
  };

  const connections = new Set<Socket>();
  server.on('connection', (socket) => {
    connections.add(socket);
    socket.on('close', () => connections.delete(socket));
    let buffered = '';
    let busy = 0;
    socket.setEncoding('utf8');
    socket.setTimeout(options.idleTimeoutMs ?? 30_000, () => {
      if (busy === 0) socket.destroy();
    });
    const send = (answer: BrokerAnswer) => {
      if (!socket.destroyed && socket.writable) socket.write(`${JSON.stringify(answer)}\n`);
    };
    socket.on('error', (error: NodeJS.ErrnoException) => logger.debug('broker connection error', { errorCode: error.code }));
    socket.on('data', (chunk: string) => {
      buffered += chunk;
      let newline: number;
      while ((newline = buffered.indexOf('\n')) >= 0) {
        const line = buffered.slice(0, newline);
        buffered = buffered.slice(newline + 1);
        busy += 1;
        void handleLine(line, send, socket).finally(() => (busy -= 1));
      }
      if (buffered.length > MAX_LINE_BYTES) socket.destroy();
    });
  });

  let closed = false;
  return {
    socket: paths.socket,
    forget,
    async close() {
      if (closed) return;
      closed = true;
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Callers still connected fall back to doing the work themselves.
        for (const socket of connections) socket.destroy();
      });
      try {
        if ((await readFile(paths.secretFile, 'utf8')).trim() === secret) await rm(paths.secretFile, { force: true });
      } catch (error) {
        logger.debug('broker secret file already gone', { errorCode: (error as NodeJS.ErrnoException).code });
      }
      if (process.platform !== 'win32') await rm(paths.socket, { force: true });
      logger.info('broker stopped');
    },
  };
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}

function toWireError(error: unknown, logger: Logger): BrokerErrorBody {
  if (isRolecallError(error)) return error.toJSON();
  logger.error('broker request failed', { errorName: error instanceof Error ? error.name : typeof error });
  return { code: 'broker-internal', message: 'The Rolecall broker failed to get credentials.', hint: 'See the Rolecall log; retry, or stop the app or daemon to work without it.' };
}

/** Creates the folder 0700, or checks an existing one is ours and tightens its mode. */
async function preparePrivateDir(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  if (process.platform === 'win32') return;
  const info = await lstat(dir);
  const uid = typeof process.getuid === 'function' ? process.getuid() : info.uid;
  if (!info.isDirectory() || info.uid !== uid) throw new BrokerFolderUnsafeError(dir);
  if ((info.mode & 0o077) !== 0) await chmod(dir, 0o700);
}

/** A socket file whose server is gone is removed; a live broker is an error. */
async function clearStaleSocket(paths: BrokerPaths): Promise<void> {
  if (process.platform === 'win32' || !existsSync(paths.socket)) return;
  const alive = await new Promise<boolean>((resolve) => {
    const probe = createConnection(paths.socket);
    probe.once('connect', () => {
      probe.destroy();
      resolve(true);
    });
    probe.once('error', () => resolve(false));
  });
  if (alive) {
    const hello = await helloBroker(paths, { answerTimeoutMs: 1000 });
    throw new BrokerAlreadyRunningError(hello.kind === 'answered' ? hello.value.pid : undefined);
  }
  await rm(paths.socket, { force: true });
}

function listen(server: Server, socket: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) => {
      server.off('listening', onListening);
      reject(error.code === 'EADDRINUSE' ? new BrokerAlreadyRunningError(undefined) : error);
    };
    const onListening = () => {
      server.off('error', onError);
      resolve();
    };
    server.once('error', onError);
    server.once('listening', onListening);
    // Created 0600 from the start where the umask allows; chmod'ed right after as well.
    const previous = process.platform === 'win32' ? undefined : process.umask(0o177);
    try {
      server.listen(socket);
    } finally {
      if (previous !== undefined) process.umask(previous);
    }
  });
}
