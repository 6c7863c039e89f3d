import { afterEach, describe, expect, it } from 'vitest';
import { credentialsNamespace } from '../../../main/core/credentials/credential-cache';
import { RoleCredentialsService } from '../../../main/core/credentials/role-credentials-service';
import type { IdentityCenterInstance } from '../../../main/core/model';
import { RefreshScheduler, type RefreshEvent, type RefreshSchedulerOptions } from '../../../main/core/scheduler/refresh-scheduler';
import { createPortalClientFactory } from '../../../main/core/sync/portal-client';
import { PortalLimiters } from '../../../main/core/sync/portal-limiters';
import { demoOrganization, startIdentityCenter, type IdentityCenter } from '../../identity-center';
import { FakeClock } from '../../support/fake-clock';
import { emulatorInstance, EmulatorTokens, tempDataDir, testKeychain } from '../sync/support/emulator-session';
import { seededRandom as seeded } from '../../support/seeded-random';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const organization = demoOrganization({ accounts: 2, rolesPerAccount: 2 });
const account = organization.accounts[0]!;
// AdministratorAccess: credentials live one hour.
const role = account.roles[0]!.name;
const portalClients = createPortalClientFactory();

interface World {
  clock: FakeClock;
  ic: IdentityCenter;
  tokens: EmulatorTokens;
  instance: IdentityCenterInstance;
  credentials: RoleCredentialsService;
  scheduler: RefreshScheduler;
  events: RefreshEvent[];
}

let cleanups: (() => Promise<void>)[] = [];

afterEach(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  cleanups = [];
});

/** The emulator and the code under test on one fake clock, signed in, with the real keychain. */
async function world(options: { sessionHours: number; tokensKnowSessionEnd?: boolean; lengths?: Pick<RefreshSchedulerOptions, 'tokenLeadMs' | 'credentialsLeadMs' | 'sessionWarningMs'> }): Promise<World> {
  const clock = new FakeClock();
  const ic = await startIdentityCenter({ organization, clock, tokenLifetimes: { accessTokenSeconds: 3600, sessionSeconds: options.sessionHours * 3600 } });
  const tokens = await EmulatorTokens.signIn(ic, clock, options.tokensKnowSessionEnd === false ? {} : { sessionSeconds: options.sessionHours * 3600 });
  const data = await tempDataDir();
  const keychain = testKeychain();
  const credentials = new RoleCredentialsService({ store: keychain.store, tokens, portalClients, limiters: new PortalLimiters(), clock, dataDir: data.dir });
  const scheduler = new RefreshScheduler({ clock, tokens, credentials, tokenLeadMs: 15 * MINUTE, credentialsLeadMs: 15 * MINUTE, sessionWarningMs: 10 * MINUTE, ...options.lengths });
  const events: RefreshEvent[] = [];
  scheduler.on((event) => events.push(event));
  cleanups.push(async () => {
    await scheduler.stop();
    await keychain.clear([credentialsNamespace('acme')]);
    tokens.close();
    await ic.close();
    await data.remove();
  });
  return { clock, ic, tokens, instance: emulatorInstance(ic), credentials, scheduler, events };
}

/** Moves the emulator's clock (and the shared fake clock) and lets every refresh it triggered finish. */
async function travel(w: World, ms: number, step = MINUTE): Promise<void> {
  for (let moved = 0; moved < ms; moved += step) {
    await w.ic.advanceClock(Math.min(step, ms - moved) / 1000);
    await w.scheduler.settled();
  }
}

describe('RefreshScheduler with the emulator on a shared fake clock', () => {
  it('keeps the session and a role in use fresh through 24 hours', async () => {
    const w = await world({ sessionHours: 30 });
    await w.scheduler.useRole(w.instance, account.accountId, role);
    const random = seeded(42);
    let handedOut = 0;
    for (let hour = 0; hour < 24; hour += 1) {
      // A credential_process call at a random minute of each hour.
      const at = Math.floor(random() * 60);
      await travel(w, at * MINUTE);
      const credentials = await w.credentials.get(w.instance, account.accountId, role);
      expect(credentials.expiration - w.clock.now()).toBeGreaterThanOrEqual(5 * MINUTE);
      handedOut += 1;
      await travel(w, (60 - at) * MINUTE);
    }
    expect(handedOut).toBe(24);
    const log = w.ic.requests();
    // The token never lapsed: the portal never refused it.
    expect(log.filter((r) => r.status === 401)).toEqual([]);
    // Refreshed 15 minutes ahead of each hour-long token: every 45 minutes, 32 times in 24 h.
    const refreshes = log.filter((r) => r.operation === 'CreateToken' && r.grantType === 'refresh_token' && r.status === 200);
    expect(refreshes.length).toBeGreaterThanOrEqual(31);
    expect(refreshes.length).toBeLessThanOrEqual(33);
    // Hour-long credentials refreshed 15 minutes ahead: one fetch per 45 minutes, no more.
    expect(w.ic.stats().operations.GetRoleCredentials).toBeLessThanOrEqual(Math.ceil((24 * 60) / 45) + 1);
    expect(w.events.filter((e) => e.type === 'session-ended' || e.type === 'refresh-failed')).toEqual([]);
  });

  it('warns before the session ends, says when it has ended, and stops refreshing', async () => {
    const w = await world({ sessionHours: 2 });
    await w.scheduler.useRole(w.instance, account.accountId, role);
    const started = w.clock.now();
    await travel(w, 109 * MINUTE);
    expect(w.events.filter((e) => e.type === 'session-ending-soon')).toEqual([]);
    await travel(w, 2 * MINUTE);
    expect(w.events.filter((e) => e.type === 'session-ending-soon')).toEqual([{ type: 'session-ending-soon', instanceId: 'acme', sessionExpiresAt: started + 2 * HOUR }]);
    expect(w.events.some((e) => e.type === 'session-ended')).toBe(false);
    await travel(w, 10 * MINUTE);
    expect(w.events.filter((e) => e.type === 'session-ended')).toEqual([{ type: 'session-ended', instanceId: 'acme' }]);
    expect(w.clock.pendingTimers).toBe(0);
    const after = w.ic.stats().operations;
    await travel(w, 3 * HOUR, 10 * MINUTE);
    expect(w.ic.stats().operations).toEqual(after);
  });

  it('finds out that the session ended when the refresh is refused', async () => {
    // The sign-in does not know when the session ends; the portal ends it after an hour.
    const w = await world({ sessionHours: 1, tokensKnowSessionEnd: false });
    await w.scheduler.watch(w.instance);
    await travel(w, 59 * MINUTE);
    // Refreshed at 45 min, but the session caps every new token at 60 min: the scheduler
    // backs off instead of refreshing in a loop.
    const refreshed = w.events.filter((e) => e.type === 'token-refreshed');
    expect(refreshed.length).toBeGreaterThanOrEqual(1);
    expect(refreshed.length).toBeLessThanOrEqual(6);
    expect(w.events.some((e) => e.type === 'session-ended')).toBe(false);
    await travel(w, 5 * MINUTE);
    expect(w.events.at(-1)).toEqual({ type: 'session-ended', instanceId: 'acme' });
    const refreshCalls = w.ic.requests().filter((r) => r.operation === 'CreateToken' && r.grantType === 'refresh_token');
    expect(refreshCalls.at(-1)?.status).toBe(400);
    expect(refreshCalls.slice(0, -1).every((r) => r.status === 200)).toBe(true);
    expect(w.clock.pendingTimers).toBe(0);
  });

  it('retries a refresh that failed on the network, then carries on', async () => {
    const w = await world({ sessionHours: 8 });
    await w.scheduler.watch(w.instance);
    w.ic.injectFault({ operation: 'CreateToken', kind: 'drop' });
    await travel(w, 45 * MINUTE);
    const failed = w.events.find((e) => e.type === 'refresh-failed');
    expect(failed).toMatchObject({ type: 'refresh-failed', instanceId: 'acme', retryAt: w.clock.now() + 30_000 });
    await travel(w, 30_000, 10_000);
    expect(w.events.map((e) => e.type)).toEqual(['refresh-failed', 'token-refreshed']);
    expect(w.tokens.accessTokenExpiresAt).toBe(w.clock.now() + HOUR);
  });

  it('moves its planned refreshes and warning when the lengths change (replan), without a restart', async () => {
    // The lengths are getters, as over the user's settings.
    const lengths = { lead: 15 * MINUTE, warning: 10 * MINUTE };
    const w = await world({ sessionHours: 8, lengths: { tokenLeadMs: () => lengths.lead, credentialsLeadMs: () => lengths.lead, sessionWarningMs: () => lengths.warning } });
    const started = w.clock.now();
    await w.scheduler.useRole(w.instance, account.accountId, role);
    await travel(w, 20 * MINUTE);
    expect(w.events.map((e) => e.type)).toEqual(['credentials-refreshed']);

    lengths.lead = 30 * MINUTE;
    lengths.warning = 7 * HOUR + 45 * MINUTE;
    w.scheduler.replan();
    await w.scheduler.settled();
    // The session is already inside the longer warning: said at once.
    expect(w.events.slice(1)).toEqual([{ type: 'session-ending-soon', instanceId: 'acme', sessionExpiresAt: started + 8 * HOUR }]);

    // Token and role now refresh 30 minutes ahead of their hour: at minute 30, not 45.
    await travel(w, 11 * MINUTE);
    expect(w.events.filter((e) => e.type === 'token-refreshed')).toHaveLength(1);
    expect(w.events.filter((e) => e.type === 'credentials-refreshed')).toHaveLength(2);
    expect(w.ic.stats().operations.GetRoleCredentials).toBe(2);
    expect(w.events.filter((e) => e.type === 'session-ending-soon')).toHaveLength(1);
  });

  it('leaves no timer behind when stopped', async () => {
    const w = await world({ sessionHours: 8 });
    await w.scheduler.useRole(w.instance, account.accountId, role);
    expect(w.clock.pendingTimers).toBeGreaterThan(0);
    await w.scheduler.stop();
    expect(w.clock.pendingTimers).toBe(0);
    const before = w.ic.stats().operations;
    await w.ic.advanceClock(10 * 3600);
    expect(w.ic.stats().operations).toEqual(before);
    expect(w.events.map((e) => e.type)).toEqual(['credentials-refreshed']);
  });
});
