import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { demoOrganization } from '../../identity-center';
import { answerDevicePage, driveClock } from '../auth/auth-harness';
import { everythingShown, startAppHarness, type AppHarness } from './support/app-harness';

let h: AppHarness;

beforeEach(async () => {
  h = await startAppHarness({ ic: { organization: demoOrganization({ accounts: 40, rolesPerAccount: 3 }) } });
});

afterEach(async () => {
  await h.close();
});

const deviceStarts = () => h.ic.requests().filter((r) => r.operation === 'StartDeviceAuthorization').length;

describe('sign-in and sync through the app services', () => {
  it('adds a sandbox instance, signs in through the verification page main opened, and streams the accounts in', async () => {
    const instance = await h.addSandbox();
    let state = await h.stateWhere((s) => s.instances.length === 1, 'the new instance');
    expect(state.instances[0]).toMatchObject({ id: 'acme', name: 'Acme', endpointUrl: h.ic.endpoint, session: { status: 'signed-out' }, sync: null, syncError: null });

    h.browser.open = async (url) => void (await answerDevicePage(url, 'allow'));
    const signedIn = h.services.sessions.signIn(instance.id);
    await h.stateWhere((s) => s.instances[0]?.session.status === 'signing-in', 'signing in');
    await driveClock(h.clock, signedIn);

    // The page was opened once, by main, through the product's browser opener.
    expect(h.launches).toHaveLength(1);
    expect(h.launches[0]?.command).toBe('/usr/bin/xdg-open');
    expect(h.launches[0]?.args[0]).toMatch(new RegExp(`^${h.ic.endpoint}/device\\?user_code=`));
    expect(h.signInEvents.map((e) => e.type)).toEqual(['authorization', 'browser-opened', 'waiting', 'signed-in']);

    // A sync starts by itself; the window hears of every account, the state of the counts.
    state = await h.stateWhere((s) => s.catalogs.length === 1 && s.instances[0]?.sync === null, 'the synced list');
    expect(state.instances[0]?.session.status).toBe('active');
    // The 8-hour session, not the 1-hour access token. The margin is wide: this clock runs ahead of
    // the emulator's while the test drives it, more so on a busy machine.
    expect(state.instances[0]!.session.expiresAt! - h.clock.now()).toBeGreaterThan(6 * 3600_000);
    expect(state.catalogs[0]?.accounts).toHaveLength(40);
    expect(state.catalogs[0]?.accounts.flatMap((a) => a.roles)).toHaveLength(120);
    const accountEvents = h.syncEvents.filter((e) => e.type === 'account');
    expect(accountEvents).toHaveLength(40);
    expect(h.syncEvents[0]?.type).toBe('started');
    expect(h.syncEvents[h.syncEvents.length - 1]?.type).toBe('finished');
    const progress = h.snapshots.map((s) => s.instances[0]?.sync).filter((p) => p !== null && p !== undefined);
    expect(progress.length).toBeGreaterThan(0);
    // However fast events come, listeners hear of the state at most once per 100 ms.
    const gaps = h.snapshotTimes.slice(1).map((t, i) => t - h.snapshotTimes[i]!);
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(100);

    for (const secret of h.ic.issuedSecrets()) expect(everythingShown(h)).not.toContain(secret);
  });

  it('joins a sign-in under way, and a cancel stops it for every caller', async () => {
    const instance = await h.addSandbox();
    const first = h.services.sessions.signIn(instance.id);
    const second = h.services.sessions.signIn(instance.id);
    await h.stateWhere((s) => s.instances[0]?.session.status === 'signing-in', 'signing in');
    await driveClock(h.clock, new Promise<void>((resolve) => {
      const check = () => (h.signInEvents.some((e) => e.type === 'waiting') ? resolve() : setTimeout(check, 2));
      check();
    }));
    expect(deviceStarts()).toBe(1);

    await h.services.sessions.cancelSignIn(instance.id);
    const outcomes = await Promise.allSettled([first, second]);
    expect(outcomes.map((o) => (o.status === 'rejected' ? (o.reason as { code: string }).code : 'resolved'))).toEqual(['sign-in-cancelled', 'sign-in-cancelled']);
    await h.stateWhere((s) => s.instances[0]?.session.status === 'signed-out', 'signed out again');
    const polls = h.ic.requests().filter((r) => r.operation === 'CreateToken').length;
    await h.clock.advance(60_000);
    expect(h.ic.requests().filter((r) => r.operation === 'CreateToken').length).toBe(polls);
    expect(h.signInEvents.filter((e) => e.type === 'authorization')).toHaveLength(1);
  });

  it('reports a denied sign-in as a typed error and keeps the instance signed out', async () => {
    const instance = await h.addSandbox();
    h.browser.open = async (url) => void (await answerDevicePage(url, 'deny'));
    const error = await driveClock(h.clock, h.services.sessions.signIn(instance.id)).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'sign-in-denied' });
    expect(h.signInEvents[h.signInEvents.length - 1]).toMatchObject({ type: 'failed', error: { code: 'sign-in-denied' } });
    await h.stateWhere((s) => s.instances[0]?.session.status === 'signed-out', 'signed out');
  });

  it('signs out: ends the portal session, forgets the tokens, and says so in the state', async () => {
    const instance = await h.addSandbox();
    h.ic.autoApprove('allow');
    await driveClock(h.clock, h.services.sessions.signIn(instance.id));
    await h.stateWhere((s) => s.instances[0]?.session.status === 'active' && s.catalogs.length === 1, 'signed in and synced');
    const gone: string[] = [];
    h.services.onSessionGone((id) => gone.push(id));
    const account = (await h.services.state.snapshot()).catalogs[0]!.accounts[0]!;
    const role = { instanceId: instance.id, accountId: account.accountId, roleName: account.roles[0]! };
    await h.services.roles.environmentSnippet(role, 'bash');
    expect(await h.secrets.keys(`${instance.id}/roles`)).toHaveLength(1);

    await h.services.sessions.signOut(instance.id);
    const state = await h.stateWhere((s) => s.instances[0]?.session.status === 'signed-out', 'signed out');
    expect(h.ic.requests().filter((r) => r.operation === 'Logout').map((r) => r.status)).toEqual([200]);
    expect(gone).toEqual([instance.id]);
    expect(await h.secrets.keys(`${instance.id}/roles`)).toEqual([]);
    // The last list stays on screen; acting as a role now asks for a sign-in.
    expect(state.catalogs).toHaveLength(1);
    await expect(h.services.roles.environmentSnippet(role, 'bash')).rejects.toMatchObject({ code: 'not-signed-in' });
  });

  it('shows the cached list at once after a restart, then brings it up to date in the background', async () => {
    const instance = await h.addSandbox();
    h.ic.autoApprove('allow');
    await driveClock(h.clock, h.services.sessions.signIn(instance.id));
    await h.stateWhere((s) => s.catalogs.length === 1 && s.instances[0]?.sync === null, 'synced');
    const listings = () => h.ic.requests().filter((r) => r.operation === 'ListAccounts').length;
    const before = listings();

    await h.restart({ background: false });
    const first = await h.services.state.snapshot();
    expect(first.instances[0]?.session.status).toBe('active');
    expect(first.catalogs[0]?.accounts).toHaveLength(40);
    expect(listings()).toBe(before);

    await h.restart();
    await h.services.started();
    await h.stateWhere((s) => s.instances[0]?.sync === null && listings() > before, 'revalidated');
    expect((await h.services.state.snapshot()).catalogs[0]?.accounts).toHaveLength(40);
  });

  it('keeps the last good list and says why when a sync fails', async () => {
    const instance = await h.addSandbox();
    h.ic.autoApprove('allow');
    await driveClock(h.clock, h.services.sessions.signIn(instance.id));
    await h.stateWhere((s) => s.catalogs.length === 1 && s.instances[0]?.sync === null, 'synced');

    h.ic.injectFault({ operation: 'ListAccounts', kind: 'http-500', times: 50 });
    const error = await h.settle(h.services.catalog.sync(instance.id)).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'portal-unavailable' });
    const state = await h.stateWhere((s) => s.instances[0]?.syncError !== null && s.instances[0]?.sync === null, 'the sync error');
    expect(state.instances[0]?.syncError).toBe((error as Error).message);
    expect(state.catalogs[0]?.accounts).toHaveLength(40);
  });
});
