import { randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LogoutCommand, SSOClient } from '@aws-sdk/client-sso';
import { afterAll, describe, expect, it } from 'vitest';
import { createAppLogger } from '../../main/app/app-log';
import { consoleSignInUrl, openConsole } from '../../main/core/console/console-sign-in';
import { credentialsNamespace } from '../../main/core/credentials/credential-cache';
import { RolecallError } from '../../main/core/errors';
import type { RoleCredentials, SignInEvent, SyncEvent } from '../../main/core/model';
import { createRolecallCore, type RolecallCore } from '../../main/core/rolecall-core';
import type { RefreshEvent } from '../../main/core/scheduler/refresh-scheduler';
import { clearNamespace } from '../../main/core/secrets/secret-records';
import { demoOrganization, startIdentityCenter, type IdentityCenter } from '../identity-center';
import { FakeClock } from '../support/fake-clock';
import { driveClock, filesUnder } from './auth/auth-harness';
import { leaksIn } from '../support/secret-leaks';

// Every secret the emulator issues carries CANARY. After a whole working day of Rolecall (two
// sign-ins, a sync, credentials, a console link, a refresh, and things going wrong), none of them
// may be found anywhere but the keychain: not in the log, not in an error, not in a file.

let ic: IdentityCenter;
let core: RolecallCore;
let dir: string;
afterAll(async () => {
  if (core) {
    await core.close();
    for (const instance of await core.instances.list()) {
      await clearNamespace(core.secrets, instance.id);
      await clearNamespace(core.secrets, credentialsNamespace(instance.id));
    }
  }
  await ic?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** Everything a person could read about an error: its words, its JSON, and those of its causes. */
function errorTexts(error: unknown): string[] {
  const out: string[] = [];
  let current: unknown = error;
  for (let depth = 0; current !== undefined && current !== null && depth < 8; depth += 1) {
    if (current instanceof RolecallError) out.push(JSON.stringify(current.toJSON()), current.hint ?? '');
    out.push(String(current), current instanceof Error ? (current.stack ?? '') : '');
    current = current instanceof Error ? current.cause : undefined;
  }
  return out;
}

async function failure(promise: Promise<unknown>): Promise<RolecallError> {
  const error = await promise.then(
    () => new Error('expected a failure'),
    (e: unknown) => e,
  );
  if (!(error instanceof RolecallError)) throw error;
  return error;
}

describe('canary: issued secrets stay in the keychain', () => {
  it('leave no trace in the log, errors, events or the app data folder after a full day of use', async () => {
    const clock = new FakeClock();
    ic = await startIdentityCenter({
      organization: demoOrganization({ accounts: 3, rolesPerAccount: 2 }),
      clock,
      tokenLifetimes: { accessTokenSeconds: 3600, sessionSeconds: 8 * 3600 },
    });
    dir = await mkdtemp(join(tmpdir(), 'rolecall canary '));
    const appDir = join(dir, 'app data');
    const logFile = join(appDir, 'logs', 'app.log');
    const env: NodeJS.ProcessEnv = {
      HOME: join(dir, 'home'),
      PATH: process.env.PATH,
      AWS_CONFIG_FILE: join(dir, 'home', '.aws', 'config'),
      ROLECALL_HOME: appDir,
      ROLECALL_KEYCHAIN_SERVICE: `rolecall-test-canary-${randomUUID()}`,
      ...(process.env.DBUS_SESSION_BUS_ADDRESS ? { DBUS_SESSION_BUS_ADDRESS: process.env.DBUS_SESSION_BUS_ADDRESS } : {}),
    };
    // The browser follows whatever it is sent, like a person who always says yes.
    const openUrl = async (url: string) => void (await (await fetch(url)).text());
    core = createRolecallCore({ env, platform: 'linux', clock, logger: createAppLogger(logFile, { level: 'debug' }), openUrl, cliCommand: ['/usr/bin/node', '/opt/rolecall.js'] });
    const shown: (SignInEvent | SyncEvent | RefreshEvent)[] = [];
    const errors: RolecallError[] = [];

    // Sign in with the device flow, then again with the auth code flow (PKCE).
    const instance = await core.instances.add({ startUrl: ic.startUrl, region: ic.region, name: 'Acme', endpointUrl: ic.endpoint });
    expect(instance.id).toBe('acme');
    ic.autoApprove('allow');
    await driveClock(clock, core.signIn.signIn(instance.id, { method: 'device', noBrowser: true, onEvent: (e) => shown.push(e) }));
    await core.signIn.signIn(instance.id, { method: 'pkce', onEvent: (e) => shown.push(e) });
    ic.autoApprove(false);

    // Sync, a sync that fails, credentials for two roles, and a console link.
    const { catalogs } = await core.portal();
    const { catalog } = await driveClock(clock, catalogs.sync(instance, (e) => shown.push(e)));
    expect(catalog.accounts).toHaveLength(3);
    ic.injectFault({ operation: 'ListAccounts', kind: 'http-500', times: 20 });
    errors.push(await failure(driveClock(clock, catalogs.sync(instance, (e) => shown.push(e)))));
    const [first, second] = catalog.accounts as [(typeof catalog.accounts)[number], (typeof catalog.accounts)[number]];
    const role = { instanceId: instance.id, accountId: first.accountId, roleName: first.roles[0]! };
    const credentials: RoleCredentials = await core.roleCredentials(role);
    await core.roleCredentials({ instanceId: instance.id, accountId: second.accountId, roleName: second.roles[0]! });
    const printed: string[] = [];
    await openConsole(
      { instance, credentials, destination: 'ec2/home', role: { accountId: first.accountId, accountName: first.accountName, roleName: role.roleName }, browser: { kind: 'print' } },
      { fetch: core.fetch, clock, logger: core.logger, platform: 'linux', env, exists: () => false, launcher: { launch: async () => undefined }, print: (url) => printed.push(url) },
    );
    expect(printed[0]).toMatch(/SigninToken=CANARY/);

    // The refresh scheduler keeps the session and the role fresh past the refresh lead.
    const scheduler = await core.scheduler();
    scheduler.on((e) => shown.push(e));
    await scheduler.watch(instance);
    await scheduler.useRole(instance, role.accountId, role.roleName);
    await ic.advanceClock(50 * 60);
    await scheduler.settled();
    const refreshes = ic.requests().filter((r) => r.operation === 'CreateToken' && r.grantType === 'refresh_token');
    expect(refreshes.map((r) => r.status)).toContain(200);
    expect(shown.filter((e) => e.type === 'token-refreshed' || e.type === 'credentials-refreshed').length).toBeGreaterThanOrEqual(2);

    // What the keychain holds now: every kind of secret, including the rotated refresh token.
    const keychain: string[] = [];
    for (const namespace of [instance.id, credentialsNamespace(instance.id)]) {
      for (const key of await core.secrets.keys(namespace)) keychain.push((await core.secrets.get(namespace, key)) ?? '');
    }
    const held = ic.issuedSecrets().filter((secret) => keychain.some((item) => item.includes(secret)));
    for (const kind of [/^aoaCANARY/, /^aorCANARY/, /^eyJraWQiOiJrZXktMTU2CANARY/, /^IQoJb3JpZ2luX2VjECANARY/, /^CANARY.{34}$/]) {
      expect(held.some((secret) => kind.test(secret)), `the keychain holds a secret like ${kind}`).toBe(true);
    }

    // Things going wrong: a role not assigned, keys the sign-in endpoint refuses, then Identity
    // Center ends the session (Logout), which every later call runs into.
    errors.push(await failure(core.roleCredentials({ ...role, roleName: 'NotAssignedAccess' })));
    errors.push(await failure(consoleSignInUrl({ instance, credentials: { ...credentials, secretAccessKey: `${credentials.secretAccessKey}x` } }, { fetch: core.fetch, clock, logger: core.logger })));
    const stored = await core.tokens.load(instance.id);
    if (stored?.kind !== 'token') throw new Error('not signed in');
    const portal = new SSOClient({ region: ic.region, endpoint: ic.endpoint, maxAttempts: 1 });
    await portal.send(new LogoutCommand({ accessToken: stored.accessToken })).finally(() => portal.destroy());
    errors.push(await failure(core.roleCredentials({ instanceId: instance.id, accountId: second.accountId, roleName: second.roles[1]! })));
    errors.push(await failure(driveClock(clock, catalogs.sync(instance, (e) => shown.push(e)))));
    await ic.advanceClock(20 * 60);
    await scheduler.settled();
    expect(errors.map((e) => e.code)).toEqual(['portal-unavailable', 'role-not-assigned', 'federation-refused', 'session-ended', 'session-ended']);

    const log = await readFile(logFile, 'utf8');
    const lines = log.trim().split('\n');
    expect(lines.length).toBeGreaterThan(10);
    for (const line of lines) expect(() => JSON.parse(line)).not.toThrow();
    const places: { where: string; text: string }[] = [
      ...lines.map((text, i) => ({ where: `log line ${i + 1}`, text })),
      ...errors.flatMap((e) => errorTexts(e).map((text) => ({ where: `error ${e.code}`, text }))),
      { where: 'events shown to the user', text: JSON.stringify(shown) },
      ...(await filesUnder(appDir)).map((f) => ({ where: f.path, text: f.content })),
    ];
    expect(places.some((p) => p.where.endsWith(join('app data', 'instances.json')))).toBe(true);
    expect(leaksIn(places, ic.issuedSecrets())).toEqual([]);
  });
});
