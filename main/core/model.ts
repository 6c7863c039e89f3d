/**
 * Rolecall's domain model: plain data shared by the core, the CLI, IPC and the renderer.
 * Nothing here is secret except RoleCredentials, which never crosses IPC.
 */

/** One IAM Identity Center instance the user signs in to. */
export interface IdentityCenterInstance {
  /** Stable short id chosen at add time (`acme`), used in profile names, keychain namespaces and the CLI. */
  id: string;
  /** Display name, can be renamed. */
  name: string;
  /** `https://d-xxxxxxxxxx.awsapps.com/start` or a custom alias. */
  startUrl: string;
  /** The region the instance lives in (`sso_region`). */
  region: string;
  /** Origin serving OIDC, portal, sign-in and STS instead of AWS (the local sandbox). */
  endpointUrl?: string;
}

/** An AWS account the user can reach through an instance. */
export interface Account {
  instanceId: string;
  accountId: string;
  accountName: string;
  emailAddress: string;
}

/** An account with the permission sets (role names) the user holds in it. */
export interface AccountWithRoles extends Account {
  roles: string[];
}

/** One permission set in one account: what a profile, a console or a terminal is opened as. */
export interface RoleRef {
  instanceId: string;
  accountId: string;
  roleName: string;
}

/** An instance id: lowercase letters, digits and dashes, starting with a letter or digit. */
export const INSTANCE_ID_PATTERN = /^[a-z0-9][a-z0-9-]{0,39}$/;

/** An AWS region name (`us-east-1`, `us-gov-west-1`, `eusc-de-east-1`). */
export const REGION_PATTERN = /^[a-z]{2,4}(-[a-z]+)+-\d{1,2}$/;

/** An AWS account id: twelve digits. */
export const ACCOUNT_ID_PATTERN = /^\d{12}$/;

/**
 * A role (permission set) name: AWS allows `[\w+=,.@-]` (up to 32 characters for a permission
 * set); the length here leaves room. The one rule for every boundary a role name crosses
 * (portal answers, the IPC contract, the credentials service, the cache), so a role the sync
 * lists is always one the window and the CLI can act on.
 */
export const ROLE_NAME_PATTERN = /^[\w+=,.@-]{1,64}$/;

/** Short-lived keys from GetRoleCredentials. Secret: never crosses IPC, never logged. */
export interface RoleCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  /** Epoch milliseconds. */
  expiration: number;
}

export type SessionStatus = 'signed-out' | 'signing-in' | 'active' | 'ending-soon' | 'expired' | 'error';

/** Where the user stands with one instance. */
export interface SessionState {
  instanceId: string;
  status: SessionStatus;
  /** When the Identity Center session (the refresh token's life, else the access token's) ends, epoch ms. */
  expiresAt?: number;
  /** Why, for `error` and `expired`. */
  message?: string;
}

/** Progress of a sign-in, as a UI shows it. */
export type SignInEvent =
  | {
      type: 'authorization';
      instanceId: string;
      userCode: string;
      verificationUri: string;
      verificationUriComplete: string;
      /** Epoch ms when the code expires. */
      expiresAt: number;
    }
  | { type: 'browser-opened'; instanceId: string; url: string }
  | { type: 'waiting'; instanceId: string }
  | { type: 'signed-in'; instanceId: string; expiresAt: number }
  | { type: 'failed'; instanceId: string; error: { code: string; message: string } };

/** Progress of an account sync. */
export type SyncEvent =
  | { type: 'started'; instanceId: string }
  | { type: 'accounts-listed'; instanceId: string; total: number }
  | { type: 'account'; instanceId: string; account: AccountWithRoles; done: number; total: number }
  | { type: 'finished'; instanceId: string; accounts: number; roles: number; syncedAt: number }
  | { type: 'failed'; instanceId: string; error: { code: string; message: string } };

/** The cached list of what one instance gives access to. Not secret. */
export interface AccountCatalog {
  instanceId: string;
  accounts: AccountWithRoles[];
  /** Epoch ms of the last complete sync. */
  syncedAt: number;
}

export type BrowserChoice =
  | { kind: 'default' }
  | { kind: 'browser'; path: string }
  | { kind: 'chrome-profile'; path?: string; profileDirectory: string }
  | { kind: 'firefox-container'; path?: string }
  | { kind: 'print' };

/** User settings, saved atomically in the app data folder. */
export interface Settings {
  startAtLogin: boolean;
  /** Refresh tokens and credentials this many minutes before they expire. */
  refreshLeadMinutes: number;
  /** Warn this many minutes before a session ends. */
  sessionWarningMinutes: number;
  signInMethod: 'device' | 'pkce';
  /** Profile name template, e.g. `{accountName}/{roleName}`. */
  profileNameTemplate: string;
  defaultRegion: string | null;
  /** A terminal id from the terminal launcher (`auto` picks one). */
  terminal: string;
  browser: BrowserChoice;
}

export const DEFAULT_SETTINGS: Settings = {
  startAtLogin: false,
  refreshLeadMinutes: 15,
  sessionWarningMinutes: 10,
  signInMethod: 'device',
  profileNameTemplate: '{accountName}/{roleName}',
  defaultRegion: null,
  terminal: 'auto',
  browser: { kind: 'default' },
};
