import { execFile, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { encodeCall } from '../../../main/core/secrets/dbus-wire';
import { KeychainSecretStore } from '../../../main/core/secrets/keychain-store';
import { OPEN_PLAIN_SESSION, openingCalls, startSecretServiceHandshake } from '../../../main/core/secrets/secret-service-handshake';
import { SecretServiceReader } from '../../../main/core/secrets/secret-service-reader';

const run = promisify(execFile);

/** One read, the way the credential_process keychain bundle makes it. */
async function readOnce(env: NodeJS.ProcessEnv, attributes: Record<string, string>, timeoutMs = 3_000): Promise<string | null> {
  const handshake = startSecretServiceHandshake(env);
  if (!handshake) throw new Error('no usable session bus address');
  const reader = new SecretServiceReader(handshake, timeoutMs);
  try {
    return await reader.read(attributes);
  } finally {
    reader.close();
  }
}

describe('the Secret Service reader of the credential_process fast path', () => {
  const prefix = `rolecall-test-${randomUUID()}`;
  const store = new KeychainSecretStore({ servicePrefix: prefix });

  afterAll(async () => {
    // The other tool's copy first: while both exist, the keyring library refuses to pick one.
    await run('secret-tool', ['clear', 'service', `${prefix}:acme/roles`, 'username', '111122223333/Twice', 'copy', 'yes']);
    await store.delete('acme/roles', '111122223333/Twice');
    await store.delete('acme/roles', '111122223333/Admin');
  });

  it('sends the opening calls exactly as the encoder writes them', () => {
    const hello = encodeCall(1, { destination: 'org.freedesktop.DBus', path: '/org/freedesktop/DBus', interface: 'org.freedesktop.DBus', member: 'Hello' });
    const open = encodeCall(2, OPEN_PLAIN_SESSION);
    expect(openingCalls().equals(Buffer.concat([hello, open]))).toBe(true);
  });

  it('reads the item the keychain store wrote, byte for byte, and null when there is none', async () => {
    const secret = '{"accessKeyId":"ASIAREADER","note":"ünïcødé ✓ and a \\"quote\\""}';
    await store.set('acme/roles', '111122223333/Admin', secret);
    expect(await readOnce(process.env, { service: `${prefix}:acme/roles`, username: '111122223333/Admin' })).toBe(secret);
    expect(await readOnce(process.env, { service: `${prefix}:acme/roles`, username: '111122223333/Nobody' })).toBeNull();
    expect(await readOnce(process.env, { service: `${prefix}:other/roles`, username: '111122223333/Admin' })).toBeNull();
    // The same over `net`, which the connection uses where the bare pipe handle is not an option.
    expect(await readOnce({ ...process.env, NODE_PENDING_DEPRECATION: '1' }, { service: `${prefix}:acme/roles`, username: '111122223333/Admin' })).toBe(secret);
  });

  it('refuses to choose when two items carry the attributes', async () => {
    await store.set('acme/roles', '111122223333/Twice', 'from the store');
    // A second item with the same attributes and one more, as another tool could leave.
    const tool = spawn('secret-tool', ['store', '--label', 'copy', 'service', `${prefix}:acme/roles`, 'username', '111122223333/Twice', 'copy', 'yes'], { stdio: ['pipe', 'ignore', 'inherit'] });
    tool.stdin.end('from another tool');
    await new Promise<void>((resolve, reject) => tool.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`secret-tool exited with ${code}`)))));
    await expect(readOnce(process.env, { service: `${prefix}:acme/roles`, username: '111122223333/Twice' })).rejects.toThrow('several items match');
  });

  it('gives up within its time limit on a bus that accepts and never answers', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'rolecall-mute-bus-'));
    const sockets: Socket[] = [];
    const server: Server = createServer((socket) => sockets.push(socket));
    await new Promise<void>((resolve) => server.listen(join(dir, 'bus'), resolve));
    try {
      const started = Date.now();
      await expect(readOnce({ DBUS_SESSION_BUS_ADDRESS: `unix:path=${join(dir, 'bus')}` }, { service: 's', username: 'u' }, 300)).rejects.toThrow('did not answer in time');
      expect(Date.now() - started).toBeLessThan(2_000);
    } finally {
      for (const socket of sockets) socket.destroy();
      server.close();
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('when closed with calls in flight, leaves the bus only once they are answered', async () => {
    // Leaving in the middle of a call can make gnome-keyring abort, for every client at once.
    const handshake = startSecretServiceHandshake(process.env);
    if (!handshake) throw new Error('no usable session bus address');
    const reader = new SecretServiceReader(handshake, 3_000);
    const { connection } = handshake;
    let received = Buffer.alloc(0);
    const deliver = connection.onData;
    connection.onData = (chunk) => {
      received = Buffer.concat([received, chunk]);
      deliver(chunk);
    };
    const left = new Promise<Buffer>((resolve) => {
      const destroy = connection.destroy.bind(connection);
      connection.destroy = () => {
        resolve(received);
        destroy();
      };
    });
    // Closed before anything came back: Hello and OpenSession are still in flight.
    reader.close();
    expect(received.length).toBe(0);
    const atLeaving = await left;
    // Both replies had arrived: the OpenSession one names the new session object.
    expect(atLeaving.toString('latin1')).toContain('/org/freedesktop/secrets/session/');
  });

  it('when closed with calls in flight on a bus that never answers, leaves at its time limit', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'rolecall-mute-bus-'));
    const closedAt: number[] = [];
    const server: Server = createServer((socket) => socket.resume().on('close', () => closedAt.push(Date.now())));
    await new Promise<void>((resolve) => server.listen(join(dir, 'bus'), resolve));
    try {
      const handshake = startSecretServiceHandshake({ DBUS_SESSION_BUS_ADDRESS: `unix:path=${join(dir, 'bus')}` });
      const reader = new SecretServiceReader(handshake!, 300);
      const started = Date.now();
      reader.close();
      await vi.waitFor(() => expect(closedAt).toHaveLength(1), { timeout: 2_000 });
      expect(closedAt[0]! - started).toBeGreaterThanOrEqual(250);
    } finally {
      server.close();
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('fails at once when the bus is not there, and starts nothing when no address is usable', async () => {
    await expect(readOnce({ DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/rolecall/bus' }, { service: 's', username: 'u' })).rejects.toThrow();
    expect(startSecretServiceHandshake({ DBUS_SESSION_BUS_ADDRESS: 'nonsense:' })).toBeUndefined();
  });
});
