/** The D-Bus message format (little endian), for the few calls the keychain probe makes. */

/** An argument of a method call, with its D-Bus type. */
export type DbusArg =
  | { type: 's' | 'o' | 'g'; value: string }
  | { type: 'b'; value: boolean }
  | { type: 'u'; value: number }
  | { type: 'ay'; value: Uint8Array }
  | { type: 'ao'; value: string[] }
  /** A string-to-string dictionary, as Secret Service attributes are. */
  | { type: 'a{ss}'; value: Record<string, string> }
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

export const METHOD_CALL = 1;
export const METHOD_RETURN = 2;
export const ERROR = 3;

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
    case 'a{ss}': {
      out.uint32(0);
      const lengthAt = out.length - 4;
      // The array's length excludes the padding before its first entry.
      out.align(8);
      const start = out.length;
      for (const [key, value] of Object.entries(arg.value)) {
        out.align(8);
        out.string(key);
        out.string(value);
      }
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

export function encodeCall(serial: number, call: DbusMethodCall): Buffer {
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

export class Cursor {
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

export interface Message {
  type: number;
  replySerial: number | undefined;
  errorName: string | undefined;
  signature: string;
  body: Buffer;
}

export function parseMessage(frame: Buffer, fieldsLength: number, headerEnd: number): Message {
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

/**
 * The first whole message at the start of `buffer` and the bytes after it; undefined until all
 * of it has arrived.
 */
export function takeMessage(buffer: Buffer): { message: Message; rest: Buffer } | undefined {
  if (buffer.length < 16) return undefined;
  if (buffer[0] !== 0x6c) throw new DbusConnectionError('call', 'the session bus answered in big-endian, which this client does not read');
  const fieldsLength = buffer.readUInt32LE(12);
  const headerEnd = Math.ceil((16 + fieldsLength) / 8) * 8;
  const total = headerEnd + buffer.readUInt32LE(4);
  if (buffer.length < total) return undefined;
  return { message: parseMessage(buffer.subarray(0, total), fieldsLength, headerEnd), rest: buffer.subarray(total) };
}

/** The values in a message's body, one per complete type of its signature. */
export function bodyValues(message: Message): DbusValue[] {
  const cursor = new Cursor(message.body);
  return splitSignature(message.signature).map((type) => cursor.value(type));
}
