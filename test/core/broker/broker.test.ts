import { spawn } from 'node:child_process';
import { chmod, mkdtemp, readFile, stat, writeFile } from 'node:fs/promises';
import { createConnection, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SessionEndedError } from '../../../main/core/auth/access-token-source';
import { systemClock } from '../../../main/core/clock';
import { silentLogger } from '../../../main/core/logger';
import type { RoleCredentials, RoleRef } from '../../../main/core/model';
import { helloBroker, requestBrokerCredentials } from '../../../main/core/broker/broker-client';
import { brokerPaths } from '../../../main/core/broker/broker-paths';
import { startBroker, type BrokerCredentialSource, type RunningBroker } from '../../../main/core/broker/broker-server';

const role: RoleRef = { instanceId: 'acme', accountId: '111122223333', roleName: 'Admin' };
const running: RunningBroker[] = [];

afterEach(async () => {
  await Promise.all(running.splice(0).map((b) => b.close()));
});

async function appDir(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'rc-broker-'));
}

function countingSource(delayMs = 20): BrokerCredentialSource & { calls: RoleRef[] } {
  const calls: RoleRef[] = [];
  return {
    calls,
    async getCredentials(r) {
      calls.push(r);
      await new Promise((resolve) => setTimeout(resolve, delayMs));
      return { accessKeyId: `ASIA${calls.length}`, secretAccessKey: 'secret', sessionToken: 'token', expiration: Date.now() + 3_600_000 } satisfies RoleCredentials;
    },
  };
}

async function start(dir: string, source: BrokerCredentialSource): Promise<RunningBroker> {
  const broker = await startBroker({ paths: brokerPaths(dir), source, clock: systemClock, logger: silentLogger });
  running.push(broker);
  return broker;
}

describe('broker', () => {
  it('coalesces concurrent requests for one role into one fetch and then answers from memory', async () => {
    const dir = await appDir();
    const source = countingSource();
    await start(dir, source);
    const paths = brokerPaths(dir);
    const answers = await Promise.all(Array.from({ length: 25 }, () => requestBrokerCredentials(paths, role, false)));
    expect(answers.every((a) => a.kind === 'answered' && a.value.accessKeyId === 'ASIA1')).toBe(true);
    const again = await requestBrokerCredentials(paths, role, false);
    expect(again).toMatchObject({ kind: 'answered', value: { accessKeyId: 'ASIA1' } });
    expect(source.calls).toHaveLength(1);
  });

  it('keeps its folder, socket and secret private to the user', async () => {
    const dir = await appDir();
    await start(dir, countingSource());
    const paths = brokerPaths(dir);
    expect((await stat(paths.dir)).mode & 0o777).toBe(0o700);
    expect((await stat(paths.secretFile)).mode & 0o777).toBe(0o600);
    expect((await stat(paths.socket)).mode & 0o777).toBe(0o600);
  });

  it('refuses a caller without the secret, and the client then falls back', async () => {
    const dir = await appDir();
    const source = countingSource();
    await start(dir, source);
    const paths = brokerPaths(dir);
    const raw = await new Promise<string>((resolve) => {
      const socket = createConnection(paths.socket);
      let text = '';
      socket.setEncoding('utf8');
      socket.on('connect', () => socket.write(`${JSON.stringify({ v: 1, id: 'x', auth: 'guess', op: 'credentials', role, interactive: false })}\n`));
      socket.on('data', (d: string) => (text += d));
      socket.on('close', () => resolve(text));
    });
    expect(JSON.parse(raw)).toMatchObject({ type: 'error', error: { code: 'broker-unauthorized' } });
    const wrong = { ...paths, secretFile: join(dir, 'other-secret') };
    await writeFile(wrong.secretFile, 'not-the-secret', { mode: 0o600 });
    expect(await requestBrokerCredentials(wrong, role, false)).toEqual({ kind: 'unavailable', reason: 'unauthorized' });
    expect(source.calls).toHaveLength(0);
  });

  it('passes on a failure the caller would meet too, with its code', async () => {
    const dir = await appDir();
    await start(dir, {
      getCredentials: async (r) => {
        throw new SessionEndedError(r.instanceId, 'expired');
      },
    });
    const outcome = await requestBrokerCredentials(brokerPaths(dir), role, false);
    expect(outcome).toMatchObject({ kind: 'failed', error: { code: 'session-ended', hint: expect.stringContaining('rolecall login acme') } });
  });

  it('answers a request of another protocol version with broker-version, which the client treats as absent', async () => {
    const dir = await appDir();
    await start(dir, countingSource());
    const paths = brokerPaths(dir);
    const secret = (await readFile(paths.secretFile, 'utf8')).trim();
    const line = await new Promise<string>((resolve) => {
      const socket = createConnection(paths.socket);
      socket.setEncoding('utf8');
      socket.on('connect', () => socket.write(`${JSON.stringify({ v: 99, id: 'x', auth: secret, op: 'hello' })}\n`));
      socket.once('data', (d: string) => {
        socket.destroy();
        resolve(d);
      });
    });
    expect(JSON.parse(line)).toMatchObject({ type: 'error', error: { code: 'broker-version' } });
  });

  it('says hello with its pid', async () => {
    const dir = await appDir();
    await start(dir, countingSource());
    expect(await helloBroker(brokerPaths(dir))).toEqual({ kind: 'answered', value: { pid: process.pid, versions: [1] } });
  });

  it('refuses to start beside a live broker', async () => {
    const dir = await appDir();
    await start(dir, countingSource());
    await expect(start(dir, countingSource())).rejects.toMatchObject({ code: 'broker-running' });
    expect(await requestBrokerCredentials(brokerPaths(dir), role, false)).toMatchObject({ kind: 'answered' });
  });

  it('replaces the socket of a broker that was killed, and the client reports the stale one meanwhile', async () => {
    const dir = await appDir();
    const script = join(dir, 'broker-child.mts');
    await writeFile(
      script,
      `const { startBroker } = await import(${JSON.stringify(join(process.cwd(), 'main/core/broker/broker-server.ts'))});
       const { brokerPaths } = await import(${JSON.stringify(join(process.cwd(), 'main/core/broker/broker-paths.ts'))});
       await startBroker({ paths: brokerPaths(process.argv[2]), source: { getCredentials: async () => { throw new Error('x'); } },
         clock: { now: Date.now, setTimer: () => ({ cancel() {} }) }, logger: { debug() {}, info() {}, warn() {}, error() {} } });
       process.stdout.write('ready\\n');
       setInterval(() => {}, 1000);`,
    );
    const child = spawn(process.execPath, ['--import', 'tsx', script, dir], { stdio: ['ignore', 'pipe', 'inherit'] });
    await new Promise<void>((resolve) => child.stdout.on('data', (d: Buffer) => d.toString().includes('ready') && resolve()));
    child.kill('SIGKILL');
    await new Promise((resolve) => child.on('exit', resolve));
    const paths = brokerPaths(dir);
    expect(await requestBrokerCredentials(paths, role, false)).toEqual({ kind: 'unavailable', reason: 'stale' });
    const source = countingSource(1);
    await start(dir, source);
    expect(await requestBrokerCredentials(paths, role, false)).toMatchObject({ kind: 'answered', value: { accessKeyId: 'ASIA1' } });
  });

  it('gives up quickly on a broker that accepts but never answers, or answers garbage', async () => {
    const dir = await appDir();
    const paths = brokerPaths(dir);
    await start(dir, countingSource());
    const broker = running.pop() as RunningBroker;
    const secret = await readFile(paths.secretFile, 'utf8');
    await broker.close();
    await writeFile(paths.secretFile, secret, { mode: 0o600 });
    const silent = createServer((socket) => socket.resume());
    await new Promise<void>((resolve) => silent.listen(paths.socket, resolve));
    try {
      const started = Date.now();
      expect(await requestBrokerCredentials(paths, role, false, { answerTimeoutMs: 200 })).toEqual({ kind: 'unavailable', reason: 'unresponsive' });
      expect(Date.now() - started).toBeLessThan(2000);
    } finally {
      await new Promise((resolve) => silent.close(resolve));
    }
    const garbage = createServer((socket) => socket.on('data', () => socket.write('HTTP/1.1 400 Bad Request\r\n\r\n\n')));
    await new Promise<void>((resolve) => garbage.listen(paths.socket, resolve));
    try {
      expect(await requestBrokerCredentials(paths, role, false)).toEqual({ kind: 'unavailable', reason: 'broken' });
    } finally {
      await new Promise((resolve) => garbage.close(resolve));
    }
  });

  it('does not send its secret into a folder other users can open', async () => {
    const dir = await appDir();
    await start(dir, countingSource());
    const paths = brokerPaths(dir);
    await chmod(paths.dir, 0o755);
    expect(await requestBrokerCredentials(paths, role, false)).toEqual({ kind: 'unavailable', reason: 'unsafe' });
  });

  it('reports absent when no broker ever ran, and cleans up after itself on close', async () => {
    const dir = await appDir();
    expect(await requestBrokerCredentials(brokerPaths(dir), role, false)).toEqual({ kind: 'unavailable', reason: 'absent' });
    const broker = await start(dir, countingSource());
    await broker.close();
    running.pop();
    expect(await requestBrokerCredentials(brokerPaths(dir), role, false)).toEqual({ kind: 'unavailable', reason: 'absent' });
  });

  it('moves the socket to a short private folder when the app data path is too long for a socket', async () => {
    const dir = join(await appDir(), 'x'.repeat(90));
    const paths = brokerPaths(dir);
    expect(paths.socketDir).not.toBe(paths.dir);
    await start(dir, countingSource());
    expect((await stat(paths.socketDir)).mode & 0o777).toBe(0o700);
    expect(await requestBrokerCredentials(paths, role, false)).toMatchObject({ kind: 'answered' });
  });

  it('forgets remembered credentials on request, so the next call fetches again', async () => {
    const dir = await appDir();
    const source = countingSource(1);
    const broker = await start(dir, source);
    await requestBrokerCredentials(brokerPaths(dir), role, false);
    broker.forget('acme');
    await requestBrokerCredentials(brokerPaths(dir), role, false);
    expect(source.calls).toHaveLength(2);
  });
});

/** Sends one request line with the broker's secret and returns the answer lines. */
async function ask(dir: string, body: Record<string, unknown>): Promise<Record<string, any>[]> {
  const paths = brokerPaths(dir);
  const auth = (await readFile(paths.secretFile, 'utf8')).trim();
  const raw = await new Promise<string>((resolve, reject) => {
    const socket = createConnection(paths.socket);
    let text = '';
    socket.setEncoding('utf8');
    socket.on('connect', () => socket.write(`${JSON.stringify({ v: 1, id: 'p', auth, ...body })}\n`));
    socket.on('data', (d: string) => {
      text += d;
      if (/"type":"(credentials|error)"/.test(text)) socket.end();
    });
    socket.on('error', reject);
    socket.on('close', () => resolve(text));
  });
  return raw.trim().split('\n').map((line) => JSON.parse(line) as Record<string, any>);
}

describe('broker: credentials by profile', () => {
  const managed = (name: string, roleName: string) =>
    `[profile ${name}]\ncredential_process = rolecall credential-process --profile ${name}\nrolecall_instance = acme\nrolecall_account_id = 111122223333\nrolecall_role_name = ${roleName}\n`;

  it('reads the role from the caller\'s config file, and again once the file changes', async () => {
    const dir = await appDir();
    const source = countingSource(0);
    await start(dir, source);
    const configFile = join(dir, 'aws config');
    await writeFile(configFile, `# mine\n[default]\nregion = eu-west-1\n\n${managed('prod/Admin', 'Admin')}`);
    const first = await ask(dir, { op: 'profile-credentials', profile: 'prod/Admin', configFile, interactive: false });
    expect(first.at(-1)).toMatchObject({ type: 'credentials', credentials: { accessKeyId: 'ASIA1' } });
    expect(source.calls).toEqual([role]);
    // Same size, other role: the file's times and inode tell the broker to read it again.
    await writeFile(configFile, `# mine\n[default]\nregion = eu-west-1\n\n${managed('prod/Admin', 'Ops00')}`);
    await ask(dir, { op: 'profile-credentials', profile: 'prod/Admin', configFile, interactive: false });
    expect(source.calls.at(-1)).toEqual({ ...role, roleName: 'Ops00' });
  });

  it('answers a profile it cannot serve with the error the CLI would give, and a malformed request as such', async () => {
    const dir = await appDir();
    const source = countingSource(0);
    await start(dir, source);
    const configFile = join(dir, 'config');
    await writeFile(configFile, '[profile mine]\nregion = us-east-1\n');
    expect((await ask(dir, { op: 'profile-credentials', profile: 'nope', configFile, interactive: false })).at(-1)).toMatchObject({
      type: 'error',
      error: { code: 'profile-unknown', message: `There is no profile "nope" in ${configFile}.` },
    });
    expect((await ask(dir, { op: 'profile-credentials', profile: 'mine', configFile, interactive: false })).at(-1)).toMatchObject({
      type: 'error',
      error: { code: 'profile-not-managed' },
    });
    expect((await ask(dir, { op: 'profile-credentials', profile: 'mine', configFile: join(dir, 'missing'), interactive: false })).at(-1)).toMatchObject({
      type: 'error',
      error: { code: 'profile-unknown' },
    });
    for (const bad of [{ configFile: 'relative/config' }, { configFile: 42 }, { profile: '' }, { interactive: 'yes' }]) {
      expect((await ask(dir, { op: 'profile-credentials', profile: 'mine', configFile, interactive: false, ...bad })).at(-1)).toMatchObject({
        type: 'error',
        error: { code: 'broker-bad-request' },
      });
    }
    expect(source.calls).toEqual([]);
  });
});
