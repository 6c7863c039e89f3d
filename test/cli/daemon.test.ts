import type { ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { finished, rolecall, rolecallProcess, type CliResult } from './support/cli-harness';
import { dropCachedCredentials } from './support/keychain-edits';
import { LOADED_NET, moduleProbeEnv } from './support/module-probe';
import { ok, signedInSandbox, type SignedIn } from './support/signed-in';

// With `rolecall daemon` running, credential_process asks it over the private socket: answers
// come from its memory, concurrent callers share one fetch, and sign-out reaches it.
let world: SignedIn;
let daemon: ChildProcess;
let daemonExit: Promise<CliResult>;
let listening: { event: string; socket: string; pid: number };

beforeAll(async () => {
  world = await signedInSandbox();
  daemon = await rolecallProcess(world.sandbox, ['daemon', '--json']);
  daemonExit = finished(daemon);
  listening = await new Promise((resolve, reject) => {
    let out = '';
    daemon.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('\n')) resolve(JSON.parse(out.split('\n')[0]!));
    });
    daemon.once('exit', () => reject(new Error('the daemon exited before listening')));
  });
});
afterAll(async () => {
  daemon?.kill('SIGKILL');
  await world?.ic.close();
});

const fetches = () => world.ic.stats().operations.GetRoleCredentials;
const keyOf = (result: CliResult) => (JSON.parse(result.stdout) as { AccessKeyId: string }).AccessKeyId;

describe('rolecall daemon (the headless broker)', () => {
  it('says where it listens, and status sees it', async () => {
    expect(listening).toMatchObject({ event: 'listening', pid: daemon.pid });
    expect(listening.socket).toBe(join(world.sandbox.appDir, 'broker', 'broker.sock'));
    const status = JSON.parse(await ok(world.sandbox, ['status', '--json'])) as { broker: { running: boolean; pid: number } };
    expect(status.broker).toMatchObject({ running: true, pid: daemon.pid });
  });

  it('coalesces 20 concurrent callers into one fetch, then answers from memory', async () => {
    await dropCachedCredentials(world.sandbox, 'acme');
    const before = fetches();
    const profile = world.roles[0]!.profile;
    const results = await Promise.all(Array.from({ length: 20 }, () => rolecall(world.sandbox, ['credential-process', '--profile', profile])));
    expect(results.map((r) => r.code)).toEqual(Array(20).fill(0));
    expect(new Set(results.map(keyOf)).size).toBe(1);
    expect(fetches() - before).toBe(1);
    // Gone from the keychain, still in the daemon's memory: no new fetch.
    await dropCachedCredentials(world.sandbox, 'acme');
    const again = await rolecall(world.sandbox, ['credential-process', '--profile', profile]);
    expect(keyOf(again)).toBe(keyOf(results[0]!));
    expect(fetches() - before).toBe(1);
  });

  it('answers a cache hit without loading Node\'s stream modules, and the same with pending deprecations on', async () => {
    const profile = world.roles[0]!.profile;
    const warm = await rolecall(world.sandbox, ['credential-process', '--profile', profile]);
    const probe = await moduleProbeEnv(world.sandbox.dir);
    const hit = await rolecall(world.sandbox, ['credential-process', '--profile', profile], { env: probe });
    expect(hit).toMatchObject({ code: 0, stderr: '[]' });
    expect(keyOf(hit)).toBe(keyOf(warm));
    // With pending deprecations on, the bare pipe handle would print a warning: `net` answers instead, silently.
    const pending = await rolecall(world.sandbox, ['credential-process', '--profile', profile], { env: { ...probe, NODE_PENDING_DEPRECATION: '1' } });
    expect(pending).toMatchObject({ code: 0, stderr: LOADED_NET });
    expect(keyOf(pending)).toBe(keyOf(warm));
  });

  it('refuses a second broker for the same user', async () => {
    const second = await rolecall(world.sandbox, ['daemon']);
    expect(second.code).toBe(1);
    expect(second.stderr).toContain(`A Rolecall broker is already running (pid ${daemon.pid}).`);
  });

  it("reads the profile from the caller's AWS_CONFIG_FILE", async () => {
    const profile = world.roles[0]!.profile;
    const warm = await rolecall(world.sandbox, ['credential-process', '--profile', profile]);
    await dropCachedCredentials(world.sandbox, 'acme');
    const before = fetches();
    // Another config file where the same role has another name: only the daemon's memory holds its keys now.
    const other = join(world.sandbox.dir, 'other config');
    const text = await readFile(world.sandbox.configFile, 'utf8');
    await writeFile(other, text.replaceAll(`[profile ${profile}]`, '[profile renamed]'));
    const result = await rolecall(world.sandbox, ['credential-process', '--profile', 'renamed'], { env: { AWS_CONFIG_FILE: other } });
    expect(result.code).toBe(0);
    expect(keyOf(result)).toBe(keyOf(warm));
    expect(fetches()).toBe(before);
  });

  it('fails for a profile it cannot serve exactly as the CLI does without it', async () => {
    await writeFile(world.sandbox.configFile, `${await readFile(world.sandbox.configFile, 'utf8')}\n[profile hand-made]\nregion = eu-west-1\n`);
    const withoutBroker = { ROLECALL_HOME: join(world.sandbox.dir, 'app data without a broker') };
    for (const profile of ['no-such-profile', 'hand-made']) {
      const brokered = await rolecall(world.sandbox, ['credential-process', '--profile', profile]);
      const alone = await rolecall(world.sandbox, ['credential-process', '--profile', profile], { env: withoutBroker });
      expect(brokered).toMatchObject({ code: 6, stdout: '' });
      expect(brokered.stderr).toContain(`"${profile}"`);
      expect({ code: brokered.code, stderr: brokered.stderr }).toEqual({ code: alone.code, stderr: alone.stderr });
    }
  });

  it('forgets an instance on logout, so callers are told to sign in', async () => {
    await ok(world.sandbox, ['logout', 'acme']);
    const result = await rolecall(world.sandbox, ['credential-process', '--profile', world.roles[0]!.profile]);
    expect(result.code).toBe(3);
    expect(result.stderr).toContain('rolecall login acme');
  });

  it('stops on SIGTERM and removes its socket and secret', async () => {
    daemon.kill('SIGTERM');
    const exit = await daemonExit;
    expect(exit.code).toBe(0);
    expect(exit.stdout.trim().split('\n').at(-1)).toBe('{"event":"stopped"}');
    expect(existsSync(join(world.sandbox.appDir, 'broker', 'broker.sock'))).toBe(false);
    expect(existsSync(join(world.sandbox.appDir, 'broker', 'secret'))).toBe(false);
    const status = JSON.parse(await ok(world.sandbox, ['status', '--json'])) as { broker: { running: boolean } };
    expect(status.broker.running).toBe(false);
  });
});
