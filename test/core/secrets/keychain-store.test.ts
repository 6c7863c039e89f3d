import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { getPassword } from '@napi-rs/keyring/keytar';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KeychainError } from '../../../main/core/secrets/keychain-error';
import { KeychainSecretStore, type KeychainBackend } from '../../../main/core/secrets/keychain-store';
import { clearNamespace } from '../../../main/core/secrets/secret-records';
import { startIdentityCenter, type IdentityCenter } from '../../identity-center';
import { filesUnder } from '../auth/auth-harness';

const run = promisify(execFile);
const CHILD = join(import.meta.dirname, 'keychain-child.ts');

/** Runs keychain-child.ts with `env` replacing the D-Bus environment, and parses its report. */
async function child(mode: string, argument: string, env: NodeJS.ProcessEnv, wrapper: string[] = []): Promise<any> {
  const node = [process.execPath, '--import', 'tsx', CHILD, mode, argument];
  const [file, ...args] = [...wrapper, ...node];
  const { stdout, stderr } = await run(file!, args, { env: { ...process.env, ...env }, timeout: 20_000 });
  const line = stdout.trim().split('\n').at(-1) ?? '';
  try {
    return { ...JSON.parse(line), stdout, stderr };
  } catch {
    throw new Error(`child printed no report: ${stdout}\n${stderr}`);
  }
}

describe('KeychainSecretStore on the real Secret Service', () => {
  const store = new KeychainSecretStore({ servicePrefix: `rolecall-test-${randomUUID()}` });

  afterAll(async () => {
    await clearNamespace(store, 'acme');
  });

  it('keeps each record as one keychain item under "<prefix>:<namespace>"', async () => {
    await store.set('acme', 'sso-token', '{"kind":"token"}');
    await store.set('acme', 'oidc-client:device', '{"kind":"oidc-client"}');
    expect(await store.get('acme', 'sso-token')).toBe('{"kind":"token"}');
    expect(await getPassword(store.serviceName('acme'), 'sso-token')).toBe('{"kind":"token"}');
    expect((await store.keys('acme')).sort()).toEqual(['oidc-client:device', 'sso-token']);
    expect(await store.keys('other')).toEqual([]);
    expect(await store.delete('acme', 'sso-token')).toBe(true);
    expect(await store.delete('acme', 'sso-token')).toBe(false);
    expect(await store.get('acme', 'sso-token')).toBeNull();
  });
});

describe('KeychainSecretStore when the keychain cannot answer', () => {
  let ic: IdentityCenter;
  let appDir: string;
  let silentBus: Server;
  let silentPath: string;

  beforeAll(async () => {
    ic = await startIdentityCenter();
    ic.autoApprove('allow');
    appDir = await mkdtemp(join(tmpdir(), 'rolecall-nokeychain-'));
    silentPath = join(appDir, 'silent-bus.sock');
    // A bus that accepts connections and never says a word: a wedged daemon after suspend.
    silentBus = createServer((socket) => socket.on('data', () => undefined));
    await new Promise<void>((resolve) => silentBus.listen(silentPath, resolve));
  });

  afterAll(async () => {
    silentBus.close();
    await ic.close();
    await rm(appDir, { recursive: true, force: true });
  });

  it('with no session bus: sign-in fails at once with an error naming the fix, and no secret reaches a file', async () => {
    const report = await child('sign-in', JSON.stringify({ appDir, startUrl: ic.startUrl, region: ic.region, endpoint: ic.endpoint }), {
      DBUS_SESSION_BUS_ADDRESS: `unix:path=${join(appDir, 'no-such-bus')}`,
    });
    expect(report.signIn.error).toMatchObject({ code: 'keychain-unavailable', problem: 'no-session-bus' });
    expect(report.signIn.elapsedMs).toBeLessThan(5_000);
    expect(report.signIn.error.message).toContain('no D-Bus session bus');
    expect(report.signIn.error.hint).toContain('gnome-keyring');
    expect(report.signIn.error.hint).toContain('WSL');
    expect(report.getAccessToken.error).toMatchObject({ code: 'keychain-unavailable' });
    // Removing needs the keychain too (its items must go with it): refused, instance kept.
    expect(report.remove.error).toMatchObject({ code: 'keychain-unavailable' });
    for (const file of await filesUnder(appDir)) {
      expect(file.content).not.toContain('CANARY');
      for (const secret of ic.issuedSecrets()) expect(file.content).not.toContain(secret);
    }
    expect(report.stdout + report.stderr).not.toContain('CANARY');
  });

  it('with a session bus but no Secret Service on it: fails at once and says to install or start one', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'rolecall-bare-bus-'));
    try {
      // A session bus that can start no services at all (no gnome-keyring to activate).
      const config = join(dir, 'bus.conf');
      await writeFile(
        config,
        `<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN" "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig><type>session</type><listen>unix:dir=${dir}</listen><auth>EXTERNAL</auth>
<policy context="default"><allow send_destination="*" eavesdrop="true"/><allow eavesdrop="true"/><allow own="*"/></policy></busconfig>`,
      );
      const report = await child('sign-in', JSON.stringify({ appDir: dir, startUrl: ic.startUrl, region: ic.region, endpoint: ic.endpoint }), {}, ['dbus-run-session', `--config-file=${config}`, '--']);
      expect(report.signIn.error).toMatchObject({ code: 'keychain-unavailable', problem: 'no-secret-service' });
      expect(report.signIn.elapsedMs).toBeLessThan(5_000);
      expect(report.signIn.error.hint).toContain('sudo apt install gnome-keyring');
      expect(report.signIn.error.hint).toContain('KWallet');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('with a bus that never answers: fails within the 5 s deadline instead of hanging', async () => {
    const store = new KeychainSecretStore({ servicePrefix: 'rolecall-test-silent', env: { DBUS_SESSION_BUS_ADDRESS: `unix:path=${silentPath}` } });
    const started = Date.now();
    const error = await store.get('acme', 'sso-token').catch((e: unknown) => e);
    const elapsed = Date.now() - started;
    expect(error).toBeInstanceOf(KeychainError);
    expect(error).toMatchObject({ code: 'keychain-unavailable', problem: 'timeout' });
    expect(elapsed).toBeLessThan(5_500);
    expect((error as KeychainError).hint).toContain('restart gnome-keyring');
  });

  it('with a keychain call that never returns: fails at the deadline', async () => {
    const stuck: KeychainBackend = {
      getPassword: () => new Promise(() => undefined),
      setPassword: () => new Promise(() => undefined),
      deletePassword: () => new Promise(() => undefined),
      findCredentials: () => new Promise(() => undefined),
    };
    const store = new KeychainSecretStore({ servicePrefix: 'x', backend: stuck, timeoutMs: 200, platform: 'darwin' });
    const error = await store.set('acme', 'sso-token', 'v').catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'keychain-unavailable', problem: 'timeout' });
    expect((error as KeychainError).hint).toContain('login keychain');
  });

  it('with a locked keyring: fails at once with "locked" and how to unlock, writes nothing, works again once unlocked', async () => {
    // A private bus and keyring of its own: locking the shared one would disturb other tests.
    const scratch = await mkdtemp(join(tmpdir(), 'rolecall-locked-'));
    try {
      const script = [
        'set -e',
        'mkdir -p "$XDG_RUNTIME_DIR" "$XDG_DATA_HOME" && chmod 700 "$XDG_RUNTIME_DIR"',
        "printf 'rolecall-test' | gnome-keyring-daemon --login >/dev/null 2>&1",
        'eval "$(gnome-keyring-daemon --start --components=secrets 2>/dev/null)"',
        'exec "$@"',
      ].join('\n');
      const report = await child(
        'locked',
        '',
        { XDG_RUNTIME_DIR: join(scratch, 'run'), XDG_DATA_HOME: join(scratch, 'data'), XDG_CONFIG_HOME: join(scratch, 'config') },
        ['dbus-run-session', '--', 'bash', '-c', script, 'keyring'],
      );
      expect(report.lockedNow).toBe(true);
      for (const attempt of [report.get, report.set, report.keys]) {
        expect(attempt.error).toMatchObject({ code: 'keychain-locked', problem: 'locked' });
        expect(attempt.elapsedMs).toBeLessThan(5_000);
      }
      expect(report.get.error.hint).toContain('gnome-keyring-daemon --unlock');
      expect(report.fastRead.error).toMatchObject({ message: expect.stringContaining('locked keyring') });
      expect(report.fastReadAfterUnlock.value).toBe('{"kind":"before-lock"}');
      expect(report.afterUnlock.value).toBe('{"kind":"before-lock"}');
      expect(report.lockedAtEnd).toBe(false);
    } finally {
      await rm(scratch, { recursive: true, force: true });
    }
  });
});
