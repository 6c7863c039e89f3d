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

/** A method call with string arguments only (all this client needs). */
export interface DbusMethodCall {
  destination: string;
  path: string;
  interface: string;
  member: string;
  args?: string[];
}

/** The answer: a D-Bus error name, or the reply's body decoded when it is one simple value. */
export type DbusReply = { ok: true; signature: string; value: DbusValue } | { ok: false; errorName: string; message: string };
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
 * Connects to the bus at `address`, authenticates, says Hello and makes `call`. Rejects with
 * DbusConnectionError on any transport failure; the caller bounds it with `signal`.
 */
export async function callBus(address: BusAddress, call: DbusMethodCall, signal: AbortSignal): Promise<DbusReply> {
  const socket = address.kind === 'path' ? connect({ path: address.path }) : connect({ host: address.host, port: address.port });
  const reader = new SocketReader(socket);
  const onAbort = () => socket.destroy(new DbusConnectionError('call', 'the session bus did not answer in time'));
  signal.addEventListener('abort', onAbort, { once: true });
  try {
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', resolve);
      socket.once('error', (error) => reject(new DbusConnectionError('connect', error.message, { cause: error })));
    });
    const uid = String(process.getuid?.() ?? 0);
    socket.write(`\0AUTH EXTERNAL ${Buffer.from(uid).toString('hex')}\r\n`);
    const auth = await reader.line();
    if (!auth.startsWith('OK ')) throw new DbusConnectionError('auth', `the session bus refused authentication (${auth.split(' ')[0] ?? ''})`);
    socket.write('BEGIN\r\n');
    let serial = 1;
    socket.write(encodeCall(serial, { destination: 'org.freedesktop.DBus', path: '/org/freedesktop/DBus', interface: 'org.freedesktop.DBus', member: 'Hello' }));
    await reader.reply(serial);
    serial += 1;
    socket.write(encodeCall(serial, call));
    return await reader.reply(serial);
  } finally {
    signal.removeEventListener('abort', onAbort);
    socket.destroy();
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
  toBuffer(): Buffer {
    return Buffer.from(this.bytes);
  }
}

function encodeCall(serial: number, call: DbusMethodCall): Buffer {
  const body = new Writer();
  for (const arg of call.args ?? []) body.string(arg);
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
  if (call.args && call.args.length > 0) field(8, 'g', () => out.signature('s'.repeat(call.args?.length ?? 0)));
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
  /** Reads one value of a single complete type; containers other than variants and arrays of basics are skipped as undefined. */
  value(type: string): DbusValue {
    switch (type[0]) {
      case 'y':
        return this.byte();
      case 'b':
        return this.uint32() !== 0;
      case 'u':
        return this.uint32();
      case 'i': {
        const value = this.uint32();
        return value | 0;
      }
      case 's':
      case 'o':
        return this.string();
      case 'g':
        return this.signature();
      case 'v':
        return this.value(this.signature());
      case 'a': {
        const length = this.uint32();
        const element = type.slice(1);
        const alignment = element[0] === '(' || element[0] === '{' || element[0] === 't' || element[0] === 'x' || element[0] === 'd' ? 8 : element[0] === 'y' || element[0] === 'g' || element[0] === 'v' ? 1 : 4;
        this.align(alignment);
        const end = this.pos + length;
        if (!/^[bsouig]$/.test(element)) {
          this.pos = end;
          return undefined;
        }
        const items: DbusValue[] = [];
        while (this.pos < end) items.push(this.value(element));
        return items;
      }
      default:
        throw new DbusConnectionError('call', `unsupported D-Bus type ${type}`);
    }
  }
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
        const value = message.signature.length > 0 ? new Cursor(message.body).value(message.signature) : undefined;
        return { ok: true, signature: message.signature, value };
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
