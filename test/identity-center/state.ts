import type { EmulatorClock } from './emulator-clock';
import type { SecretMint } from './issued-secrets';
import type { IndexedOrganization } from './organization';

/** How long the emulator's artefacts live, in seconds. */
export interface TokenLifetimes {
  /** An access token from CreateToken (capped by the session's end). AWS: about 1 h. */
  accessTokenSeconds: number;
  /** The portal session; refresh works until it ends. AWS default 8 h. */
  sessionSeconds: number;
  /** A device code's `expiresIn`. AWS: 600 s. */
  deviceCodeSeconds: number;
  /** A client registration (`clientSecretExpiresAt`). AWS: 90 days. */
  clientRegistrationSeconds: number;
  /** An authorization code from /authorize. */
  authorizationCodeSeconds: number;
  /** A federation sign-in token. AWS: 15 min. */
  signinTokenSeconds: number;
  /** The device flow's polling `interval`. AWS: 1 s. */
  pollIntervalSeconds: number;
}

export const DEFAULT_LIFETIMES: TokenLifetimes = {
  accessTokenSeconds: 3600,
  sessionSeconds: 8 * 3600,
  deviceCodeSeconds: 600,
  clientRegistrationSeconds: 90 * 24 * 3600,
  authorizationCodeSeconds: 300,
  signinTokenSeconds: 900,
  pollIntervalSeconds: 1,
};

export const ACCOUNT_ACCESS_SCOPE = 'sso:account:access';
export const DEVICE_CODE_GRANT = 'urn:ietf:params:oauth:grant-type:device_code';

export interface ClientRegistration {
  clientId: string;
  clientSecret: string;
  clientName: string;
  scopes: string[];
  /** Empty when the client registered without grant types (device code + refresh allowed). */
  grantTypes: string[];
  redirectUris: string[];
  issuedAt: number;
  expiresAt: number;
}

export type DeviceState = 'pending' | 'approved' | 'denied' | 'consumed';

export interface DeviceAuthorization {
  deviceCode: string;
  userCode: string;
  clientId: string;
  expiresAt: number;
  intervalSeconds: number;
  lastPollAt: number | undefined;
  state: DeviceState;
}

/** A signed-in portal session: what Logout ends and what refresh tokens extend. */
export interface PortalSession {
  clientId: string;
  scopes: string[];
  expiresAt: number;
  revoked: boolean;
}

export interface AccessTokenRecord {
  session: PortalSession;
  expiresAt: number;
}

export interface RefreshTokenRecord {
  session: PortalSession;
  clientId: string;
  used: boolean;
}

export interface PendingAuthorization {
  clientId: string;
  clientName: string;
  redirectUri: string;
  state: string;
  codeChallenge: string;
  scopes: string[];
  expiresAt: number;
  settled: boolean;
}

export interface AuthorizationCode {
  clientId: string;
  redirectUri: string;
  codeChallenge: string;
  scopes: string[];
  expiresAt: number;
  used: boolean;
}

export interface IssuedRoleCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  accountId: string;
  roleName: string;
  /** Epoch ms. */
  expiration: number;
}

export interface SigninTokenRecord {
  credentials: IssuedRoleCredentials;
  expiresAt: number;
  consoleSessionSeconds: number;
  used: boolean;
}

export interface ConsoleSession {
  accountId: string;
  roleName: string;
  region: string;
  destination: string;
  issuer: string;
  expiresAt: number;
}

export type AutoApproveMode = 'allow' | 'deny' | false;

/** Everything the emulator's handlers share. Maps keyed by the value a request carries: O(1). */
export interface EmulatorState {
  clock: EmulatorClock;
  mint: SecretMint;
  organization: IndexedOrganization;
  lifetimes: TokenLifetimes;
  startUrl: string;
  issuerUrl: string;
  region: string;
  /** Filled once the server listens. */
  endpoint: string;
  autoApprove: AutoApproveMode;
  clients: Map<string, ClientRegistration>;
  devicesByCode: Map<string, DeviceAuthorization>;
  devicesByUserCode: Map<string, DeviceAuthorization>;
  accessTokens: Map<string, AccessTokenRecord>;
  refreshTokens: Map<string, RefreshTokenRecord>;
  pendingAuthorizations: Map<string, PendingAuthorization>;
  authorizationCodes: Map<string, AuthorizationCode>;
  credentials: Map<string, IssuedRoleCredentials>;
  signinTokens: Map<string, SigninTokenRecord>;
  consoleSessions: Map<string, ConsoleSession>;
}

/** Settles a pending device authorization the way the verification page or control API does. */
export function settleDevice(state: EmulatorState, userCode: string, allow: boolean): void {
  const device = state.devicesByUserCode.get(normalizeUserCode(userCode));
  if (!device) throw new Error(`no device authorization with user code ${userCode}`);
  if (device.state !== 'pending') throw new Error(`device authorization ${device.userCode} is already ${device.state}`);
  if (state.clock.now() >= device.expiresAt) throw new Error(`device authorization ${device.userCode} has expired`);
  device.state = allow ? 'approved' : 'denied';
}

/** Users type codes in any case and with or without the dash. */
export function normalizeUserCode(code: string): string {
  const letters = code.toUpperCase().replace(/[^A-Z0-9]/g, '');
  return letters.length === 8 ? `${letters.slice(0, 4)}-${letters.slice(4)}` : letters;
}
