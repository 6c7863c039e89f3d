import type { Clock } from '../clock';
import type { Logger } from '../logger';
import type { IdentityCenterInstance } from '../model';
import { readSecretRecord, writeSecretRecord } from '../secrets/secret-records';
import type { SecretStore } from '../secrets/secret-store';
import { ACCOUNT_ACCESS_SCOPE, DEVICE_CODE_GRANT, type OidcApi } from './oidc-api';
import { registrationKey, type SignInMethod } from './token-record';

/** An OIDC client registration, kept in the keychain (the client secret is a secret). */
export interface ClientRegistrationRecord {
  kind: 'oidc-client';
  method: SignInMethod;
  clientId: string;
  clientSecret: string;
  /** Epoch ms (`clientSecretExpiresAt`). */
  expiresAt: number;
  /** For the auth code flow: the loopback redirect URI it was registered with. */
  redirectUri?: string;
  /** The start URL it was registered for, so an edited instance re-registers. */
  startUrl: string;
}

export interface ClientRegistrationsOptions {
  secrets: SecretStore;
  clock: Clock;
  logger: Logger;
  /** The name Identity Center shows the user on the approval page. */
  clientName?: string;
  /** Register again when less than this is left of a registration. Default 1 day. */
  renewBeforeMs?: number;
}

/**
 * Client registrations, one per instance and sign-in method, reused across sign-ins until
 * shortly before they expire (registering at every sign-in is what makes peers slow and
 * noisy). Callers hold the instance's sign-in lock, so two processes never register at once.
 */
export class ClientRegistrations {
  private readonly clientName: string;
  private readonly renewBeforeMs: number;

  constructor(private readonly options: ClientRegistrationsOptions) {
    this.clientName = options.clientName ?? 'Rolecall';
    this.renewBeforeMs = options.renewBeforeMs ?? 24 * 3600_000;
  }

  /** The stored registration, whatever its age, or undefined. */
  stored(instanceId: string, method: SignInMethod): Promise<ClientRegistrationRecord | undefined> {
    return readSecretRecord(this.options.secrets, instanceId, registrationKey(method), (value) => parseRegistration(value, method));
  }

  /** True when `record` can still serve a new sign-in for `instance` (and `redirectUri`). */
  reusable(record: ClientRegistrationRecord | undefined, instance: IdentityCenterInstance, redirectUri?: string): record is ClientRegistrationRecord {
    return (
      record !== undefined &&
      record.startUrl === instance.startUrl &&
      record.expiresAt - this.options.clock.now() > this.renewBeforeMs &&
      (redirectUri === undefined || record.redirectUri === redirectUri)
    );
  }

  /** A registration fit for a new sign-in: the stored one when reusable, else a new one. */
  async ensure(instance: IdentityCenterInstance, method: SignInMethod, oidc: OidcApi, options: { redirectUri?: string; signal?: AbortSignal } = {}): Promise<ClientRegistrationRecord> {
    const stored = await this.stored(instance.id, method);
    if (this.reusable(stored, instance, options.redirectUri)) return stored;
    return this.register(instance, method, oidc, options);
  }

  /** Registers a new client and stores it, replacing any older one. */
  async register(instance: IdentityCenterInstance, method: SignInMethod, oidc: OidcApi, options: { redirectUri?: string; signal?: AbortSignal } = {}): Promise<ClientRegistrationRecord> {
    const pkce = method === 'pkce';
    if (pkce && !options.redirectUri) throw new TypeError('an auth code registration needs a redirect URI');
    const registered = await oidc.registerClient(
      {
        clientName: this.clientName,
        scopes: [ACCOUNT_ACCESS_SCOPE],
        grantTypes: pkce ? ['authorization_code', 'refresh_token'] : [DEVICE_CODE_GRANT, 'refresh_token'],
        ...(pkce ? { redirectUris: [options.redirectUri as string], issuerUrl: instance.startUrl } : {}),
      },
      options.signal,
    );
    const record: ClientRegistrationRecord = {
      kind: 'oidc-client',
      method,
      clientId: registered.clientId,
      clientSecret: registered.clientSecret,
      expiresAt: registered.clientSecretExpiresAt,
      ...(pkce ? { redirectUri: options.redirectUri } : {}),
      startUrl: instance.startUrl,
    };
    await writeSecretRecord(this.options.secrets, instance.id, registrationKey(method), record);
    this.options.logger.info('registered OIDC client', { instanceId: instance.id, method, clientId: record.clientId, expiresAt: new Date(record.expiresAt).toISOString() });
    return record;
  }

  /** Forgets a registration Identity Center no longer accepts. */
  async discard(instanceId: string, method: SignInMethod): Promise<void> {
    await this.options.secrets.delete(instanceId, registrationKey(method));
  }
}

function parseRegistration(value: unknown, method: SignInMethod): ClientRegistrationRecord | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const v = value as Record<string, unknown>;
  if (
    v.kind !== 'oidc-client' ||
    v.method !== method ||
    typeof v.clientId !== 'string' ||
    typeof v.clientSecret !== 'string' ||
    typeof v.expiresAt !== 'number' ||
    typeof v.startUrl !== 'string' ||
    (v.redirectUri !== undefined && typeof v.redirectUri !== 'string')
  ) {
    return undefined;
  }
  return {
    kind: 'oidc-client',
    method,
    clientId: v.clientId,
    clientSecret: v.clientSecret,
    expiresAt: v.expiresAt,
    ...(typeof v.redirectUri === 'string' ? { redirectUri: v.redirectUri } : {}),
    startUrl: v.startUrl,
  };
}
