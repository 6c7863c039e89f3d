/**
 * One read from the Secret Service (gnome-keyring, KeePassXC, KWallet) over the session bus,
 * in as few round trips as the protocol allows: for credential_process, whose every call is a
 * fresh process and whose cost is mostly waiting.
 *
 * `startSecretServiceHandshake` sends everything that does not depend on the item at once
 * (authentication, `Hello`, `OpenSession`); the caller works out which item it wants meanwhile.
 * `read` then costs two round trips: `SearchItems`, `GetSecrets`.
 *
 * The session is "plain": the secret crosses the bus unencrypted, as the Secret Service
 * specification allows. Only this user's processes can connect to the session bus, and any of
 * them could ask the Secret Service for the same item; the alternative (a Diffie-Hellman
 * exchange) costs more than the whole read. Only cached role credentials, which live hours at
 * most, are read this way; the SSO tokens go through the keyring library.
 *
 * The reader answers only the plain case: the one unlocked item carrying exactly these
 * attributes, or none. A locked item, several matching items, a refused session or a bus that
 * does not answer in time reject, and the caller falls back to the keyring library, whose
 * errors the rest of Rolecall knows how to explain.
 */
import type { LocalConnection } from '../local-socket/local-connection';
import { HELLO_SERIAL, OPEN_SESSION_SERIAL, type SecretServiceHandshake } from './secret-service-handshake';
import { bodyValues, DbusConnectionError, encodeCall, ERROR, METHOD_RETURN, takeMessage, type DbusMethodCall, type DbusValue } from './dbus-wire';

const SERVICE = 'org.freedesktop.secrets';
const SERVICE_PATH = '/org/freedesktop/secrets';
const SERVICE_INTERFACE = 'org.freedesktop.Secret.Service';

interface Reply {
  ok: boolean;
  errorName: string | undefined;
  values: DbusValue[];
}

export class SecretServiceReader {
  private readonly connection: LocalConnection;
  private buffer: Buffer = Buffer.alloc(0);
  private authenticated = false;
  private serial = 0;
  private readonly waiters = new Map<number, { resolve: (reply: Reply) => void; reject: (error: Error) => void }>();
  private failure: Error | undefined;
  private closing = false;
  private readonly timer: NodeJS.Timeout;
  private readonly session: Promise<string>;

  /**
   * Takes over a connection whose handshake `startSecretServiceHandshake` began. Every wait is
   * bounded by `timeoutMs` from now.
   */
  constructor(handshake: SecretServiceHandshake, timeoutMs: number) {
    this.connection = handshake.connection;
    this.serial = OPEN_SESSION_SERIAL;
    this.timer = setTimeout(() => this.fail(new DbusConnectionError('call', 'the Secret Service did not answer in time')), timeoutMs);
    const hello = this.waitFor(HELLO_SERIAL);
    const opened = this.waitFor(OPEN_SESSION_SERIAL);
    this.session = Promise.all([hello, opened]).then(([helloReply, openReply]) => {
      if (!helloReply.ok) throw new DbusConnectionError('auth', `the session bus refused Hello (${helloReply.errorName ?? ''})`);
      const path = openReply.values[1];
      if (!openReply.ok || typeof path !== 'string') throw new DbusConnectionError('call', `the Secret Service refused a session (${openReply.errorName ?? ''})`);
      return path;
    });
    // Rejections are seen by `read`; until then they must not count as unhandled.
    this.session.catch(() => undefined);
    if (handshake.failure) {
      this.fail(new DbusConnectionError('call', handshake.failure.message, { cause: handshake.failure }));
      return;
    }
    this.connection.onData = (chunk) => this.receive(chunk);
    this.connection.onEnd = (error) =>
      this.fail(error ? new DbusConnectionError('call', error.message, { cause: error }) : new DbusConnectionError('call', 'the session bus closed the connection'));
    for (const chunk of handshake.received) this.receive(chunk);
  }

  /**
   * The secret of the one item carrying `attributes` as text, or null when there is none.
   * Rejects when the item is locked, when several match, or when anything fails.
   */
  async read(attributes: Record<string, string>): Promise<string | null> {
    // Sent at once: the search does not need the session, only the secret's transfer does.
    const search = this.send({ destination: SERVICE, path: SERVICE_PATH, interface: SERVICE_INTERFACE, member: 'SearchItems', args: [{ type: 'a{ss}', value: attributes }] });
    search.catch(() => undefined);
    const session = await this.session;
    const found = await search;
    const [unlocked, locked] = found.values;
    if (!found.ok || !isStringArray(unlocked) || !isStringArray(locked)) throw new DbusConnectionError('call', `SearchItems failed (${found.errorName ?? ''})`);
    if (locked.length > 0) throw new DbusConnectionError('call', 'the item is in a locked keyring');
    if (unlocked.length === 0) return null;
    if (unlocked.length > 1) throw new DbusConnectionError('call', 'several items match');
    const secrets = await this.send({
      destination: SERVICE,
      path: SERVICE_PATH,
      interface: SERVICE_INTERFACE,
      member: 'GetSecrets',
      args: [
        { type: 'ao', value: unlocked },
        { type: 'o', value: session },
      ],
    });
    // a{o(oayays)}: item path → (session, parameters, value, content type).
    const entry = secrets.ok && Array.isArray(secrets.values[0]) ? secrets.values[0][0] : undefined;
    const secret = Array.isArray(entry) && Array.isArray(entry[1]) ? entry[1][2] : undefined;
    if (!Array.isArray(secret)) throw new DbusConnectionError('call', `GetSecrets failed (${secrets.errorName ?? ''})`);
    return Buffer.from(secret as number[]).toString('utf8');
  }

  /**
   * Ends the conversation (the session ends with the connection) once no call is in flight:
   * gnome-keyring can abort when a client leaves in the middle of a call, taking every other
   * client's keychain with it. The time limit still bounds the wait.
   */
  close(): void {
    if (this.waiters.size === 0) this.fail(new DbusConnectionError('call', 'closed'));
    else this.closing = true;
  }

  private send(call: DbusMethodCall): Promise<Reply> {
    const serial = (this.serial += 1);
    if (this.failure) return Promise.reject(this.failure);
    this.connection.write(encodeCall(serial, call));
    return this.waitFor(serial);
  }

  private waitFor(serial: number): Promise<Reply> {
    return new Promise((resolve, reject) => this.waiters.set(serial, { resolve, reject }));
  }

  private receive(chunk: Buffer): void {
    this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk]);
    try {
      if (!this.authenticated) {
        const end = this.buffer.indexOf('\r\n');
        if (end < 0) return;
        const line = this.buffer.toString('ascii', 0, end);
        if (!line.startsWith('OK ')) throw new DbusConnectionError('auth', `the session bus refused authentication (${line.split(' ')[0] ?? ''})`);
        this.authenticated = true;
        this.buffer = this.buffer.subarray(end + 2);
      }
      for (let taken = takeMessage(this.buffer); taken; taken = takeMessage(this.buffer)) {
        const { message } = taken;
        this.buffer = taken.rest;
        const waiter = message.replySerial === undefined ? undefined : this.waiters.get(message.replySerial);
        if (!waiter || (message.type !== METHOD_RETURN && message.type !== ERROR)) continue;
        this.waiters.delete(message.replySerial as number);
        const ok = message.type === METHOD_RETURN;
        waiter.resolve({ ok, errorName: message.errorName, values: ok ? bodyValues(message) : [] });
      }
      if (this.closing && this.waiters.size === 0) this.fail(new DbusConnectionError('call', 'closed'));
    } catch (error) {
      this.fail(error instanceof Error ? error : new DbusConnectionError('call', String(error)));
    }
  }

  private fail(error: Error): void {
    clearTimeout(this.timer);
    this.failure ??= error;
    this.connection.destroy();
    for (const waiter of this.waiters.values()) waiter.reject(this.failure);
    this.waiters.clear();
  }
}

function isStringArray(value: DbusValue): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'string');
}
