import type { IdentityCenterInstance } from '../model';

/**
 * The OIDC operations sign-in and refresh use, free of AWS SDK types so that modules on the
 * CLI's hot path can name them without loading the SDK. `createOidcApi` (oidc-client.ts)
 * implements it over the SDK's SSOOIDCClient; load it with `loadOidcApi`.
 */
export interface OidcApi {
  registerClient(input: RegisterClientInput, signal?: AbortSignal): Promise<RegisteredClient>;
  startDeviceAuthorization(input: { clientId: string; clientSecret: string; startUrl: string }, signal?: AbortSignal): Promise<DeviceAuthorization>;
  createToken(input: CreateTokenInput, signal?: AbortSignal): Promise<IssuedTokens>;
}

export interface RegisterClientInput {
  clientName: string;
  scopes: string[];
  grantTypes?: string[];
  redirectUris?: string[];
  issuerUrl?: string;
}

export interface RegisteredClient {
  clientId: string;
  clientSecret: string;
  /** Epoch ms. */
  clientSecretExpiresAt: number;
}

export interface DeviceAuthorization {
  deviceCode: string;
  userCode: string;
  verificationUri: string;
  verificationUriComplete: string;
  expiresInSeconds: number;
  intervalSeconds: number;
}

export type CreateTokenInput = { clientId: string; clientSecret: string } & (
  | { grantType: typeof DEVICE_CODE_GRANT; deviceCode: string }
  | { grantType: 'refresh_token'; refreshToken: string }
  | { grantType: 'authorization_code'; code: string; codeVerifier: string; redirectUri: string }
);

export interface IssuedTokens {
  accessToken: string;
  expiresInSeconds: number;
  refreshToken?: string;
}

export const DEVICE_CODE_GRANT = 'urn:ietf:params:oauth:grant-type:device_code';
export const ACCOUNT_ACCESS_SCOPE = 'sso:account:access';

/**
 * An OIDC call failed. `errorName` is the service's exception name
 * (`AuthorizationPendingException`, `InvalidGrantException`…), `network` when Identity Center
 * could not be reached, or `invalid-response` when it answered something unusable.
 */
export class OidcRequestError extends Error {
  constructor(
    readonly operation: string,
    readonly errorName: string,
    options: { cause?: unknown; detail?: string } = {},
  ) {
    super(`${operation} failed: ${errorName}${options.detail ? ` (${options.detail})` : ''}`, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'OidcRequestError';
  }
}

export function oidcErrorName(error: unknown): string | undefined {
  return error instanceof OidcRequestError ? error.errorName : undefined;
}

/** The OIDC origin for an instance: its endpoint override, else `https://oidc.{region}.amazonaws.com`. */
export function oidcOrigin(instance: Pick<IdentityCenterInstance, 'region' | 'endpointUrl'>): string {
  if (instance.endpointUrl) return instance.endpointUrl;
  const suffix = instance.region.startsWith('cn-') ? 'amazonaws.com.cn' : 'amazonaws.com';
  return `https://oidc.${instance.region}.${suffix}`;
}

/** Loads the SDK-backed OidcApi for an instance (the SDK is imported only now). */
export function loadOidcApi(instance: IdentityCenterInstance): Promise<OidcApi> {
  const key = `${instance.region}|${instance.endpointUrl ?? ''}`;
  let api = apis.get(key);
  if (!api) {
    api = import('./oidc-client').then(({ createOidcApi }) => createOidcApi(instance));
    api.catch(() => apis.delete(key));
    apis.set(key, api);
  }
  return api;
}

/** One SDK client per region and endpoint, so connections are reused. */
const apis = new Map<string, Promise<OidcApi>>();
