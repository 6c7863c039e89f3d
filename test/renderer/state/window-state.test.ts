import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, type SyncEvent } from '../../../main/core/model';
import type { AppSnapshot } from '../../../main/ipc/contract';
import { INITIAL_WINDOW_STATE, streamedAccounts, windowReducer, type WindowAction, type WindowState } from '../../../renderer/state/window-state';
import { ACME, account } from '../fixtures';

const snapshot = (over: Partial<AppSnapshot> = {}): AppSnapshot => ({
  instances: [{ ...ACME, session: { instanceId: 'acme', status: 'active', expiresAt: 1e13 }, sync: null, syncError: null }],
  catalogs: [],
  favourites: [],
  recents: [],
  profiles: {},
  settings: DEFAULT_SETTINGS,
  ...over,
});
const run = (actions: WindowAction[], start: WindowState = INITIAL_WINDOW_STATE) => actions.reduce(windowReducer, start);

describe('windowReducer: sync progress', () => {
  const accountEvent = (n: number, total: number): SyncEvent => ({ type: 'account', instanceId: 'acme', account: account(`A${n}`, String(100000000000 + n), ['ReadOnlyAccess']), done: n, total });

  it('collects accounts as they arrive and counts them', () => {
    const state = run([
      { type: 'snapshot', snapshot: snapshot() },
      { type: 'sync-events', events: [{ type: 'started', instanceId: 'acme' }, { type: 'accounts-listed', instanceId: 'acme', total: 1000 }] },
      { type: 'sync-events', events: Array.from({ length: 340 }, (_, i) => accountEvent(i + 1, 1000)) },
    ]);
    expect(state.syncs.acme).toMatchObject({ done: 340, total: 1000, finishedAt: null });
    expect(streamedAccounts(state.syncs).acme).toHaveLength(340);
  });

  it('keeps the streamed accounts after the sync finishes until a snapshot carries the new catalog', () => {
    const finished = run([
      { type: 'snapshot', snapshot: snapshot() },
      { type: 'sync-events', events: [{ type: 'started', instanceId: 'acme' }, accountEvent(1, 1), { type: 'finished', instanceId: 'acme', accounts: 1, roles: 1, syncedAt: 5000 }] },
    ]);
    expect(finished.syncs.acme?.accounts).toHaveLength(1);
    const stale = windowReducer(finished, { type: 'snapshot', snapshot: snapshot({ catalogs: [{ instanceId: 'acme', accounts: [], syncedAt: 4000 }] }) });
    expect(stale.syncs.acme).toBeDefined();
    const landed = windowReducer(finished, { type: 'snapshot', snapshot: snapshot({ catalogs: [{ instanceId: 'acme', accounts: [], syncedAt: 5000 }] }) });
    expect(landed.syncs.acme).toBeUndefined();
  });

  it('drops a failed sync’s partial list: the last good list stays', () => {
    const state = run([
      { type: 'snapshot', snapshot: snapshot() },
      { type: 'sync-events', events: [{ type: 'started', instanceId: 'acme' }, accountEvent(1, 10), { type: 'failed', instanceId: 'acme', error: { code: 'throttled', message: 'x' } }] },
    ]);
    expect(state.syncs.acme).toBeUndefined();
  });
});

describe('windowReducer: sign-in', () => {
  const authorization = { type: 'authorization', instanceId: 'acme', userCode: 'ABCD-EFGH', verificationUri: 'https://v/', verificationUriComplete: 'https://v/?c', expiresAt: 9 } as const;

  it('goes from starting to a code to signed in', () => {
    const state = run([
      { type: 'sign-in-requested', instanceId: 'acme' },
      { type: 'sign-in-event', event: authorization, online: true },
      { type: 'sign-in-event', event: { type: 'browser-opened', instanceId: 'acme', url: 'https://v/?c' }, online: true },
      { type: 'sign-in-event', event: { type: 'waiting', instanceId: 'acme' }, online: true },
    ]);
    expect(state.signIns.acme).toMatchObject({ phase: 'code', userCode: 'ABCD-EFGH', browserOpened: true });
    expect(windowReducer(state, { type: 'sign-in-event', event: { type: 'signed-in', instanceId: 'acme', expiresAt: 1 }, online: true }).signIns.acme?.phase).toBe('signed-in');
  });

  it('shows the authorization-code flow, which has no code, as a browser sign-in', () => {
    const state = run([
      { type: 'sign-in-requested', instanceId: 'acme' },
      { type: 'sign-in-event', event: { ...authorization, userCode: '', verificationUriComplete: 'https://oidc/authorize?x' }, online: true },
    ]);
    expect(state.signIns.acme).toEqual({ phase: 'browser', instanceId: 'acme', url: 'https://oidc/authorize?x', expiresAt: 9, browserOpened: false });
    const opened = windowReducer(state, { type: 'sign-in-event', event: { type: 'browser-opened', instanceId: 'acme', url: 'https://oidc/authorize?x' }, online: true });
    expect(opened.signIns.acme).toMatchObject({ phase: 'browser', browserOpened: true });
  });

  it('sorts failures into denied, expired and offline, and says offline when the network is gone', () => {
    const fail = (code: string, online = true) =>
      run([{ type: 'sign-in-requested', instanceId: 'acme' }, { type: 'sign-in-event', event: { type: 'failed', instanceId: 'acme', error: { code, message: 'm' } }, online }]).signIns.acme;
    expect(fail('sign-in-denied')).toMatchObject({ phase: 'failed', kind: 'denied' });
    expect(fail('sign-in-expired')).toMatchObject({ kind: 'expired' });
    expect(fail('identity-center-unreachable')).toMatchObject({ kind: 'offline' });
    expect(fail('identity-center-error')).toMatchObject({ kind: 'other' });
    expect(fail('identity-center-error', false)).toMatchObject({ kind: 'offline' });
  });

  it('ignores a rejected request once the user dismissed the sign-in', () => {
    const state = run([
      { type: 'sign-in-requested', instanceId: 'acme' },
      { type: 'sign-in-dismissed', instanceId: 'acme' },
      { type: 'sign-in-rejected', instanceId: 'acme', error: { code: 'sign-in-cancelled', message: 'm' }, online: true },
    ]);
    expect(state.signIns.acme).toBeUndefined();
  });
});

describe('windowReducer: changes the user made', () => {
  it('shows a favourite, a profile and saved settings at once, before main reports them', () => {
    const state = run([
      { type: 'snapshot', snapshot: snapshot() },
      { type: 'favourite-set', key: 'acme/111111111111/Admin', favourite: true },
      { type: 'profile-set', key: 'acme/111111111111/Admin', profile: 'Prod/Admin' },
      { type: 'settings-saved', settings: { ...DEFAULT_SETTINGS, terminal: 'xterm' } },
    ]);
    expect(state.snapshot).toMatchObject({ favourites: ['acme/111111111111/Admin'], profiles: { 'acme/111111111111/Admin': 'Prod/Admin' }, settings: { terminal: 'xterm' } });
    const undone = run([{ type: 'favourite-set', key: 'acme/111111111111/Admin', favourite: false }, { type: 'profile-set', key: 'acme/111111111111/Admin', profile: null }], state);
    expect(undone.snapshot).toMatchObject({ favourites: [], profiles: {} });
  });
});
