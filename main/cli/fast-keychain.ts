/**
 * The keychain read of the credential_process fast path: one call to the OS keychain through
 * `@napi-rs/keyring`, loaded with `require` (importing a CommonJS package from an ES module
 * makes Node scan its source for exports first), with no up-front check of the keychain: any
 * failure sends the caller to the full CLI, which checks and names the problem.
 */
import { createRequire } from 'node:module';
import { readFreshCredentials } from '../core/credentials/credential-cache';
import type { RoleCredentials, RoleRef } from '../core/model';
import { KeychainSecretStore, type KeychainBackend } from '../core/secrets/keychain-store';

interface NapiAsyncEntry {
  getPassword(signal?: AbortSignal): Promise<string | null>;
  setPassword(password: string, signal?: AbortSignal): Promise<void>;
  deletePassword(signal?: AbortSignal): Promise<boolean>;
}

interface NapiKeyring {
  AsyncEntry: new (service: string, account: string, options?: { linux?: { store?: 'secret-service' | 'keyutils' } }) => NapiAsyncEntry;
  findCredentialsAsync(service: string, target?: string | null, signal?: AbortSignal): Promise<Array<{ account: string; password: string }>>;
}

/** `@napi-rs/keyring` on the same store the core uses (on Linux, the Secret Service). */
function requiredKeyringBackend(platform: NodeJS.Platform): KeychainBackend {
  // This module is bundled into the CommonJS entry, where __filename names it.
  const keyring = createRequire(__filename)('@napi-rs/keyring') as NapiKeyring;
  const options = platform === 'linux' ? { linux: { store: 'secret-service' as const } } : undefined;
  const entry = (service: string, account: string) => new keyring.AsyncEntry(service, account, options);
  return {
    getPassword: (service, account, signal) => entry(service, account).getPassword(signal),
    setPassword: (service, account, password, signal) => entry(service, account).setPassword(password, signal),
    deletePassword: (service, account, signal) => entry(service, account).deletePassword(signal),
    findCredentials: (service, signal) => keyring.findCredentialsAsync(service, null, signal),
  };
}

/** The role's cached credentials if fresh, else null; throws whatever the keychain threw. */
export function readCredentialsQuickly(env: NodeJS.ProcessEnv, platform: NodeJS.Platform, role: RoleRef): Promise<RoleCredentials | null> {
  const store = new KeychainSecretStore({ env, platform, backend: requiredKeyringBackend(platform), probe: async () => undefined });
  return readFreshCredentials(store, role.instanceId, role.accountId, role.roleName, { now: Date.now() });
}
