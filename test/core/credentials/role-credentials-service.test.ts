import { spawn } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { build } from 'esbuild';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLogger, type LogRecord } from '../../../main/core/logger';
import type { IdentityCenterInstance } from '../../../main/core/model';
import { credentialsNamespace, readCachedCredentials, readFreshCredentials } from '../../../main/core/credentials/credential-cache';
import { RoleCredentialsService } from '../../../main/core/credentials/role-credentials-service';
import { createPortalClientFactory } from '../../../main/core/sync/portal-client';
import { PortalLimiters } from '../../../main/core/sync/portal-limiters';
import { demoOrganization, startIdentityCenter, type IdentityCenter } from '../../identity-center';
import { FakeClock } from '../../support/fake-clock';
import { emulatorInstance, EmulatorTokens, tempDataDir, testKeychain } from '../sync/support/emulator-session';

const organization = demoOrganization({ accounts: 2, rolesPerAccount: 2 });
const account = organization.accounts[0]!;
// AdministratorAccess: credentials live one hour.
const role = account.roles[0]!.name;

let clock: FakeClock;
let ic: IdentityCenter;
let tokens: EmulatorTokens;
let instance: IdentityCenterInstance;
let data: { dir: string; remove: () => Promise<void> };
let keychain: ReturnType<typeof testKeychain>;
let logs: LogRecord[];
const portalClients = createPortalClientFactory();

function service(options: { marginMs?: number } = {}) {
  return new RoleCredentialsService({
    store: keychain.store,
    tokens,
    portalClients,
    limiters: new PortalLimiters(),
    clock,
    dataDir: data.dir,
    logger: createLogger((record) => logs.push(record), { level: 'debug' }),
    ...options,
  });
}

const fetches = () => ic.stats().operations.GetRoleCredentials;

beforeEach(async () => {
  clock = new FakeClock();
  ic = await startIdentityCenter({ organization, clock });
  tokens = await EmulatorTokens.signIn(ic, clock);
  instance = emulatorInstance(ic);
  data = await tempDataDir();
  keychain = testKeychain();
  logs = [];
});

afterEach(async () => {
  await keychain.clear([credentialsNamespace('acme')]);
  tokens.close();
  await ic.close();
  await data.remove();
});

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
}

describe('RoleCredentialsService', () => {
  it('answers from the keychain while the margin is left, and fetches again past it', async () => {
    const credentials = service();
    const first = await credentials.get(instance, account.accountId, role);
    expect(fetches()).toBe(1);
    expect(first.expiration).toBe(clock.now() + 3600_000);
    // Stored in the keychain, one item for the role.
    expect(await readCachedCredentials(keychain.store, 'acme', account.accountId, role)).toEqual(first);

    // 54 minutes later, 6 minutes are left: still answered from the keychain.
    await ic.advanceClock(54 * 60);
    const again = await service().get(instance, account.accountId, role);
    expect(again).toEqual(first);
    expect(fetches()).toBe(1);

    // 2 more minutes: 4 minutes left is under the 5-minute margin, so new credentials.
    await ic.advanceClock(2 * 60);
    const renewed = await credentials.get(instance, account.accountId, role);
    expect(fetches()).toBe(2);
    expect(renewed.accessKeyId).not.toBe(first.accessKeyId);
    expect(renewed.expiration - clock.now()).toBe(3600_000);
    expect(await readFreshCredentials(keychain.store, 'acme', account.accountId, role, { now: clock.now() })).toEqual(renewed);
  });

  it('makes one GetRoleCredentials call for 50 callers at once', async () => {
    const credentials = service();
    const results = await Promise.all(Array.from({ length: 50 }, () => credentials.get(instance, account.accountId, role)));
    expect(fetches()).toBe(1);
    expect(new Set(results.map((r) => r.accessKeyId)).size).toBe(1);
  });

  it('makes one GetRoleCredentials call for several processes asking at once with a cold cache', async () => {
    // A slow portal keeps the first fetch under way while the others queue on the lock.
    ic.setLatency(300);
    const worker = join(import.meta.dirname, 'support', 'get-credentials-worker.ts');
    const tsx = join(process.cwd(), 'node_modules', '.bin', 'tsx');
    const config = JSON.stringify({ instance, dataDir: data.dir, servicePrefix: keychain.prefix, accountId: account.accountId, roleName: role, now: clock.now() });
    const children = Array.from({ length: 4 }, () =>
      spawn(tsx, [worker, config], { stdio: ['pipe', 'pipe', 'inherit'], env: { ...process.env, ROLECALL_TEST_ACCESS_TOKEN: tokens.accessToken } }),
    );
    const outputs = children.map((child) => {
      const lines = createInterface({ input: child.stdout });
      const ready = new Promise<void>((resolve) => lines.once('line', () => resolve()));
      const keyId = new Promise<string>((resolve, reject) => {
        lines.on('line', (line) => line !== 'ready' && resolve(line));
        child.on('exit', (code) => (code === 0 ? undefined : reject(new Error(`worker exited with ${code}`))));
      });
      return { ready, keyId };
    });
    await Promise.all(outputs.map((o) => o.ready));
    for (const child of children) child.stdin.write('go\n');
    const keyIds = await Promise.all(outputs.map((o) => o.keyId));
    await Promise.all(children.map((child) => new Promise((resolve) => (child.exitCode === null ? child.on('exit', resolve) : resolve(null)))));

    expect(fetches()).toBe(1);
    expect(new Set(keyIds).size).toBe(1);
    const cached = await readCachedCredentials(keychain.store, 'acme', account.accountId, role);
    expect(keyIds[0]).toBe(cached?.accessKeyId);
  });

  it('refreshes a refused token once and then gets the credentials', async () => {
    tokens.staleTokens.push('expired-token');
    const credentials = await service().get(instance, account.accountId, role);
    expect(credentials.accessKeyId).toMatch(/^ASIA/);
    expect(tokens.refreshes).toEqual(['expired-token']);
    const calls = ic.requests().filter((r) => r.operation === 'GetRoleCredentials').map((r) => r.status);
    expect(calls).toEqual([401, 200]);
  });

  it('says the session ended when the refreshed token is refused too', async () => {
    tokens.staleTokens.push('expired-token');
    tokens.refreshGivesBadToken = true;
    await expect(service().get(instance, account.accountId, role)).rejects.toMatchObject({ code: 'session-ended', instanceId: 'acme' });
    expect(tokens.refreshes).toHaveLength(1);
  });

  it('explains a role that is no longer assigned', async () => {
    const error = await service().get(instance, account.accountId, 'RetiredPermissionSet').catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: 'role-not-assigned',
      message: `The role "RetiredPermissionSet" in account ${account.accountId} is no longer assigned to you in Identity Center instance "acme".`,
    });
    await expect(service().get(instance, '12345', role)).rejects.toMatchObject({ code: 'invalid-input' });
  });

  it('leaves no secret in the app data folder or the log', async () => {
    await Promise.all([service().get(instance, account.accountId, role), service().get(instance, organization.accounts[1]!.accountId, role)]);
    const secrets = ic.issuedSecrets();
    expect(secrets.length).toBeGreaterThan(0);
    for (const file of await filesUnder(data.dir)) {
      const text = await readFile(file, 'utf8');
      expect(text).not.toContain('CANARY');
    }
    expect(logs.some((r) => r.message === 'role credentials fetched')).toBe(true);
    expect(JSON.stringify(logs)).not.toContain('CANARY');
  });

  it('keeps the AWS SDK out of the cache-reading module that credential_process loads', async () => {
    const result = await build({
      entryPoints: [join(process.cwd(), 'main/core/credentials/credential-cache.ts')],
      bundle: true,
      platform: 'node',
      format: 'esm',
      write: false,
      metafile: true,
      logLevel: 'silent',
    });
    const inputs = Object.keys(result.metafile.inputs);
    expect(inputs.some((path) => path.includes('main/core/credentials/credential-cache.ts'))).toBe(true);
    expect(inputs.filter((path) => path.includes('node_modules'))).toEqual([]);
  });
});
