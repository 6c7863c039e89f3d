import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { requestBrokerCredentials } from '../../../main/core/broker/broker-client';
import { startAppBroker } from '../../../main/core/app-services/app-broker';
import type { RoleRef, SessionStatus } from '../../../main/core/model';
import type { RunningBroker } from '../../../main/core/broker/broker-server';
import { driveClock } from '../auth/auth-harness';
import { everythingShown, startAppHarness, type AppHarness } from './support/app-harness';

// Hours of session life on the fake clock: the scheduler refreshes, warns and ends; the state follows.
let h: AppHarness;
let broker: RunningBroker | undefined;

beforeEach(async () => {
  h = await startAppHarness();
});

afterEach(async () => {
  await broker?.close();
  broker = undefined;
  await h.close();
});

async function signedIn(): Promise<RoleRef> {
  const instance = await h.addSandbox();
  h.ic.autoApprove('allow');
  await driveClock(h.clock, h.services.sessions.signIn(instance.id));
  const state = await h.stateWhere((s) => s.catalogs.length === 1 && s.instances[0]?.sync === null, 'synced');
  const account = state.catalogs[0]!.accounts[0]!;
  return { instanceId: instance.id, accountId: account.accountId, roleName: account.roles[0]! };
}

/** Moves the clock in steps, letting the scheduler's refreshes (real HTTP) finish at each. */
async function travel(ms: number, stepMs = 5 * 60_000): Promise<void> {
  const scheduler = await h.core.scheduler();
  const target = h.clock.now() + ms;
  while (h.clock.now() < target) {
    await h.clock.advance(Math.min(stepMs, target - h.clock.now()));
    await scheduler.settled();
  }
}

/** Every status the published states showed, in order, without repeats. */
function statusesShown(): SessionStatus[] {
  const out: SessionStatus[] = [];
  for (const snapshot of h.snapshots) {
    const status = snapshot.instances[0]?.session.status;
    if (status !== undefined && out[out.length - 1] !== status) out.push(status);
  }
  return out;
}

describe('the session over time', () => {
  it('stays active through refreshes, warns at the setting, and ends when Identity Center ends it', async () => {
    await signedIn();
    await h.services.started();
    await h.services.settings.update({ sessionWarningMinutes: 30 });
    const endsAt = (await h.services.state.snapshot()).instances[0]!.session.expiresAt!;

    // Seven hours on: the access token was refreshed every hour, the session still active.
    await travel(7 * 3600_000);
    const refreshes = h.ic.requests().filter((r) => r.operation === 'CreateToken' && r.grantType === 'refresh_token');
    expect(refreshes.length).toBeGreaterThanOrEqual(6);
    expect(refreshes.every((r) => r.status === 200)).toBe(true);
    expect((await h.services.state.snapshot()).instances[0]?.session.status).toBe('active');

    // 30 minutes before the end (the setting, not the scheduler's default of 10).
    await travel(endsAt - 30 * 60_000 - h.clock.now() - 1000);
    expect((await h.services.state.snapshot()).instances[0]?.session.status).toBe('active');
    await h.stateWhere((s) => s.instances[0]?.session.status === 'ending-soon', 'ending soon');
    expect(h.clock.now()).toBeGreaterThanOrEqual(endsAt - 30 * 60_000);

    await travel(endsAt - h.clock.now() + 60_000);
    const ended = await h.stateWhere((s) => s.instances[0]?.session.status === 'expired', 'the end');
    expect(ended.instances[0]?.session.message).toMatch(/Sign in again/);
    expect(statusesShown().slice(-3)).toEqual(['active', 'ending-soon', 'expired']);
  });

  it('moves the warning when the setting changes', async () => {
    await signedIn();
    const endsAt = (await h.services.state.snapshot()).instances[0]!.session.expiresAt!;
    await h.clock.advance(endsAt - 20 * 60_000 - h.clock.now());
    await h.stateWhere((s) => s.settings.sessionWarningMinutes === 10 && s.instances[0]?.session.status === 'active', 'active with 10 minutes');
    await h.services.settings.update({ sessionWarningMinutes: 30 });
    await h.stateWhere((s) => s.instances[0]?.session.status === 'ending-soon', 'ending soon at once');
  });
});

describe('the broker in the app', () => {
  it('answers a credential_process caller from the app, keeps the role fresh, and forgets on sign-out', async () => {
    const role = await signedIn();
    broker = await startAppBroker(h.core, h.services);
    const answer = await requestBrokerCredentials(h.core.broker, role, false);
    expect(answer.kind).toBe('answered');
    const credentials = answer.kind === 'answered' ? answer.value : undefined;
    expect(h.ic.issuedSecrets()).toContain(credentials?.secretAccessKey);
    const fetched = () => h.ic.requests().filter((r) => r.operation === 'GetRoleCredentials').length;
    const again = await requestBrokerCredentials(h.core.broker, role, false);
    expect(again).toEqual(answer);
    expect(fetched()).toBe(1);
    // The scheduler fetches the role again ahead of its expiry, before any caller asks.
    await travel(50 * 60_000);
    expect(fetched()).toBe(2);
    const before = fetched();

    await h.services.sessions.signOut(role.instanceId);
    const after = await requestBrokerCredentials(h.core.broker, role, false);
    expect(after).toMatchObject({ kind: 'failed', error: { code: 'not-signed-in' } });
    expect(fetched()).toBe(before);
    for (const secret of h.ic.issuedSecrets()) expect(everythingShown(h)).not.toContain(secret);
  });
});
