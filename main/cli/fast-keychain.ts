/**
 * The keychain read of the credential_process fast path: one call to the OS keychain through
 * `@napi-rs/keyring`, loaded with `require` (no ES module loader, no export scan), with no
 * up-front check of the keychain and none of the store's error handling: any failure sends
 * the caller to the full CLI, whose checked store names the problem. It reads the item the
 * core's KeychainSecretStore writes (service `<prefix>:<namespace>`, account = key), on the
 * same backend (on Linux, the Secret Service).
 */
import { keychainServicePrefix } from '../core/app-paths';
import { credentialsKey, credentialsNamespace, DEFAULT_CREDENTIALS_MARGIN_MS, hasMargin, parseRoleCredentials } from '../core/credentials/credential-cache';
import type { RoleCredentials, RoleRef } from '../core/model';

interface NapiKeyring {
  AsyncEntry: new (
    service: string,
    account: string,
    options?: { linux?: { store?: 'secret-service' | 'keyutils' } },
  ) => { getPassword(): Promise<string | null> };
}

/** A keychain slower than this on the fast path is left to the full CLI, which waits longer. */
const FAST_READ_TIMEOUT_MS = 3_000;

/** The role's cached credentials if fresh, else null; rejects when the keychain failed or was slow. */
export async function readCredentialsQuickly(env: NodeJS.ProcessEnv, platform: NodeJS.Platform, role: RoleRef): Promise<RoleCredentials | null> {
  // This module is bundled into the CommonJS entry, where `module` is the entry's: its require
  // needs no `node:module` (which would bring parts of the ES module loader with it).
  const keyring = module.require('@napi-rs/keyring') as NapiKeyring;
  const service = `${keychainServicePrefix(env)}:${credentialsNamespace(role.instanceId)}`;
  const entry = new keyring.AsyncEntry(service, credentialsKey(role.accountId, role.roleName), platform === 'linux' ? { linux: { store: 'secret-service' } } : undefined);
  let timer: NodeJS.Timeout | undefined;
  // No AbortSignal: setting one up costs more than the read; the full CLI takes over anyway.
  const slow = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('the keychain was slow')), FAST_READ_TIMEOUT_MS);
  });
  try {
    const text = await Promise.race([entry.getPassword(), slow]);
    const credentials = text === null ? null : parseRoleCredentials(text);
    return credentials && hasMargin(credentials, Date.now(), DEFAULT_CREDENTIALS_MARGIN_MS) ? credentials : null;
  } finally {
    clearTimeout(timer);
  }
}
