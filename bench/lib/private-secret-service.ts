/**
 * A throwaway Secret Service for a benchmark: its own D-Bus session bus and an unlocked
 * gnome-keyring in a temporary folder, the way `scripts/test.sh` gives the tests one. The
 * user's keychain is never touched. Linux only; elsewhere the OS keychain is used as is.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface PrivateSecretService {
  /** Variables a process needs to reach it (DBUS_SESSION_BUS_ADDRESS, XDG_* folders). */
  env: Record<string, string>;
  stop(): Promise<void>;
}

export async function startPrivateSecretService(): Promise<PrivateSecretService> {
  const dir = await mkdtemp(join(tmpdir(), 'rolecall-bench-keyring-'));
  const env = {
    XDG_RUNTIME_DIR: join(dir, 'run'),
    XDG_DATA_HOME: join(dir, 'data'),
    XDG_CONFIG_HOME: join(dir, 'config'),
  };
  for (const folder of Object.values(env)) spawnSync('mkdir', ['-p', '-m', '700', folder]);
  const bus = spawn('dbus-daemon', ['--session', '--nofork', '--print-address=1'], { stdio: ['ignore', 'pipe', 'ignore'], env: { ...process.env, ...env } });
  const address = await new Promise<string>((resolve, reject) => {
    let out = '';
    bus.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      out += chunk;
      if (out.includes('\n')) resolve(out.trim());
    });
    bus.once('error', reject);
    bus.once('exit', () => reject(new Error('dbus-daemon exited')));
  });
  const withBus = { ...process.env, ...env, DBUS_SESSION_BUS_ADDRESS: address };
  // --login creates and unlocks a "login" keyring from the password on stdin, with no prompt.
  spawnSync('gnome-keyring-daemon', ['--login'], { input: 'rolecall-bench', env: withBus, stdio: ['pipe', 'ignore', 'ignore'] });
  spawnSync('gnome-keyring-daemon', ['--start', '--components=secrets'], { env: withBus, stdio: ['ignore', 'ignore', 'ignore'] });
  return {
    env: { ...env, DBUS_SESSION_BUS_ADDRESS: address },
    async stop() {
      // The keyring daemon leaves with its bus.
      bus.kill();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
