import type { AccountWithRoles, IdentityCenterInstance, Settings, SignInEvent, SyncEvent } from '../../main/core/model';
import type { AppSnapshot, IpcError } from '../../main/ipc/contract';
import { signInFailureKind, type SignInFailureKind } from '../sign-in/failure-kind';

/** Where one sign-in started from this window stands. */
export type SignInFlow =
  | { phase: 'starting'; instanceId: string }
  | {
      phase: 'code';
      instanceId: string;
      userCode: string;
      verificationUri: string;
      verificationUriComplete: string;
      expiresAt: number;
      browserOpened: boolean;
    }
  /** The authorization-code flow: the browser does everything, there is no code to show. */
  | { phase: 'browser'; instanceId: string; url: string; expiresAt: number | null; browserOpened: boolean }
  | { phase: 'signed-in'; instanceId: string; expiresAt: number }
  | { phase: 'failed'; instanceId: string; error: IpcError; kind: SignInFailureKind };

/** Accounts a sync under way has delivered so far. */
export interface StreamedSync {
  accounts: AccountWithRoles[];
  done: number;
  total: number | null;
  /** `syncedAt` of the finished sync; the stream is dropped once a snapshot carries that catalog. */
  finishedAt: number | null;
}

export interface WindowState {
  snapshot: AppSnapshot | null;
  loadError: IpcError | null;
  signIns: Readonly<Record<string, SignInFlow>>;
  syncs: Readonly<Record<string, StreamedSync>>;
}

export type WindowAction =
  | { type: 'snapshot'; snapshot: AppSnapshot }
  | { type: 'load-failed'; error: IpcError }
  | { type: 'sign-in-requested'; instanceId: string }
  | { type: 'sign-in-event'; event: SignInEvent; online: boolean }
  | { type: 'sign-in-rejected'; instanceId: string; error: IpcError; online: boolean }
  | { type: 'sign-in-dismissed'; instanceId: string }
  | { type: 'sync-events'; events: readonly SyncEvent[] }
  | { type: 'instance-added'; instance: IdentityCenterInstance }
  | { type: 'favourite-set'; key: string; favourite: boolean }
  | { type: 'profile-set'; key: string; profile: string | null }
  | { type: 'settings-saved'; settings: Settings };

export const INITIAL_WINDOW_STATE: WindowState = { snapshot: null, loadError: null, signIns: {}, syncs: {} };

/** The window's state machine. Pure: every change the window shows goes through here. */
export function windowReducer(state: WindowState, action: WindowAction): WindowState {
  switch (action.type) {
    case 'snapshot':
      return { ...state, snapshot: action.snapshot, loadError: null, syncs: dropLandedSyncs(state.syncs, action.snapshot) };
    case 'load-failed':
      return { ...state, loadError: action.error };
    case 'sign-in-requested':
      return { ...state, signIns: { ...state.signIns, [action.instanceId]: { phase: 'starting', instanceId: action.instanceId } } };
    case 'sign-in-event':
      return applySignInEvent(state, action.event, action.online);
    case 'sign-in-rejected': {
      const current = state.signIns[action.instanceId];
      // Already explained by a `failed` event, or the user walked away: nothing to add.
      if (current === undefined || current.phase === 'failed') return state;
      const flow: SignInFlow = { phase: 'failed', instanceId: action.instanceId, error: action.error, kind: signInFailureKind(action.error, action.online) };
      return { ...state, signIns: { ...state.signIns, [action.instanceId]: flow } };
    }
    case 'sign-in-dismissed': {
      const { [action.instanceId]: _gone, ...rest } = state.signIns;
      return { ...state, signIns: rest };
    }
    case 'sync-events':
      return { ...state, syncs: action.events.reduce((syncs, event) => applySyncEvent(syncs, event, state.snapshot), state.syncs) };
    case 'instance-added':
      return withSnapshot(state, (s) =>
        s.instances.some((i) => i.id === action.instance.id)
          ? s
          : {
              ...s,
              instances: [...s.instances, { ...action.instance, session: { instanceId: action.instance.id, status: 'signed-out' }, sync: null, syncError: null }],
            },
      );
    case 'favourite-set':
      return withSnapshot(state, (s) => {
        const without = s.favourites.filter((k) => k !== action.key);
        return { ...s, favourites: action.favourite ? [...without, action.key] : without };
      });
    case 'profile-set':
      return withSnapshot(state, (s) => {
        const { [action.key]: _old, ...rest } = s.profiles;
        return { ...s, profiles: action.profile === null ? rest : { ...rest, [action.key]: action.profile } };
      });
    case 'settings-saved':
      return withSnapshot(state, (s) => ({ ...s, settings: action.settings }));
  }
}

function withSnapshot(state: WindowState, change: (s: AppSnapshot) => AppSnapshot): WindowState {
  return state.snapshot === null ? state : { ...state, snapshot: change(state.snapshot) };
}

function applySignInEvent(state: WindowState, event: SignInEvent, online: boolean): WindowState {
  const id = event.instanceId;
  const current = state.signIns[id];
  let next: SignInFlow | undefined;
  switch (event.type) {
    case 'authorization':
      // The authorization-code flow announces its page the same way, without a code.
      next =
        event.userCode === ''
          ? { phase: 'browser', instanceId: id, url: event.verificationUriComplete, expiresAt: event.expiresAt, browserOpened: false }
          : {
              phase: 'code',
              instanceId: id,
              userCode: event.userCode,
              verificationUri: event.verificationUri,
              verificationUriComplete: event.verificationUriComplete,
              expiresAt: event.expiresAt,
              browserOpened: false,
            };
      break;
    case 'browser-opened':
      next =
        current?.phase === 'code' || current?.phase === 'browser'
          ? { ...current, browserOpened: true }
          : { phase: 'browser', instanceId: id, url: event.url, expiresAt: null, browserOpened: true };
      break;
    case 'waiting':
      next = current ?? { phase: 'starting', instanceId: id };
      break;
    case 'signed-in':
      next = { phase: 'signed-in', instanceId: id, expiresAt: event.expiresAt };
      break;
    case 'failed':
      next = { phase: 'failed', instanceId: id, error: event.error, kind: signInFailureKind(event.error, online) };
      break;
  }
  return next === current ? state : { ...state, signIns: { ...state.signIns, [id]: next } };
}

function applySyncEvent(syncs: Readonly<Record<string, StreamedSync>>, event: SyncEvent, snapshot: AppSnapshot | null): Readonly<Record<string, StreamedSync>> {
  const id = event.instanceId;
  const current = syncs[id] ?? { accounts: [], done: 0, total: null, finishedAt: null };
  switch (event.type) {
    case 'started':
      return { ...syncs, [id]: { accounts: [], done: 0, total: null, finishedAt: null } };
    case 'accounts-listed':
      return { ...syncs, [id]: { ...current, total: event.total } };
    case 'account':
      return { ...syncs, [id]: { ...current, accounts: [...current.accounts, event.account], done: event.done, total: event.total } };
    case 'finished': {
      const finished = { ...current, done: event.accounts, total: event.accounts, finishedAt: event.syncedAt };
      return snapshot !== null && catalogHasLanded(snapshot, id, event.syncedAt) ? without(syncs, id) : { ...syncs, [id]: finished };
    }
    case 'failed':
      // The last good list (in the snapshot) stays; the partial stream goes.
      return without(syncs, id);
  }
}

function dropLandedSyncs(syncs: Readonly<Record<string, StreamedSync>>, snapshot: AppSnapshot): Readonly<Record<string, StreamedSync>> {
  let result = syncs;
  for (const [id, sync] of Object.entries(syncs)) {
    const gone = !snapshot.instances.some((i) => i.id === id);
    if (gone || (sync.finishedAt !== null && catalogHasLanded(snapshot, id, sync.finishedAt))) result = without(result, id);
  }
  return result;
}

function catalogHasLanded(snapshot: AppSnapshot, instanceId: string, syncedAt: number): boolean {
  return snapshot.catalogs.some((c) => c.instanceId === instanceId && c.syncedAt >= syncedAt);
}

function without<T>(record: Readonly<Record<string, T>>, key: string): Readonly<Record<string, T>> {
  const { [key]: _gone, ...rest } = record;
  return rest;
}

/** Streamed accounts per instance, for the catalog builder. */
export function streamedAccounts(syncs: Readonly<Record<string, StreamedSync>>): Record<string, readonly AccountWithRoles[]> {
  const result: Record<string, readonly AccountWithRoles[]> = {};
  for (const [id, sync] of Object.entries(syncs)) result[id] = sync.accounts;
  return result;
}
