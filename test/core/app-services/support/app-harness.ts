import { randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createAppServices, type AppServices, type AppServicesDeps } from '../../../../main/core/app-services/create-app-services';
import { createBrowserUrlOpener } from '../../../../main/core/app-services/browser-url-opener';
import { fileExists } from '../../../../main/core/browser/find-executable';
import type { LaunchOptions, ProcessLauncher } from '../../../../main/core/browser/process-launcher';
import { credentialsNamespace } from '../../../../main/core/credentials/credential-cache';
import { createLogger, type LogRecord } from '../../../../main/core/logger';
import type { IdentityCenterInstance, SignInEvent, SyncEvent } from '../../../../main/core/model';
import { createRolecallCore, type RolecallCore } from '../../../../main/core/rolecall-core';
import { KeychainSecretStore } from '../../../../main/core/secrets/keychain-store';
import { clearNamespace } from '../../../../main/core/secrets/secret-records';
import type { AppSnapshot } from '../../../../main/ipc/contract';
import { demoOrganization, startIdentityCenter, type IdentityCenter, type IdentityCenterOptions } from '../../../identity-center';
import { FakeClock } from '../../../support/fake-clock';

/** The argv prefix written into credential_process lines by these tests. */
export const CLI_COMMAND = ['/usr/bin/node', '/opt/Rolecall/rolecall.js'];

/** A program the services started: a browser with a URL, or a terminal. */
export interface Launch {
  command: string;
  args: readonly string[];
  options: LaunchOptions | undefined;
}

/**
 * The app services over the real core: the emulator on 127.0.0.1 sharing a FakeClock with the
 * code, the real Secret Service under a prefix of its own, a fresh app data folder and AWS
 * config file. Only process launching is recorded instead of done; what a "browser" does with
 * a URL is up to the test (`browser`).
 */
export interface AppHarness {
  clock: FakeClock;
  ic: IdentityCenter;
  dir: string;
  appDir: string;
  configFile: string;
  secrets: KeychainSecretStore;
  core: RolecallCore;
  services: AppServices;
  launches: Launch[];
  logs: LogRecord[];
  /** Every snapshot listeners were told of. */
  snapshots: AppSnapshot[];
  /** The clock's time when each snapshot was published. */
  snapshotTimes: number[];
  signInEvents: SignInEvent[];
  syncEvents: SyncEvent[];
  /** What a launched browser does with its URL (default nothing). */
  browser: { open: (url: string) => Promise<void> };
  /** Builds the core and services again over the same folders and keychain (an app restart). */
  restart(deps?: AppServicesDeps): Promise<void>;
  /** Adds the emulator as a sandbox instance through the services. */
  addSandbox(name?: string): Promise<IdentityCenterInstance>;
  /**
   * Waits for `promise`, moving the clock 100 ms per few real milliseconds meanwhile (for
   * waits on the fake clock mixed with real network retries: the app's own long timers are
   * always pending, so "advance while a timer is pending" would race hours ahead).
   */
  settle<T>(promise: Promise<T>): Promise<T>;
  /** Moves the clock in small steps until a published snapshot satisfies `predicate`. */
  stateWhere(predicate: (snapshot: AppSnapshot) => boolean, what?: string): Promise<AppSnapshot>;
  close(): Promise<void>;
}

export async function startAppHarness(options: { ic?: IdentityCenterOptions; deps?: AppServicesDeps } = {}): Promise<AppHarness> {
  const clock = new FakeClock();
  const ic = await startIdentityCenter({
    organization: demoOrganization({ accounts: 3, rolesPerAccount: 2 }),
    clock,
    tokenLifetimes: { accessTokenSeconds: 3600, sessionSeconds: 8 * 3600, deviceCodeSeconds: 600 },
    ...options.ic,
  });
  const dir = await mkdtemp(join(tmpdir(), 'rolecall-app-'));
  const appDir = join(dir, 'app data');
  const configFile = join(dir, 'aws', 'config');
  const secrets = new KeychainSecretStore({ servicePrefix: `rolecall-test-${randomUUID()}` });
  const launches: Launch[] = [];
  const logs: LogRecord[] = [];
  const snapshots: AppSnapshot[] = [];
  const snapshotTimes: number[] = [];
  const signInEvents: SignInEvent[] = [];
  const syncEvents: SyncEvent[] = [];
  const browser = { open: async (_url: string) => undefined };
  const launcher: ProcessLauncher = {
    async launch(command, args, launchOptions) {
      launches.push({ command, args, options: launchOptions });
      const url = args[args.length - 1];
      if (url?.startsWith('http')) await browser.open(url);
    },
  };
  const logger = createLogger((record) => logs.push(record), { level: 'debug', now: () => clock.now() });
  const env = { HOME: join(dir, 'home'), PATH: process.env.PATH, SHELL: '/bin/bash', AWS_CONFIG_FILE: configFile };

  const build = async (deps: AppServicesDeps = options.deps ?? {}) => {
    const late: { core?: RolecallCore } = {};
    const openUrl = createBrowserUrlOpener({
      launcher,
      exists: fileExists,
      env,
      platform: 'linux',
      logger,
      browser: async () => (await late.core!.settings()).current().browser,
    });
    const core = (late.core = createRolecallCore({ env, platform: 'linux', appDir, configFile, clock, secrets, logger, openUrl, cliCommand: CLI_COMMAND }));
    const services = await createAppServices(core, { host: { launcher, exists: fileExists }, ...deps });
    services.state.onChange((snapshot) => {
      snapshots.push(snapshot);
      snapshotTimes.push(clock.now());
    });
    services.sessions.onProgress((event) => signInEvents.push(event));
    services.catalog.onProgress((event) => syncEvents.push(event));
    return { core, services };
  };
  let { core, services } = await build();

  const harness: AppHarness = {
    clock,
    ic,
    dir,
    appDir,
    configFile,
    secrets,
    get core() {
      return core;
    },
    get services() {
      return services;
    },
    launches,
    logs,
    snapshots,
    snapshotTimes,
    signInEvents,
    syncEvents,
    browser,
    async restart(deps) {
      await services.close();
      await core.close();
      ({ core, services } = await build(deps));
    },
    addSandbox: (name = 'Acme') => services.instances.add({ startUrl: ic.startUrl, region: ic.region, name, endpointUrl: ic.endpoint }),
    async settle(promise) {
      let settled = false;
      const done = promise.finally(() => (settled = true));
      done.catch(() => undefined);
      const deadline = Date.now() + 20_000;
      while (!settled && Date.now() < deadline) {
        await clock.advance(100);
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      return done;
    },
    async stateWhere(predicate, what = 'a state') {
      const deadline = Date.now() + 15_000;
      for (;;) {
        const last = snapshots[snapshots.length - 1];
        if (last && predicate(last)) return last;
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; last state: ${JSON.stringify(last?.instances)}`);
        await clock.advance(50);
        await new Promise((resolve) => setTimeout(resolve, 2));
      }
    },
    async close() {
      await services.close();
      await core.close();
      for (const instance of await core.instances.list()) {
        await clearNamespace(secrets, instance.id);
        await clearNamespace(secrets, credentialsNamespace(instance.id));
      }
      await ic.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
  return harness;
}

/** Writes a hand-written config file the tests then check survives byte for byte. */
export async function writeHandWrittenConfig(path: string): Promise<string> {
  const text = '# my settings\n[default]\nregion = eu-west-1\n\n[profile personal]\naws_access_key_id = AKIDEXAMPLE\n; keep me\n';
  const { mkdir } = await import('node:fs/promises');
  await mkdir(join(path, '..'), { recursive: true });
  await writeFile(path, text);
  return readFile(path, 'utf8');
}

/** Everything the services showed or said, as one string, for canary checks. */
export function everythingShown(h: AppHarness, extra: unknown[] = []): string {
  return JSON.stringify([h.snapshots, h.signInEvents, h.syncEvents, h.logs, ...extra]);
}
