/**
 * Where Rolecall keeps secrets: the OS keychain in production, memory in unit tests.
 * A `namespace` groups the items of one Identity Center instance (keychain "service"), a
 * `key` names one item in it (keychain "account"). Values are strings (JSON for records).
 */
export interface SecretStore {
  get(namespace: string, key: string): Promise<string | null>;
  set(namespace: string, key: string, value: string): Promise<void>;
  /** True when an item was deleted. */
  delete(namespace: string, key: string): Promise<boolean>;
  /** The keys stored in a namespace. */
  keys(namespace: string): Promise<string[]>;
}

/** An in-memory SecretStore, for unit tests only. */
export class MemorySecretStore implements SecretStore {
  readonly items = new Map<string, Map<string, string>>();

  async get(namespace: string, key: string): Promise<string | null> {
    return this.items.get(namespace)?.get(key) ?? null;
  }

  async set(namespace: string, key: string, value: string): Promise<void> {
    let space = this.items.get(namespace);
    if (!space) {
      space = new Map();
      this.items.set(namespace, space);
    }
    space.set(key, value);
  }

  async delete(namespace: string, key: string): Promise<boolean> {
    return this.items.get(namespace)?.delete(key) ?? false;
  }

  async keys(namespace: string): Promise<string[]> {
    return [...(this.items.get(namespace)?.keys() ?? [])];
  }
}
