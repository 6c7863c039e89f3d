import { SSOClient, type SSOClientConfig } from '@aws-sdk/client-sso';
import type { IdentityCenterInstance } from '../model';

type SdkRetryStrategy = Extract<NonNullable<SSOClientConfig['retryStrategy']>, { acquireInitialRetryToken: unknown }>;
type SdkRetryToken = Awaited<ReturnType<SdkRetryStrategy['acquireInitialRetryToken']>>;
type SdkRetryErrorInfo = Parameters<SdkRetryStrategy['refreshRetryTokenForRetry']>[1];

export interface PortalRetryOptions {
  /** Attempts per call for transient failures (dropped connection, HTTP 5xx). Default 3. */
  maxAttempts?: number;
  /** First back-off; doubles per attempt, with full jitter. Default 200 ms. */
  baseDelayMs?: number;
  random?: () => number;
}

/**
 * The SDK's retry decisions for portal calls: transient failures (a dropped connection, an
 * HTTP 5xx) are retried here with jittered back-off, but a throttle is handed straight back
 * to the caller, so that the AdaptiveLimiter alone decides how fast to go and when to resend.
 * (The SDK's standard strategy would retry TooManyRequestsException itself, hiding the signal
 * the limiter adapts to.)
 */
export class TransientOnlyRetryStrategy implements SdkRetryStrategy {
  private readonly maxAttempts: number;
  private readonly baseDelayMs: number;
  private readonly random: () => number;

  constructor(options: PortalRetryOptions = {}) {
    this.maxAttempts = options.maxAttempts ?? 3;
    this.baseDelayMs = options.baseDelayMs ?? 200;
    this.random = options.random ?? Math.random;
  }

  async acquireInitialRetryToken(): Promise<SdkRetryToken> {
    return retryToken(0, 0);
  }

  async refreshRetryTokenForRetry(token: SdkRetryToken, errorInfo: SdkRetryErrorInfo): Promise<SdkRetryToken> {
    const retryable = errorInfo.errorType === 'TRANSIENT' || errorInfo.errorType === 'SERVER_ERROR';
    const attempts = token.getRetryCount() + 1;
    if (!retryable || attempts >= this.maxAttempts) {
      // The SDK rethrows the call's own error when no retry token is given.
      throw new Error('no retry: the caller decides');
    }
    const delay = this.random() * this.baseDelayMs * 2 ** (attempts - 1);
    return retryToken(attempts, delay);
  }

  recordSuccess(): void {
    // Nothing to account for: no retry budget is shared between calls.
  }
}

function retryToken(count: number, delay: number): SdkRetryToken {
  return { getRetryCount: () => count, getRetryDelay: () => delay };
}

/** Builds the portal client of an instance. */
export type PortalClientFactory = (instance: IdentityCenterInstance) => SSOClient;

/**
 * Portal (`sso`) clients, one per instance and reused (their connections are kept alive):
 * the instance's region, its endpoint override when it has one, throttles left to the caller.
 */
export function createPortalClientFactory(options: { retry?: PortalRetryOptions } = {}): PortalClientFactory & { destroy(): void } {
  const clients = new Map<string, { key: string; client: SSOClient }>();
  const factory = (instance: IdentityCenterInstance): SSOClient => {
    const key = `${instance.region}\n${instance.endpointUrl ?? ''}`;
    const known = clients.get(instance.id);
    if (known && known.key === key) return known.client;
    known?.client.destroy();
    const client = new SSOClient({
      region: instance.region,
      ...(instance.endpointUrl ? { endpoint: instance.endpointUrl } : {}),
      retryStrategy: new TransientOnlyRetryStrategy(options.retry),
      // A portal that stops answering must not hang a sync or a credential_process call.
      requestHandler: { connectionTimeout: 5_000, requestTimeout: 20_000 },
    });
    clients.set(instance.id, { key, client });
    return client;
  };
  return Object.assign(factory, {
    destroy() {
      for (const { client } of clients.values()) client.destroy();
      clients.clear();
    },
  });
}
