/**
 * The one IPC contract between the Electron main process and the window. Main, preload and
 * renderer all derive their types from these maps; `requestValidators` checks every argument
 * at run time before a handler sees it. This file imports nothing from Electron or Node, only
 * the domain model.
 */
import {
  ACCOUNT_ID_PATTERN,
  REGION_PATTERN,
  ROLE_NAME_PATTERN,
  type AccountCatalog,
  type IdentityCenterInstance,
  type RoleRef,
  type SessionState,
  type Settings,
  type SignInEvent,
  type SyncEvent,
} from '../core/model';

export type ShellKind = 'bash' | 'zsh' | 'fish' | 'powershell' | 'cmd';
export const SHELL_KINDS: readonly ShellKind[] = ['bash', 'zsh', 'fish', 'powershell', 'cmd'];

/** An instance with where the user stands with it. */
export interface InstanceView extends IdentityCenterInstance {
  session: SessionState;
  /** Progress of a sync under way, else null. */
  sync: { done: number; total: number } | null;
  /** Why the last sync failed (the last good list is still shown), else null. */
  syncError: string | null;
}

/** Everything the window shows. Never holds a secret. */
export interface AppSnapshot {
  instances: InstanceView[];
  catalogs: AccountCatalog[];
  /** Role keys (`instanceId/accountId/roleName`) the user pinned. */
  favourites: string[];
  /** Role keys most recently used first. */
  recents: string[];
  /** Role key → profile name, for roles that have a profile in the AWS config file. */
  profiles: Record<string, string>;
  settings: Settings;
}

export interface AddInstanceInput {
  startUrl: string;
  region: string;
  name?: string;
  endpointUrl?: string;
}

export interface ConsoleOptions {
  region?: string;
  /** A service path such as `ec2/home`, or a full console URL. */
  destination?: string;
}

/** Request channels: name → argument tuple and result. */
export interface IpcRequests {
  'state:get': { args: []; result: AppSnapshot };
  'instances:add': { args: [input: AddInstanceInput]; result: IdentityCenterInstance };
  'instances:rename': { args: [instanceId: string, name: string]; result: void };
  'instances:remove': { args: [instanceId: string]; result: void };
  'session:sign-in': { args: [instanceId: string]; result: void };
  'session:cancel-sign-in': { args: [instanceId: string]; result: void };
  'session:sign-out': { args: [instanceId: string]; result: void };
  'catalog:sync': { args: [instanceId: string]; result: void };
  'role:open-console': { args: [role: RoleRef, options: ConsoleOptions]; result: void };
  'role:open-terminal': { args: [role: RoleRef]; result: void };
  /** Puts `export AWS_…` lines on the clipboard; the keys never reach the renderer. */
  'role:copy-env': { args: [role: RoleRef, shell: ShellKind]; result: void };
  'role:copy-profile-name': { args: [role: RoleRef]; result: { profile: string } };
  'role:set-favourite': { args: [role: RoleRef, favourite: boolean]; result: void };
  'profile:write': { args: [role: RoleRef]; result: { profile: string } };
  'profile:remove': { args: [role: RoleRef]; result: void };
  'settings:update': { args: [patch: Partial<Settings>]; result: Settings };
  /** Opens an AWS or verification URL through the product's browser opener. */
  'link:open': { args: [url: string]; result: void };
}

/** Events main sends to the window: name → payload. */
export interface IpcEvents {
  'state:changed': AppSnapshot;
  'sign-in:progress': SignInEvent;
  'sync:progress': SyncEvent;
}

export type RequestChannel = keyof IpcRequests;
export type EventChannel = keyof IpcEvents;
export type RequestArgs<C extends RequestChannel> = IpcRequests[C]['args'];
export type RequestResult<C extends RequestChannel> = IpcRequests[C]['result'];

/** What a failed request resolves to on the renderer side. */
export interface IpcError {
  code: string;
  message: string;
  hint?: string;
}

/** The shape a handler's answer crosses IPC in: errors travel as data, never as thrown objects. */
export type IpcResponse<T> = { ok: true; value: T } | { ok: false; error: IpcError };

/** The API the preload exposes as `window.rolecall`: one method per request, one subscription per event. */
export type RolecallApi = {
  [C in RequestChannel as CamelCase<C>]: (...args: RequestArgs<C>) => Promise<RequestResult<C>>;
} & {
  on<E extends EventChannel>(event: E, listener: (payload: IpcEvents[E]) => void): () => void;
};

type CamelCase<S extends string> = S extends `${infer Head}:${infer Tail}`
  ? `${Head}${Capitalize<CamelCase<Tail>>}`
  : S extends `${infer Head}-${infer Tail}`
    ? `${Head}${Capitalize<CamelCase<Tail>>}`
    : S;

/** `session:sign-in` → `sessionSignIn`: the preload method name for a channel. */
export function methodName<C extends RequestChannel>(channel: C): CamelCase<C> {
  return channel.replace(/[:-]([a-z])/g, (_m, c: string) => c.toUpperCase()) as CamelCase<C>;
}

// ---- Run-time validation of arguments -------------------------------------------------

const ID = /^[a-z0-9][a-z0-9-]{0,62}$/;

const isString = (v: unknown, max = 2048): v is string => typeof v === 'string' && v.length > 0 && v.length <= max;
const isInstanceId = (v: unknown): v is string => typeof v === 'string' && ID.test(v);
const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && Object.getPrototypeOf(v) === Object.prototype;
const hasOnlyKeys = (v: Record<string, unknown>, keys: readonly string[]) => Object.keys(v).every((k) => keys.includes(k));

export function isRoleRef(v: unknown): v is RoleRef {
  return (
    isPlainObject(v) &&
    hasOnlyKeys(v, ['instanceId', 'accountId', 'roleName']) &&
    isInstanceId(v.instanceId) &&
    typeof v.accountId === 'string' &&
    ACCOUNT_ID_PATTERN.test(v.accountId) &&
    typeof v.roleName === 'string' &&
    ROLE_NAME_PATTERN.test(v.roleName)
  );
}

function isAddInstanceInput(v: unknown): v is AddInstanceInput {
  return (
    isPlainObject(v) &&
    hasOnlyKeys(v, ['startUrl', 'region', 'name', 'endpointUrl']) &&
    isString(v.startUrl) &&
    isString(v.region, 64) &&
    (v.name === undefined || isString(v.name, 100)) &&
    (v.endpointUrl === undefined || isString(v.endpointUrl))
  );
}

function isConsoleOptions(v: unknown): v is ConsoleOptions {
  return (
    isPlainObject(v) &&
    hasOnlyKeys(v, ['region', 'destination']) &&
    (v.region === undefined || isString(v.region, 64)) &&
    (v.destination === undefined || isString(v.destination))
  );
}

const SETTINGS_CHECKS: { [K in keyof Settings]: (v: unknown) => boolean } = {
  startAtLogin: (v) => typeof v === 'boolean',
  refreshLeadMinutes: (v) => Number.isInteger(v) && (v as number) >= 1 && (v as number) <= 60,
  sessionWarningMinutes: (v) => Number.isInteger(v) && (v as number) >= 1 && (v as number) <= 120,
  signInMethod: (v) => v === 'device' || v === 'pkce',
  profileNameTemplate: (v) => isString(v, 200),
  defaultRegion: (v) => v === null || (isString(v, 64) && REGION_PATTERN.test(v)),
  terminal: (v) => isString(v, 64),
  browser: (v) =>
    isPlainObject(v) &&
    (v.kind === 'default' ||
      v.kind === 'print' ||
      (v.kind === 'browser' && isString(v.path)) ||
      (v.kind === 'chrome-profile' && isString(v.profileDirectory, 200) && (v.path === undefined || isString(v.path))) ||
      (v.kind === 'firefox-container' && (v.path === undefined || isString(v.path)))),
};

function isSettingsPatch(v: unknown): v is Partial<Settings> {
  if (!isPlainObject(v)) return false;
  // Own keys only: `in` would accept inherited names such as `toString` or `__proto__`.
  return Object.entries(v).every(([key, value]) => Object.hasOwn(SETTINGS_CHECKS, key) && SETTINGS_CHECKS[key as keyof Settings](value));
}

type Validator<C extends RequestChannel> = (args: readonly unknown[]) => args is RequestArgs<C>;
const tuple =
  <C extends RequestChannel>(...checks: ((v: unknown) => boolean)[]): Validator<C> =>
  (args): args is RequestArgs<C> =>
    args.length === checks.length && checks.every((check, i) => check(args[i]));

/** One argument validator per request channel. */
export const requestValidators: { [C in RequestChannel]: Validator<C> } = {
  'state:get': tuple(),
  'instances:add': tuple(isAddInstanceInput),
  'instances:rename': tuple(isInstanceId, (v) => isString(v, 100)),
  'instances:remove': tuple(isInstanceId),
  'session:sign-in': tuple(isInstanceId),
  'session:cancel-sign-in': tuple(isInstanceId),
  'session:sign-out': tuple(isInstanceId),
  'catalog:sync': tuple(isInstanceId),
  'role:open-console': tuple(isRoleRef, isConsoleOptions),
  'role:open-terminal': tuple(isRoleRef),
  'role:copy-env': tuple(isRoleRef, (v) => SHELL_KINDS.includes(v as ShellKind)),
  'role:copy-profile-name': tuple(isRoleRef),
  'role:set-favourite': tuple(isRoleRef, (v) => typeof v === 'boolean'),
  'profile:write': tuple(isRoleRef),
  'profile:remove': tuple(isRoleRef),
  'settings:update': tuple(isSettingsPatch),
  'link:open': tuple((v) => isString(v)),
};

export const REQUEST_CHANNELS = Object.keys(requestValidators) as RequestChannel[];
export const EVENT_CHANNELS: readonly EventChannel[] = ['state:changed', 'sign-in:progress', 'sync:progress'];

/** The key favourites, recents and profiles are indexed by. */
export function roleKey(role: RoleRef): string {
  return `${role.instanceId}/${role.accountId}/${role.roleName}`;
}
