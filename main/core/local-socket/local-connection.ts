/**
 * A client connection to a local stream socket (a Unix domain socket; a named pipe or TCP
 * through `net`), made for the credential_process fast path, where Node's own start-up is
 * most of the cost of a call and every millisecond on top shows.
 *
 * `net.Socket` is a full stream: loading `net` and its stream modules and running their code
 * for the first time costs about 3 ms per process, more than the round trip it serves. On
 * POSIX this module talks to the same libuv pipe handle `net` uses, through Node's
 * `pipe_wrap` and `stream_wrap` bindings, which `process.binding` keeps available for code
 * like this (both have been on its allow list since the list was made, in Node 11, and still are
 * in Node's current source). That takes about 0.3 ms; the calls are the ones `net` makes. The bindings are not a documented API, so their shape is checked
 * before use, and `net` is used instead when anything is missing or different, on Windows,
 * and when pending deprecations are on (where `process.binding` would print a warning).
 *
 * The connection has two callbacks that can be replaced at any time, so that one part of the
 * code can start a conversation and another take it over.
 */

/** Where to connect: a socket path (`\0name` for a Linux abstract socket), or a TCP port. */
export type LocalTarget = { path: string } | { host: string; port: number };

export interface LocalConnection {
  /** Receives each chunk as it arrives. */
  onData: (chunk: Buffer) => void;
  /**
   * Called once when the connection fails (`error`) or the other side closes it (undefined);
   * never after `destroy`.
   */
  onEnd: (error: Error | undefined) => void;
  /** Sends bytes; before the connection is up they are queued. */
  write(bytes: Uint8Array | string): void;
  /** Closes the connection; no callback follows. */
  destroy(): void;
}

/** Which implementation `connectLocal` used: for tests and diagnostics. */
export type LocalConnectionKind = 'pipe-handle' | 'net';

/** Connects to `target`; callbacks fire from the event loop only, never before this returns. */
export function connectLocal(target: LocalTarget, env: NodeJS.ProcessEnv = process.env): LocalConnection & { readonly kind: LocalConnectionKind } {
  if ('path' in target) {
    const bindings = pipeBindings(env);
    const connection = bindings && pipeHandleConnection(bindings, target.path);
    if (connection) return connection;
  }
  return netConnection(target);
}

interface ConnectRequest {
  oncomplete: (status: number) => void;
}

interface WriteRequest {
  handle: unknown;
  oncomplete: (status: number) => void;
}

interface PipeHandle {
  onread: (arrayBuffer: ArrayBuffer | undefined) => void;
  connect(request: ConnectRequest, path: string): number;
  readStart(): number;
  writeBuffer(request: WriteRequest, bytes: Uint8Array): number;
  close(): void;
}

interface PipeBindings {
  Pipe: new (type: number) => PipeHandle;
  PipeConnectWrap: new () => ConnectRequest;
  WriteWrap: new () => WriteRequest;
  socketType: number;
  /** Written by the native side before each read callback and after each write. */
  state: Int32Array;
  readBytesOrError: number;
  arrayBufferOffset: number;
  lastWriteWasAsync: number;
}

let cachedBindings: PipeBindings | null | undefined;

/** The pipe bindings when they can be used here and have the expected shape; else undefined. */
function pipeBindings(env: NodeJS.ProcessEnv): PipeBindings | undefined {
  if (process.platform === 'win32' || pendingDeprecation(env)) return undefined;
  if (cachedBindings === undefined) cachedBindings = loadPipeBindings() ?? null;
  return cachedBindings ?? undefined;
}

function pendingDeprecation(env: NodeJS.ProcessEnv): boolean {
  return env.NODE_PENDING_DEPRECATION === '1' || [...process.execArgv, env.NODE_OPTIONS ?? ''].some((arg) => arg.includes('--pending-deprecation'));
}

function loadPipeBindings(): PipeBindings | undefined {
  try {
    const binding = (process as unknown as { binding?: (name: string) => Record<string, unknown> }).binding;
    if (typeof binding !== 'function') return undefined;
    const pipe = binding.call(process, 'pipe_wrap');
    const stream = binding.call(process, 'stream_wrap');
    const { Pipe, PipeConnectWrap, constants } = pipe;
    const { WriteWrap, streamBaseState, kReadBytesOrError, kArrayBufferOffset, kLastWriteWasAsync } = stream;
    const socketType = (constants as { SOCKET?: unknown } | undefined)?.SOCKET;
    const methods = ['connect', 'readStart', 'writeBuffer', 'close'];
    if (
      typeof Pipe !== 'function' ||
      typeof PipeConnectWrap !== 'function' ||
      typeof WriteWrap !== 'function' ||
      !methods.every((name) => typeof (Pipe.prototype as Record<string, unknown>)[name] === 'function') ||
      typeof socketType !== 'number' ||
      !(streamBaseState instanceof Int32Array) ||
      ![kReadBytesOrError, kArrayBufferOffset, kLastWriteWasAsync].every((index) => Number.isInteger(index) && (index as number) >= 0 && (index as number) < streamBaseState.length)
    ) {
      return undefined;
    }
    return {
      Pipe: Pipe as PipeBindings['Pipe'],
      PipeConnectWrap: PipeConnectWrap as PipeBindings['PipeConnectWrap'],
      WriteWrap: WriteWrap as PipeBindings['WriteWrap'],
      socketType,
      state: streamBaseState,
      readBytesOrError: kReadBytesOrError as number,
      arrayBufferOffset: kArrayBufferOffset as number,
      lastWriteWasAsync: kLastWriteWasAsync as number,
    };
  } catch {
    // process.binding refused (a permission model, an embedder): `net` does the work.
    return undefined;
  }
}

/** A connection over a bare pipe handle; undefined when the handle cannot even be made. */
function pipeHandleConnection(bindings: PipeBindings, path: string): (LocalConnection & { kind: 'pipe-handle' }) | undefined {
  let handle: PipeHandle;
  try {
    handle = new bindings.Pipe(bindings.socketType);
  } catch {
    return undefined;
  }
  let phase: 'connecting' | 'open' | 'ended' = 'connecting';
  let queued: Uint8Array[] = [];
  // A write the native side finishes later reads from `bytes` until then: both stay referenced.
  const inFlight = new Map<WriteRequest, Uint8Array>();

  const connection: LocalConnection & { kind: 'pipe-handle' } = {
    kind: 'pipe-handle',
    onData: () => undefined,
    onEnd: () => undefined,
    write(bytes) {
      const data = typeof bytes === 'string' ? Buffer.from(bytes) : bytes;
      if (phase === 'connecting') queued.push(data);
      else if (phase === 'open') send(data);
    },
    destroy: close,
  };

  function close(): void {
    if (phase === 'ended') return;
    phase = 'ended';
    queued = [];
    // `onread` stays set: the native side accepts only a function there (and aborts otherwise);
    // the phase check in it ignores anything that arrives now.
    handle.close();
  }

  function end(error: Error | undefined): void {
    if (phase === 'ended') return;
    close();
    connection.onEnd(error);
  }

  function send(data: Uint8Array): void {
    const request = new bindings.WriteWrap();
    request.handle = handle;
    request.oncomplete = (status) => {
      inFlight.delete(request);
      if (status < 0) end(systemError('write', status, path));
    };
    const status = handle.writeBuffer(request, data);
    if (status < 0) return end(systemError('write', status, path));
    if (bindings.state[bindings.lastWriteWasAsync] !== 0) inFlight.set(request, data);
  }

  handle.onread = (arrayBuffer) => {
    if (phase !== 'open') return;
    const read = bindings.state[bindings.readBytesOrError] ?? 0;
    if (read > 0 && arrayBuffer) connection.onData(Buffer.from(arrayBuffer, bindings.state[bindings.arrayBufferOffset], read));
    else if (read < 0) end(read === UV_EOF ? undefined : systemError('read', read, path));
  };

  const request = new bindings.PipeConnectWrap();
  request.oncomplete = (status) => {
    if (phase !== 'connecting') return;
    if (status < 0) return end(systemError('connect', status, path));
    phase = 'open';
    const reading = handle.readStart();
    if (reading < 0) return end(systemError('read', reading, path));
    const pending = queued;
    queued = [];
    if (pending.length > 0) send(pending.length === 1 ? (pending[0] as Uint8Array) : Buffer.concat(pending));
  };
  const status = handle.connect(request, path);
  if (status < 0) queueMicrotask(() => end(systemError('connect', status, path)));
  return connection;
}

/** libuv's end-of-stream code (the same on every platform). */
const UV_EOF = -4095;

function systemError(syscall: string, status: number, path: string): Error {
  const { getSystemErrorName } = process.getBuiltinModule('node:util');
  let code: string;
  try {
    code = getSystemErrorName(status);
  } catch {
    code = `error ${status}`;
  }
  // The shape of net's errors: `connect ENOENT /path`, with `code` and `syscall`.
  return Object.assign(new Error(`${syscall} ${code} ${path.replace(/\0/g, '@')}`), { code, syscall, errno: status });
}

function netConnection(target: LocalTarget): LocalConnection & { kind: 'net' } {
  const { createConnection } = process.getBuiltinModule('node:net');
  const socket = 'path' in target ? createConnection({ path: target.path }) : createConnection({ host: target.host, port: target.port });
  let ended = false;
  const connection: LocalConnection & { kind: 'net' } = {
    kind: 'net',
    onData: () => undefined,
    onEnd: () => undefined,
    write(bytes) {
      if (!ended) socket.write(bytes);
    },
    destroy() {
      ended = true;
      socket.destroy();
    },
  };
  const finish = (error: Error | undefined) => {
    if (ended) return;
    ended = true;
    socket.destroy();
    connection.onEnd(error);
  };
  socket.on('data', (chunk: Buffer) => connection.onData(chunk));
  socket.on('error', (error) => finish(error));
  socket.on('close', () => finish(undefined));
  return connection;
}
