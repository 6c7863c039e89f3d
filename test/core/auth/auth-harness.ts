import { randomUUID } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SignInService } from '../../../main/core/auth/sign-in-service';
import { TokenService } from '../../../main/core/auth/token-service';
import { InstanceRegistry } from '../../../main/core/instances/instance-registry';
import { createLogger, type LogRecord } from '../../../main/core/logger';
import type { IdentityCenterInstance } from '../../../main/core/model';
import { KeychainSecretStore } from '../../../main/core/secrets/keychain-store';
import { clearNamespace } from '../../../main/core/secrets/secret-records';
import { demoOrganization, startIdentityCenter, type IdentityCenter, type TokenLifetimes } from '../../identity-center';
import { FakeClock } from '../../support/fake-clock';

/**
 * Everything a sign-in test needs, real where it can be: the emulator on 127.0.0.1, the real
 * Secret Service (under a service prefix of its own), a fresh app data folder, and one
 * FakeClock shared by the code under test and the emulator.
 */
export interface AuthHarness {
  clock: FakeClock;
  ic: IdentityCenter;
  appDir: string;
  secrets: KeychainSecretStore;
  registry: InstanceRegistry;
  instance: IdentityCenterInstance;
  tokens: TokenService;
  signIn: SignInService;
  /** URLs the code under test asked the browser to open. */
  opened: string[];
  logs: LogRecord[];
  /** What the fake browser does with an opened URL (default: nothing). */
  browser: { open: (url: string) => Promise<void> };
  /** A second "process": its own services over the same keychain and app data folder. */
  otherProcess(): { tokens: TokenService; signIn: SignInService };
  close(): Promise<void>;
}

export async function startAuthHarness(options: { lifetimes?: Partial<TokenLifetimes>; refreshLeadMs?: number } = {}): Promise<AuthHarness> {
  const clock = new FakeClock();
  const ic = await startIdentityCenter({
    organization: demoOrganization({ accounts: 2, rolesPerAccount: 1 }),
    clock,
    tokenLifetimes: { accessTokenSeconds: 3600, sessionSeconds: 8 * 3600, deviceCodeSeconds: 600, ...options.lifetimes },
  });
  const appDir = await mkdtemp(join(tmpdir(), 'rolecall-auth-'));
  const secrets = new KeychainSecretStore({ servicePrefix: `rolecall-test-${randomUUID()}` });
  const registry = new InstanceRegistry({ appDataDir: appDir, secrets });
  const instance = await registry.add({ startUrl: ic.startUrl, region: ic.region, name: 'Acme', endpointUrl: ic.endpoint });
  const logs: LogRecord[] = [];
  const logger = createLogger((record) => logs.push(record), { level: 'debug' });
  const opened: string[] = [];
  const browser = { open: async (_url: string) => undefined };
  const build = () => {
    const tokens = new TokenService({ instances: registry, secrets, clock, appDataDir: appDir, logger, ...(options.refreshLeadMs ? { refreshLeadMs: options.refreshLeadMs } : {}) });
    const signIn = new SignInService({
      instances: registry,
      tokens,
      clock,
      appDataDir: appDir,
      logger,
      openUrl: async (url) => {
        opened.push(url);
        await browser.open(url);
      },
    });
    return { tokens, signIn };
  };
  const { tokens, signIn } = build();
  return {
    clock,
    ic,
    appDir,
    secrets,
    registry,
    instance,
    tokens,
    signIn,
    opened,
    logs,
    browser,
    otherProcess: build,
    async close() {
      await clearNamespace(secrets, instance.id);
      await ic.close();
      await rm(appDir, { recursive: true, force: true });
    },
  };
}

/**
 * Moves the fake clock forward in `stepMs` steps whenever the code under test is waiting on
 * it, until `promise` settles. Between steps it waits for the condition "a timer is
 * pending", never for a fixed time.
 */
export async function driveClock<T>(clock: FakeClock, promise: Promise<T>, stepMs = 1000): Promise<T> {
  let settled = false;
  promise.then(
    () => (settled = true),
    () => (settled = true),
  );
  const deadline = Date.now() + 20_000;
  while (!settled) {
    await until(() => settled || clock.pendingTimers > 0, deadline);
    if (!settled) await clock.advance(stepMs);
  }
  return promise;
}

/** Resolves once `condition` holds (checked every few ms), or throws after the deadline. */
export async function until(condition: () => boolean, deadline = Date.now() + 10_000): Promise<void> {
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}

/** Plays the user on the emulator's device page: opens the URL and presses Allow or Deny. */
export async function answerDevicePage(url: string, decision: 'allow' | 'deny'): Promise<string> {
  const page = await fetch(url);
  const html = await page.text();
  const userCode = /name="user_code" value="([^"]+)"/.exec(html)?.[1];
  if (!userCode) throw new Error(`no user code on the device page (${page.status})`);
  const answer = await fetch(new URL('/device', url), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ user_code: userCode, decision }).toString(),
  });
  return answer.text();
}

/** Every file under `dir`, with its content. */
export async function filesUnder(dir: string): Promise<Array<{ path: string; content: string }>> {
  const out: Array<{ path: string; content: string }> = [];
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    out.push({ path, content: await readFile(path, 'utf8') });
  }
  return out;
}
