import { keychainServiceName, keychainServicePrefix } from '../app-paths';
import { KeychainError } from './keychain-error';
import type { SecretStore } from './secret-store';
import { probeSecretService } from './secret-service-probe';

/** The few keychain operations Rolecall uses (the shape of `@napi-rs/keyring`'s keytar API, plus a signal). */
export interface KeychainBackend {
  getPassword(service: string, account: string, signal: AbortSignal): Promise<string | null>;
  setPassword(service: string, account: string, password: string, signal: AbortSignal): Promise<void>;
  deletePassword(service: string, account: string, signal: AbortSignal): Promise<boolean>;
  findCredentials(service: string, signal: AbortSignal): Promise<Array<{ account: string; password: string }>>;
}

export interface KeychainSecretStoreOptions {
  /** Service-name prefix; default `keychainServicePrefix(env)` (`Rolecall`, or `ROLECALL_KEYCHAIN_SERVICE`). */
  servicePrefix?: string;
  /** Every operation fails after this long instead of hanging. Default 5 s. */
  timeoutMs?: number;
  env?: NodeJS.ProcessEnv;
  platform?: NodeJS.Platform;
  /** The OS keychain; default `@napi-rs/keyring`, loaded on first use. */
  backend?: KeychainBackend;
  /**
   * Checks the keychain can answer before the backend is called (Linux: a Secret Service on
   * the session bus with its default collection unlocked). Default: that check on Linux,
   * nothing elsewhere.
   */
  probe?: (timeoutMs: number) => Promise<void>;
  /** A successful probe is trusted for this long. Default 2 s. */
  probeTtlMs?: number;
}

/**
 * The production SecretStore: one OS keychain item per record, service `${prefix}:${namespace}`,
 * account = key. Every call has a deadline and every failure is a KeychainError naming the
 * problem and its fix; nothing is ever written anywhere else.
 */
export class KeychainSecretStore implements SecretStore {
  readonly servicePrefix: string;
  private readonly timeoutMs: number;
  private readonly platform: NodeJS.Platform;
  private readonly backend: KeychainBackend;
  private readonly probe: ((timeoutMs: number) => Promise<void>) | undefined;
  private readonly probeTtlMs: number;
  private probedAt = Number.NEGATIVE_INFINITY;
  private probing: Promise<void> | undefined;

  constructor(options: KeychainSecretStoreOptions = {}) {
    const env = options.env ?? process.env;
    this.servicePrefix = options.servicePrefix ?? keychainServicePrefix(env);
    this.timeoutMs = options.timeoutMs ?? 5_000;
    this.platform = options.platform ?? process.platform;
    this.backend = options.backend ?? napiKeyringBackend(this.platform);
    this.probe = options.probe ?? (this.platform === 'linux' && !options.backend ? (ms) => probeSecretService(env, ms) : undefined);
    this.probeTtlMs = options.probeTtlMs ?? 2_000;
  }

  /** The keychain service name that holds `namespace`'s items. */
  serviceName(namespace: string): string {
    return keychainServiceName(this.servicePrefix, namespace);
  }

  get(namespace: string, key: string): Promise<string | null> {
    return this.run((signal) => this.backend.getPassword(this.serviceName(namespace), key, signal));
  }

  set(namespace: string, key: string, value: string): Promise<void> {
    return this.run((signal) => this.backend.setPassword(this.serviceName(namespace), key, value, signal));
  }

  delete(namespace: string, key: string): Promise<boolean> {
    return this.run((signal) => this.backend.deletePassword(this.serviceName(namespace), key, signal));
  }

  async keys(namespace: string): Promise<string[]> {
    const found = await this.run((signal) => this.backend.findCredentials(this.serviceName(namespace), signal));
    return found.map((credential) => credential.account);
  }

  /** Fails fast with a KeychainError when the keychain cannot be used; resolves when it can. */
  async check(): Promise<void> {
    this.probedAt = Number.NEGATIVE_INFINITY;
    await this.run(async () => undefined);
  }

  private async run<T>(operation: (signal: AbortSignal) => Promise<T>): Promise<T> {
    const started = Date.now();
    await this.ensureProbed();
    const remaining = Math.max(1, this.timeoutMs - (Date.now() - started));
    const controller = new AbortController();
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        controller.abort();
        reject(new KeychainError('timeout', `no answer within ${Math.round(this.timeoutMs / 1000)} s`, { platform: this.platform }));
      }, remaining);
    });
    try {
      return await Promise.race([operation(controller.signal), deadline]);
    } catch (error) {
      // A failed call may mean the keyring was locked or went away since the last probe.
      this.probedAt = Number.NEGATIVE_INFINITY;
      throw toKeychainError(error, this.platform);
    } finally {
      clearTimeout(timer);
    }
  }

  private async ensureProbed(): Promise<void> {
    if (!this.probe || Date.now() - this.probedAt < this.probeTtlMs) return;
    this.probing ??= this.probe(this.timeoutMs).then(
      () => {
        this.probedAt = Date.now();
        this.probing = undefined;
      },
      (error: unknown) => {
        this.probing = undefined;
        throw toKeychainError(error, this.platform);
      },
    );
    await this.probing;
  }
}

function toKeychainError(error: unknown, platform: NodeJS.Platform): KeychainError {
  if (error instanceof KeychainError) return error;
  const detail = nativeDetail(error);
  // The native library's errors carry no code, only text: its wording is the one signal that
  // a keyring is locked (the prompt to unlock it was dismissed or could not be shown).
  const locked = /\block(ed)?\b|unlock|interaction not allowed|user canceled/i.test(detail);
  return new KeychainError(locked ? 'locked' : 'platform-error', detail, { platform, cause: error });
}

function nativeDetail(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  // Keyring errors describe the platform's failure; they never echo the secret. Keep them short.
  return text.replace(/\s+/g, ' ').slice(0, 300);
}

interface NapiKeyring {
  AsyncEntry: new (
    service: string,
    account: string,
    options?: { linux?: { store?: 'secret-service' | 'keyutils' } },
  ) => {
    getPassword(signal?: AbortSignal): Promise<string | null>;
    setPassword(password: string, signal?: AbortSignal): Promise<void>;
    deletePassword(signal?: AbortSignal): Promise<boolean>;
  };
  findCredentialsAsync(service: string, target?: string | null, signal?: AbortSignal): Promise<Array<{ account: string; password: string }>>;
}

/**
 * `@napi-rs/keyring`, the library behind its keytar API, used directly for two reasons: on
 * Linux an entry is pinned to the Secret Service (its default silently falls back to the
 * kernel keyring, which forgets everything at logout), and every call can take an AbortSignal.
 */
function napiKeyringBackend(platform: NodeJS.Platform): KeychainBackend {
  let loaded: Promise<NapiKeyring> | undefined;
  const load = () => (loaded ??= import('@napi-rs/keyring').then((module) => module as unknown as NapiKeyring));
  const options = platform === 'linux' ? { linux: { store: 'secret-service' as const } } : undefined;
  const entry = async (service: string, account: string) => {
    const keyring = await load();
    return new keyring.AsyncEntry(service, account, options);
  };
  return {
    getPassword: async (service, account, signal) => (await entry(service, account)).getPassword(signal),
    setPassword: async (service, account, password, signal) => (await entry(service, account)).setPassword(password, signal),
    deletePassword: async (service, account, signal) => (await entry(service, account)).deletePassword(signal),
    findCredentials: async (service, signal) => (await load()).findCredentialsAsync(service, null, signal),
  };
}
