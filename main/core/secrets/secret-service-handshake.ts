/**
 * The start of a Secret Service read, small enough to live in the CLI entry: connect to the
 * session bus and send, in one write, the authentication and the two calls that do not depend
 * on the item (`Hello`, then `OpenSession` for a "plain" session). The bus and the Secret
 * Service answer while this process goes on loading the code that reads the config file;
 * SecretServiceReader takes the connection over from there.
 */
import { connectLocal, type LocalConnection } from '../local-socket/local-connection';
import { sessionBusAddress } from './dbus-address';
import type { DbusMethodCall } from './dbus-wire';

/** `OpenSession` for a "plain" session: the secret crosses the bus as it is. */
export const OPEN_PLAIN_SESSION: DbusMethodCall = {
  destination: 'org.freedesktop.secrets',
  path: '/org/freedesktop/secrets',
  interface: 'org.freedesktop.Secret.Service',
  member: 'OpenSession',
  args: [
    { type: 's', value: 'plain' },
    { type: 'v', value: { type: 's', value: '' } },
  ],
};

/**
 * `Hello` (serial 1) and OPEN_PLAIN_SESSION (serial 2), little endian, exactly as `encodeCall`
 * writes them (a test checks): stored as bytes so that the entry needs no encoder.
 */
const OPENING_CALLS_BASE64 =
  'bAEAAQAAAAABAAAAbQAAAAEBbwAVAAAAL29yZy9mcmVlZGVza3RvcC9EQnVzAAAAAgFzABQAAABvcmcuZnJlZWRlc2t0b3AuREJ1cwAAAAADAXMABQAAAEhlbGxvAAAABgFzABQAAABvcmcuZnJlZWRlc2t0b3AuREJ1cwAAAABsAQABFQAAAAIAAACQAAAAAQFvABgAAAAvb3JnL2ZyZWVkZXNrdG9wL3NlY3JldHMAAAAAAAAAAAIBcwAeAAAAb3JnLmZyZWVkZXNrdG9wLlNlY3JldC5TZXJ2aWNlAAADAXMACwAAAE9wZW5TZXNzaW9uAAAAAAAGAXMAFwAAAG9yZy5mcmVlZGVza3RvcC5zZWNyZXRzAAgBZwACc3YABQAAAHBsYWluAAFzAAAAAAAAAAAA';

/** The serial numbers the opening calls use: `Hello`, `OpenSession`. */
export const HELLO_SERIAL = 1;
export const OPEN_SESSION_SERIAL = 2;

/** A connection whose handshake is under way, and what it received so far. */
export interface SecretServiceHandshake {
  /** Until a reader replaces its callbacks, they fill `received` and `failure`. */
  readonly connection: LocalConnection;
  readonly received: Buffer[];
  /** Set when the connection failed or closed before the reader took it over. */
  failure: Error | undefined;
}

/** The decoded opening calls, for the test that checks them against the encoder. */
export function openingCalls(): Buffer {
  return Buffer.from(OPENING_CALLS_BASE64, 'base64');
}

/** Starts the handshake; undefined when DBUS_SESSION_BUS_ADDRESS names no bus this client can use. */
export function startSecretServiceHandshake(env: NodeJS.ProcessEnv): SecretServiceHandshake | undefined {
  const address = sessionBusAddress(env);
  if (!address) return undefined;
  const connection = connectLocal(address.kind === 'path' ? { path: address.path } : { host: address.host, port: address.port }, env);
  const uid = String(process.getuid?.() ?? 0);
  // Sent before the server's OK: a bus that rejects EXTERNAL closes the connection on what follows.
  connection.write(`\0AUTH EXTERNAL ${Buffer.from(uid).toString('hex')}\r\nBEGIN\r\n`);
  connection.write(openingCalls());
  const handshake: SecretServiceHandshake = { connection, received: [], failure: undefined };
  connection.onData = (chunk) => handshake.received.push(chunk);
  connection.onEnd = (error) => (handshake.failure ??= error ?? new Error('the session bus closed the connection'));
  return handshake;
}
