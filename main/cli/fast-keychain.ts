/**
 * The credential_process fast path when no broker runs: the profile's role from the AWS config
 * file (the header scan only, no parser), then the role's cached credentials from the keychain.
 * Bundled on its own (`fast-keychain.js`, CommonJS) and loaded by the CLI entry only when no
 * broker answered, so that a brokered call does not pay for the config reader.
 *
 * It reads the item the core's KeychainSecretStore writes (service `<prefix>:<namespace>`,
 * account = key). On Linux it asks the Secret Service itself, over a conversation the entry
 * began before loading this bundle, so that the bus answers while this code loads and reads the
 * config; elsewhere it makes one call through `@napi-rs/keyring`. There is no up-front check of
 * the keychain and none of the store's error handling: whatever it cannot answer goes to the
 * full CLI, whose checked store names the problem.
 */
import { awsConfigFile, keychainServiceName, keychainServicePrefix } from '../core/app-paths';
import { invalidRoleKeys } from '../core/aws-config/managed-profile';
import { scanManagedProfileInFile } from '../core/aws-config/managed-profile-file-scan';
import type { RoleRef } from '../core/model';
import { credentialsKey, credentialsNamespace, DEFAULT_CREDENTIALS_MARGIN_MS, hasMargin, parseRoleCredentials } from '../core/credentials/credential-cache';
import { startSecretServiceHandshake, type SecretServiceHandshake } from '../core/secrets/secret-service-handshake';
import { SecretServiceReader } from '../core/secrets/secret-service-reader';
import { answerWith, type FastOutcome } from './fast-answer';

interface NapiKeyring {
  AsyncEntry: new (service: string, account: string) => { getPassword(): Promise<string | null> };
}

/** A keychain slower than this on the fast path is left to the full CLI, which waits longer. */
const FAST_READ_TIMEOUT_MS = 3_000;

/**
 * Answers `credential-process --profile NAME` from the keychain cache if it can. On Linux,
 * `handshake` is the Secret Service conversation the entry already began (else it begins here).
 */
export async function answerFromKeychain(profile: string, handshake?: SecretServiceHandshake): Promise<FastOutcome> {
  let reader: SecretServiceReader | undefined;
  try {
    const env = process.env;
    if (process.platform === 'linux') {
      const started = handshake ?? startSecretServiceHandshake(env);
      if (!started) return 'full';
      reader = new SecretServiceReader(started, FAST_READ_TIMEOUT_MS);
    }
    const role = managedRole(env, profile);
    if (!role) return 'full';
    const service = keychainServiceName(keychainServicePrefix(env), credentialsNamespace(role.instanceId));
    const account = credentialsKey(role.accountId, role.roleName);
    const text = reader ? await reader.read({ service, username: account }) : await readWithLibrary(service, account);
    const credentials = text === null ? null : parseRoleCredentials(text);
    if (!credentials || !hasMargin(credentials, Date.now(), DEFAULT_CREDENTIALS_MARGIN_MS)) return 'cache-miss';
    return answerWith(credentials);
  } catch {
    // The full CLI meets the same problem again and reports it with its hint and exit code.
    return 'full';
  } finally {
    reader?.close();
  }
}

/**
 * The role of a profile written where Rolecall writes it, from the header scan alone; undefined
 * for anything else (no such profile, not Rolecall's, a hand-edited header, a bad value), which
 * the full CLI, with the whole-file parser, answers or explains.
 */
function managedRole(env: NodeJS.ProcessEnv, profile: string): RoleRef | undefined {
  const found = scanManagedProfileInFile(awsConfigFile(env), profile);
  if (found?.status !== 'managed') return undefined;
  return invalidRoleKeys(found.role).length === 0 ? found.role : undefined;
}

/** One read through `@napi-rs/keyring` (macOS Keychain, Windows Credential Manager). */
async function readWithLibrary(service: string, account: string): Promise<string | null> {
  // Loaded with the CommonJS require of this bundle: no ES module loader, no export scan.
  const keyring = module.require('@napi-rs/keyring') as NapiKeyring;
  const entry = new keyring.AsyncEntry(service, account);
  let timer: NodeJS.Timeout | undefined;
  const slow = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('the keychain was slow')), FAST_READ_TIMEOUT_MS);
  });
  try {
    return await Promise.race([entry.getPassword(), slow]);
  } finally {
    clearTimeout(timer);
  }
}
