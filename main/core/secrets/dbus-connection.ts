import { connect, type Socket } from 'node:net';
import { join } from 'node:path';

/**
 * Just enough of the D-Bus wire protocol to ask the session bus a question with a deadline.
 *
 * Why not the keyring library itself: on Linux it connects to D-Bus synchronously, on the
 * main thread, with no timeout, so a bus that accepts the connection and never answers (a
 * wedged daemon after suspend) freezes the whole process. Asking first, asynchronously and
 * with a deadline, turns that into an error the user can act on.
 */

/** Where the session bus listens, from DBUS_SESSION_BUS_ADDRESS or the systemd default. */
export type BusAddress = { kind: 'path'; path: string } | { kind: 'tcp'; host: string; port: number };

/** The first address in `DBUS_SESSION_BUS_ADDRESS` this client can use, or undefined. */
export function sessionBusAddress(env: NodeJS.ProcessEnv): BusAddress | undefined {
  const raw = env.DBUS_SESSION_BUS_ADDRESS;
  if (raw === undefined || raw === '') {
    const runtime = env.XDG_RUNTIME_DIR && env.XDG_RUNTIME_DIR !== '' ? env.XDG_RUNTIME_DIR : `/run/user/${process.getuid?.() ?? 0}`;
    return { kind: 'path', path: join(runtime, 'bus') };
  }
  for (const entry of raw.split(';')) {
    const colon = entry.indexOf(':');
    if (colon < 0) continue;
    const transport = entry.slice(0, colon);
    const params = new Map<string, string>();
    for (const pair of entry.slice(colon + 1).split(',')) {
      const eq = pair.indexOf('=');
      if (eq > 0) params.set(pair.slice(0, eq), unescapeValue(pair.slice(eq + 1)));
    }
    if (transport === 'unix') {
      const path = params.get('path');
      if (path !== undefined) return { kind: 'path', path };
      const abstract = params.get('abstract');
      if (abstract !== undefined) return { kind: 'path', path: `\0${abstract}` };
    } else if (transport === 'tcp') {
      const port = Number(params.get('port'));
      if (Number.isInteger(port) && port > 0) return { kind: 'tcp', host: params.get('host') ?? '127.0.0.1', port };
    }
  }
  return undefined;
}

function unescapeValue(value: string): string {
  return value.replace(/%([0-9a-fA-F]{2})/g, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));
}

/** An argument of a method call, with its D-Bus type. */
export type DbusArg =
  | { type: 's' | 'o' | 'g'; value: string }
  | { type: 'b'; value: boolean }
  | { type: 'u'; value: number }
  | { type: 'ay'; value: Uint8Array }
  | { type: 'ao'; value: string[] }
  | { type: 'v'; value: DbusArg }
  | { type: 'struct'; value: DbusArg[] };

export interface DbusMethodCall {
  destination: string;
  path: string;
  interface: string;
  member: string;
  args?: DbusArg[];
}

/** The answer: a D-Bus error name, or the reply's body decoded when it is one simple value. */
export type DbusReply = { ok: true; signature: string; value: DbusValue; values: DbusValue[] } | { ok: false; errorName: string; message: string };
export type DbusValue = string | number | boolean | bigint | DbusValue[] | undefined;

/** The bus could not be reached or did not finish the conversation. */
export class DbusConnectionError extends Error {
  constructor(
    readonly stage: 'connect' | 'auth' | 'call',
    message: string,
    options: { cause?: unknown } = {},
  ) {
    super(message, options);
  }
}

/**
 * One authenticated connection to a bus. Every wait is bounded by the `signal` given to
 * `open`: aborting it destroys the socket and fails whatever is pending.
 */
export class DbusConnection {
  private serial = 1;

  private constructor(
    private readonly socket: Socket,
    private readonly reader: SocketReader,
  ) {}

  static async open(address: BusAddress, signal: AbortSignal): Promise<DbusConnection> {
    const socket = address.kind === 'path' ? connect({ path: address.path }) : connect({ host: address.host, port: address.port });
    const reader = new SocketReader(socket);
    const onAbort = () => socket.destroy(new DbusConnectionError('call', 'the session bus did not answer in time'));
    if (signal.aborted) onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    socket.once('close', () => signal.removeEventListener('abort', onAbort));
    try {
      await new Promise<void>((resolve, reject) => {
        socket.once('connect', resolve);
        socket.once('error', (error) => reject(error instanceof DbusConnectionError ? error : new DbusConnectionError('connect', error.message, { cause: error })));
      });
      const uid = String(process.getuid?.() ?? 0);
      socket.write(`\0AUTH EXTERNAL ${Buffer.from(uid).toString('hex')}\r\n`);
      const auth = await reader.line();
      if (!auth.startsWith('OK ')) throw new DbusConnectionError('auth', `the session bus refused authentication (${auth.split(' ')[0] ?? ''})`);
      socket.write('BEGIN\r\n');
      const connection = new DbusConnection(socket, reader);
      await connection.call({ destination: 'org.freedesktop.DBus', path: '/org/freedesktop/DBus', interface: 'org.freedesktop.DBus', member: 'Hello' });
      return connection;
    } catch (error) {
      socket.destroy();
      throw error;
    }
  }

  /** Makes a method call and waits for its reply (or error). */
  async call(call: DbusMethodCall): Promise<DbusReply> {
    const serial = this.serial++;
    this.socket.write(encodeCall(serial, call));
    return this.reader.reply(serial);
  }

  close(): void {
    this.socket.destroy();
  }
}

/** Connects, makes one call, disconnects. Rejects with DbusConnectionError on any transport failure. */
export async function callBus(address: BusAddress, call: DbusMethodCall, signal: AbortSignal): Promise<DbusReply> {
  const connection = await DbusConnection.open(address, signal);
  try {
    return await connection.call(call);
  } finally {
    connection.close();
  }
}

// ---- wire format (little endian) ----

const METHOD_CALL = 1;
const METHOD_RETURN = 2;
const ERROR = 3;

class Writer {
  private bytes: number[] = [];

  get length(): number {
    return this.bytes.length;
  }
  align(n: number): void {
    while (this.bytes.length % n !== 0) this.bytes.push(0);
  }
  byte(value: number): void {
    this.bytes.push(value & 0xff);
  }
  uint32(value: number): void {
    this.align(4);
    this.bytes.push(value & 0xff, (value >>> 8) & 0xff, (value >>> 16) & 0xff, (value >>> 24) & 0xff);
  }
  setUint32(at: number, value: number): void {
    this.bytes[at] = value & 0xff;
    this.bytes[at + 1] = (value >>> 8) & 0xff;
    this.bytes[at + 2] = (value >>> 16) & 0xff;
    this.bytes[at + 3] = (value >>> 24) & 0xff;
  }
  string(value: string): void {
    const encoded = Buffer.from(value, 'utf8');
    this.uint32(encoded.length);
    this.bytes.push(...encoded, 0);
  }
  signature(value: string): void {
    this.byte(value.length);
    this.bytes.push(...Buffer.from(value, 'ascii'), 0);
  }
  raw(value: Uint8Array): void {
    this.bytes.push(...value);
  }
  toBuffer(): Buffer {
    return Buffer.from(this.bytes);
  }
}

function signatureOf(arg: DbusArg): string {
  if (arg.type === 'struct') return `(${arg.value.map(signatureOf).join('')})`;
  return arg.type;
}

function marshal(out: Writer, arg: DbusArg): void {
  switch (arg.type) {
    case 's':
    case 'o':
      out.string(arg.value);
      return;
    case 'g':
      out.signature(arg.value);
      return;
    case 'b':
      out.uint32(arg.value ? 1 : 0);
      return;
    case 'u':
      out.uint32(arg.value);
      return;
    case 'ay':
      out.uint32(arg.value.length);
      out.raw(arg.value);
      return;
    case 'ao': {
      out.uint32(0);
      const lengthAt = out.length - 4;
      const start = out.length;
      for (const path of arg.value) out.string(path);
      out.setUint32(lengthAt, out.length - start);
      return;
    }
    case 'v':
      out.signature(signatureOf(arg.value));
      marshal(out, arg.value);
      return;
    case 'struct':
      out.align(8);
      for (const member of arg.value) marshal(out, member);
      return;
  }
}

function encodeCall(serial: number, call: DbusMethodCall): Buffer {
  const body = new Writer();
  for (const arg of call.args ?? []) marshal(body, arg);
  const out = new Writer();
  out.byte(0x6c); // 'l'
  out.byte(METHOD_CALL);
  out.byte(0);
  out.byte(1);
  out.uint32(body.length);
  out.uint32(serial);
  const fieldsLengthAt = out.length;
  out.uint32(0);
  out.align(8);
  const fieldsStart = out.length;
  const field = (code: number, type: string, write: () => void) => {
    out.align(8);
    out.byte(code);
    out.signature(type);
    write();
  };
  field(1, 'o', () => out.string(call.path));
  field(2, 's', () => out.string(call.interface));
  field(3, 's', () => out.string(call.member));
  field(6, 's', () => out.string(call.destination));
  if (call.args && call.args.length > 0) field(8, 'g', () => out.signature((call.args ?? []).map(signatureOf).join('')));
  out.setUint32(fieldsLengthAt, out.length - fieldsStart);
  out.align(8);
  return Buffer.concat([out.toBuffer(), body.toBuffer()]);
}

class Cursor {
  constructor(
    private readonly buf: Buffer,
    public pos = 0,
  ) {}
  align(n: number): void {
    this.pos = Math.ceil(this.pos / n) * n;
  }
  byte(): number {
    return this.buf.readUInt8(this.pos++);
  }
  uint32(): number {
    this.align(4);
    const value = this.buf.readUInt32LE(this.pos);
    this.pos += 4;
    return value;
  }
  string(): string {
    const length = this.uint32();
    const value = this.buf.toString('utf8', this.pos, this.pos + length);
    this.pos += length + 1;
    return value;
  }
  signature(): string {
    const length = this.byte();
    const value = this.buf.toString('ascii', this.pos, this.pos + length);
    this.pos += length + 1;
    return value;
  }
  /** Reads one value of a single complete type. */
  value(type: string): DbusValue {
    const code = type[0];
    this.align(alignOf(code));
    switch (code) {
      case 'y':
        return this.byte();
      case 'b':
        return this.uint32() !== 0;
      case 'n':
      case 'q': {
        const value = code === 'n' ? this.buf.readInt16LE(this.pos) : this.buf.readUInt16LE(this.pos);
        this.pos += 2;
        return value;
      }
      case 'u':
      case 'h':
        return this.uint32();
      case 'i':
        return this.uint32() | 0;
      case 'x':
      case 't': {
        const value = code === 'x' ? this.buf.readBigInt64LE(this.pos) : this.buf.readBigUInt64LE(this.pos);
        this.pos += 8;
        return value;
      }
      case 'd': {
        const value = this.buf.readDoubleLE(this.pos);
        this.pos += 8;
        return value;
      }
      case 's':
      case 'o':
        return this.string();
      case 'g':
        return this.signature();
      case 'v':
        return this.value(this.signature());
      case '(':
      case '{':
        return splitSignature(type.slice(1, -1)).map((member) => this.value(member));
      case 'a': {
        const length = this.uint32();
        const element = type.slice(1);
        this.align(alignOf(element[0]));
        const end = this.pos + length;
        const items: DbusValue[] = [];
        while (this.pos < end) items.push(this.value(element));
        return items;
      }
      default:
        throw new DbusConnectionError('call', `unsupported D-Bus type ${type}`);
    }
  }
}

function alignOf(code: string | undefined): number {
  if (code === 'n' || code === 'q') return 2;
  if (code === 'x' || code === 't' || code === 'd' || code === '(' || code === '{') return 8;
  if (code === 'y' || code === 'g' || code === 'v') return 1;
  return 4;
}

/** Splits a signature into its complete types (`a{sv}o` → `a{sv}`, `o`). */
export function splitSignature(signature: string): string[] {
  const types: string[] = [];
  let i = 0;
  while (i < signature.length) {
    const start = i;
    while (signature[i] === 'a') i += 1;
    const open = signature[i];
    if (open === '(' || open === '{') {
      let depth = 0;
      do {
        if (signature[i] === '(' || signature[i] === '{') depth += 1;
        if (signature[i] === ')' || signature[i] === '}') depth -= 1;
        i += 1;
      } while (depth > 0 && i < signature.length);
    } else {
      i += 1;
    }
    types.push(signature.slice(start, i));
  }
  return types;
}

interface Message {
  type: number;
  replySerial: number | undefined;
  errorName: string | undefined;
  signature: string;
  body: Buffer;
}

class SocketReader {
  private buffer = Buffer.alloc(0);
  private waiter: (() => void) | undefined;
  private failure: Error | undefined;

  constructor(socket: Socket) {
    socket.on('data', (chunk: Buffer) => {
      this.buffer = Buffer.concat([this.buffer, chunk]);
      this.wake();
    });
    socket.on('error', (error) => {
      this.failure = error instanceof DbusConnectionError ? error : new DbusConnectionError('call', error.message, { cause: error });
      this.wake();
    });
    socket.on('close', () => {
      this.failure ??= new DbusConnectionError('call', 'the session bus closed the connection');
      this.wake();
    });
  }

  private wake(): void {
    const waiter = this.waiter;
    this.waiter = undefined;
    waiter?.();
  }

  private async more(): Promise<void> {
    if (this.failure) throw this.failure;
    await new Promise<void>((resolve) => (this.waiter = resolve));
  }

  async line(): Promise<string> {
    for (;;) {
      const end = this.buffer.indexOf('\r\n');
      if (end >= 0) {
        const line = this.buffer.toString('ascii', 0, end);
        this.buffer = this.buffer.subarray(end + 2);
        return line;
      }
      await this.more();
    }
  }

  private async message(): Promise<Message> {
    for (;;) {
      if (this.buffer.length >= 16) {
        if (this.buffer[0] !== 0x6c) throw new DbusConnectionError('call', 'the session bus answered in big-endian, which this client does not read');
        const bodyLength = this.buffer.readUInt32LE(4);
        const fieldsLength = this.buffer.readUInt32LE(12);
        const headerEnd = Math.ceil((16 + fieldsLength) / 8) * 8;
        const total = headerEnd + bodyLength;
        if (this.buffer.length >= total) {
          const frame = this.buffer.subarray(0, total);
          this.buffer = this.buffer.subarray(total);
          return parseMessage(frame, fieldsLength, headerEnd);
        }
      }
      await this.more();
    }
  }

  /** The reply to `serial`, skipping signals and anything else the bus sends meanwhile. */
  async reply(serial: number): Promise<DbusReply> {
    for (;;) {
      const message = await this.message();
      if (message.replySerial !== serial) continue;
      if (message.type === ERROR) {
        const text = message.signature.startsWith('s') ? new Cursor(message.body).string() : '';
        return { ok: false, errorName: message.errorName ?? 'unknown', message: text };
      }
      if (message.type === METHOD_RETURN) {
        const cursor = new Cursor(message.body);
        const values = splitSignature(message.signature).map((type) => cursor.value(type));
        return { ok: true, signature: message.signature, value: values[0], values };
      }
    }
  }
}

function parseMessage(frame: Buffer, fieldsLength: number, headerEnd: number): Message {
  const cursor = new Cursor(frame, 16);
  const end = 16 + fieldsLength;
  let replySerial: number | undefined;
  let errorName: string | undefined;
  let signature = '';
  while (cursor.pos < end) {
    cursor.align(8);
    const code = cursor.byte();
    const value = cursor.value('v');
    if (code === 4 && typeof value === 'string') errorName = value;
    if (code === 5 && typeof value === 'number') replySerial = value;
    if (code === 8 && typeof value === 'string') signature = value;
  }
  return { type: frame.readUInt8(1), replySerial, errorName, signature, body: frame.subarray(headerEnd) };
}
