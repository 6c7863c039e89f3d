import type { SecretStore } from './secret-store';

/**
 * A JSON record kept as one secret item. `parse` checks the shape and returns undefined when
 * the item is not a record it understands (an older format, a damaged value): such an item is
 * treated as absent, never half-used.
 */
export async function readSecretRecord<T>(store: SecretStore, namespace: string, key: string, parse: (value: unknown) => T | undefined): Promise<T | undefined> {
  const text = await store.get(namespace, key);
  if (text === null) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    // Not JSON: some other program wrote this item; ignore it as if it were absent.
    return undefined;
  }
  return parse(value);
}

export async function writeSecretRecord(store: SecretStore, namespace: string, key: string, record: unknown): Promise<void> {
  await store.set(namespace, key, JSON.stringify(record));
}

/** Deletes every item in `namespace`; resolves to how many there were. */
export async function clearNamespace(store: SecretStore, namespace: string): Promise<number> {
  const keys = await store.keys(namespace);
  for (const key of keys) await store.delete(namespace, key);
  return keys.length;
}
