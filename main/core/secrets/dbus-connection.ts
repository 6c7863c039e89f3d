import { connect, type Socket } from 'node:net';
import type { BusAddress } from './dbus-address';
import { bodyValues, Cursor, DbusConnectionError, encodeCall, ERROR, METHOD_RETURN, takeMessage, type DbusMethodCall, type DbusReply, type Message } from './dbus-wire';

/**
 * Just enough of the D-Bus wire protocol to ask the session bus a question with a deadline.
 *
 * Why not the keyring library itself: on Linux it connects to D-Bus synchronously, on the
 * main thread, with no timeout, so a bus that accepts the connection and never answers (a
 * wedged daemon after suspend) freezes the whole process. Asking first, asynchronously and
 * with a deadline, turns that into an error the user can act on.
 */

export { sessionBusAddress, type BusAddress } from './dbus-address';
export { DbusConnectionError, type DbusArg, type DbusMethodCall, type DbusReply, type DbusValue } from './dbus-wire';

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

class SocketReader {
  private buffer: Buffer = Buffer.alloc(0);
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
      const taken = takeMessage(this.buffer);
      if (taken) {
        this.buffer = taken.rest;
        return taken.message;
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
        const values = bodyValues(message);
        return { ok: true, signature: message.signature, value: values[0], values };
      }
    }
  }
}
