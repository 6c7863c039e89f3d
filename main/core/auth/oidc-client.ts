import {
  CreateTokenCommand,
  RegisterClientCommand,
  SSOOIDCClient,
  SSOOIDCServiceException,
  StartDeviceAuthorizationCommand,
} from '@aws-sdk/client-sso-oidc';
import type { IdentityCenterInstance } from '../model';
import { OidcRequestError, type CreateTokenInput, type DeviceAuthorization, type IssuedTokens, type OidcApi, type RegisteredClient } from './oidc-api';

/**
 * The SDK's OIDC client for one instance: its region, and its endpoint override for the
 * sandbox. Requests time out instead of hanging on a dead connection.
 */
export function createOidcClient(instance: Pick<IdentityCenterInstance, 'region' | 'endpointUrl'>): SSOOIDCClient {
  return new SSOOIDCClient({
    region: instance.region,
    ...(instance.endpointUrl ? { endpoint: instance.endpointUrl } : {}),
    requestHandler: { connectionTimeout: 5_000, requestTimeout: 20_000 },
    maxAttempts: 3,
  });
}

/** OidcApi over the SDK: answers are checked before use, failures become OidcRequestError. */
export function createOidcApi(instance: IdentityCenterInstance, client: SSOOIDCClient = createOidcClient(instance)): OidcApi {
  return {
    async registerClient(input, signal): Promise<RegisteredClient> {
      const answer = await send('RegisterClient', () => client.send(new RegisterClientCommand({ clientType: 'public', ...input }), { abortSignal: signal }));
      const { clientId, clientSecret, clientSecretExpiresAt } = answer;
      if (!clientId || !clientSecret || typeof clientSecretExpiresAt !== 'number') throw invalid('RegisterClient');
      return { clientId, clientSecret, clientSecretExpiresAt: clientSecretExpiresAt * 1000 };
    },

    async startDeviceAuthorization(input, signal): Promise<DeviceAuthorization> {
      const answer = await send('StartDeviceAuthorization', () => client.send(new StartDeviceAuthorizationCommand(input), { abortSignal: signal }));
      const { deviceCode, userCode, verificationUri, verificationUriComplete, expiresIn, interval } = answer;
      if (!deviceCode || !userCode || !verificationUri || !isHttpUrl(verificationUri) || typeof expiresIn !== 'number' || expiresIn <= 0) {
        throw invalid('StartDeviceAuthorization');
      }
      const complete = verificationUriComplete && isHttpUrl(verificationUriComplete) ? verificationUriComplete : verificationUri;
      // AWS sends interval 1; a missing or silly value gets the RFC 8628 default of 5 s.
      const intervalSeconds = typeof interval === 'number' && interval > 0 && interval <= 60 ? interval : 5;
      return { deviceCode, userCode, verificationUri, verificationUriComplete: complete, expiresInSeconds: expiresIn, intervalSeconds };
    },

    async createToken(input: CreateTokenInput, signal): Promise<IssuedTokens> {
      const answer = await send('CreateToken', () => client.send(new CreateTokenCommand(input), { abortSignal: signal }));
      const { accessToken, expiresIn, refreshToken } = answer;
      if (!accessToken || typeof expiresIn !== 'number' || expiresIn <= 0) throw invalid('CreateToken');
      return { accessToken, expiresInSeconds: expiresIn, ...(refreshToken ? { refreshToken } : {}) };
    },
  };
}

async function send<T>(operation: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof SSOOIDCServiceException) throw new OidcRequestError(operation, error.name, { cause: error });
    if (error instanceof Error && error.name === 'AbortError') throw error;
    const code = typeof error === 'object' && error !== null && 'code' in error ? String((error as { code: unknown }).code) : undefined;
    // A service error the SDK has no class for still carries its HTTP status.
    const status = (error as { $metadata?: { httpStatusCode?: number } } | null)?.$metadata?.httpStatusCode;
    if (status !== undefined && status >= 400) throw new OidcRequestError(operation, (error as Error).name || `HTTP ${status}`, { cause: error });
    throw new OidcRequestError(operation, 'network', { cause: error, detail: code ?? (error instanceof Error ? error.name : 'unknown') });
  }
}

function invalid(operation: string): OidcRequestError {
  return new OidcRequestError(operation, 'invalid-response', { detail: 'the answer lacked required fields' });
}

function isHttpUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}
