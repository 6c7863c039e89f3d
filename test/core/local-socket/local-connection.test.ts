import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectLocal, type LocalConnection, type LocalConnectionKind } from '../../../main/core/local-socket/local-connection';

// Both ways of talking to a local socket, against a real Unix socket server: the bare pipe
// handle (the default on POSIX) and `net` (Windows, TCP, pending deprecations on).
let dir: string;
let server: Server;
let path: string;
const accepted: Socket[] = [];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rolecall-local-socket-'));
  path = join(dir, 'echo.sock');
  // Echoes everything; after "bye\n" it closes its side.
  server = createServer((socket) => {
    accepted.push(socket);
    let seen = '';
    socket.on('data', (chunk) => {
      seen = (seen + chunk.toString('latin1')).slice(-4);
      socket.write(chunk);
      if (seen === 'bye\n') socket.end();
    });
    socket.on('error', () => undefined);
  });
  await new Promise<void>((resolve) => server.listen(path, resolve));
});
afterAll(async () => {
  for (const socket of accepted) socket.destroy();
  await new Promise((resolve) => server.close(resolve));
  await rm(dir, { recursive: true, force: true });
});

const kinds: { kind: LocalConnectionKind; env: NodeJS.ProcessEnv }[] = [
  { kind: process.platform === 'win32' ? 'net' : 'pipe-handle', env: {} },
  { kind: 'net', env: { NODE_PENDING_DEPRECATION: '1' } },
];

/** Collects what a connection receives until it ends. */
function collect(connection: LocalConnection): Promise<{ bytes: Buffer; error: Error | undefined }> {
  const chunks: Buffer[] = [];
  connection.onData = (chunk) => chunks.push(Buffer.from(chunk));
  return new Promise((resolve) => {
    connection.onEnd = (error) => resolve({ bytes: Buffer.concat(chunks), error });
  });
}

describe.each(kinds)('a local connection ($kind)', ({ kind, env }) => {
  it('sends what was written before and after connecting, in order, and sees the other side close', async () => {
    const connection = connectLocal({ path }, env);
    expect(connection.kind).toBe(kind);
    const received = collect(connection);
    connection.write('one,');
    connection.write(Buffer.from('two,'));
    await new Promise((resolve) => setTimeout(resolve, 20));
    connection.write('three\nbye\n');
    const { bytes, error } = await received;
    expect(bytes.toString()).toBe('one,two,three\nbye\n');
    expect(error).toBeUndefined();
  });

  it('carries 8 MiB both ways intact (writes the system finishes later, reads in many chunks)', async () => {
    // No newline in it, so the server cannot mistake any part for its "bye".
    const payload = randomBytes(8 * 1024 * 1024).map((byte) => (byte === 0x0a ? 0x0b : byte));
    const connection = connectLocal({ path }, env);
    const chunks: Buffer[] = [];
    let length = 0;
    const echoed = new Promise<void>((resolve, reject) => {
      connection.onData = (chunk) => {
        chunks.push(Buffer.from(chunk));
        length += chunk.length;
        if (length >= payload.length) resolve();
      };
      connection.onEnd = (error) => reject(error ?? new Error('closed early'));
    });
    connection.write(payload);
    await echoed;
    connection.destroy();
    expect(chunks.length).toBeGreaterThan(1);
    expect(Buffer.concat(chunks).equals(Buffer.from(payload))).toBe(true);
  });

  it('reports a socket that is not there as an error with its code, after returning', async () => {
    const connection = connectLocal({ path: join(dir, 'missing.sock') }, env);
    let endedSynchronously = false;
    connection.onEnd = () => (endedSynchronously = true);
    expect(endedSynchronously).toBe(false);
    const { error } = await collect(connection);
    expect(error).toMatchObject({ code: 'ENOENT' });
    expect(error?.message).toContain('missing.sock');
  });

  it('calls nothing back once destroyed', async () => {
    const connection = connectLocal({ path }, env);
    let calls = 0;
    connection.onData = () => (calls += 1);
    connection.onEnd = () => (calls += 1);
    connection.write('ping\n');
    connection.destroy();
    connection.write('ignored\n');
    // A round trip on a second connection: anything the first could have received has arrived by now.
    const other = connectLocal({ path }, env);
    const received = collect(other);
    other.write('pong\nbye\n');
    expect((await received).bytes.toString()).toBe('pong\nbye\n');
    expect(calls).toBe(0);
  });
});

describe('choosing the implementation', () => {
  it('uses net for a TCP target and when pending deprecations are on in any of their forms', async () => {
    const tcp = createServer((socket) => socket.end('hi'));
    await new Promise<void>((resolve) => tcp.listen(0, '127.0.0.1', resolve));
    try {
      const port = (tcp.address() as { port: number }).port;
      const connection = connectLocal({ host: '127.0.0.1', port });
      expect(connection.kind).toBe('net');
      expect((await collect(connection)).bytes.toString()).toBe('hi');
    } finally {
      tcp.close();
    }
    for (const env of [{ NODE_PENDING_DEPRECATION: '1' }, { NODE_OPTIONS: '--max-old-space-size=100 --pending-deprecation' }]) {
      const connection = connectLocal({ path }, env);
      expect(connection.kind).toBe('net');
      connection.destroy();
    }
  });

  it.runIf(process.platform === 'linux')('reaches a Linux abstract socket', async () => {
    const name = `rolecall-test-${randomBytes(6).toString('hex')}`;
    const abstract = createServer((socket) => socket.end('abstract'));
    await new Promise<void>((resolve) => abstract.listen(`\0${name}`, resolve));
    try {
      const connection = connectLocal({ path: `\0${name}` }, {});
      expect(connection.kind).toBe('pipe-handle');
      expect((await collect(connection)).bytes.toString()).toBe('abstract');
    } finally {
      abstract.close();
    }
  });
});
