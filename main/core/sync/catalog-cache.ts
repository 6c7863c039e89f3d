// The cached account list is read on every start before anything else is shown: this module
// stays small and imports no AWS SDK.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { InvalidInputError, StorageError, systemErrorCode } from '../errors';
import { writeFileAtomic } from '../fs/atomic-write';
import { ACCOUNT_ID_PATTERN, ROLE_NAME_PATTERN, type AccountCatalog, type AccountWithRoles } from '../model';

const FORMAT_VERSION = 1;
const INSTANCE_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

/** The folder of cached account lists inside the app data folder. */
export function catalogDir(dataDir: string): string {
  return join(dataDir, 'catalogs');
}

/** The cache file of one instance: `<app data>/catalogs/<instanceId>.json`. */
export function catalogFile(dataDir: string, instanceId: string): string {
  if (!INSTANCE_ID.test(instanceId) || instanceId.startsWith('..')) {
    throw new InvalidInputError(`"${instanceId}" is not a valid instance id.`, { hint: 'Instance ids use letters, digits, ".", "_" and "-".' });
  }
  return join(catalogDir(dataDir), `${instanceId}.json`);
}

/** The cache file exists but does not hold a valid account list. */
export class CatalogCacheError extends StorageError {
  constructor(path: string, what: string) {
    super('catalog-cache-invalid', `The cached account list ${path} is not valid (${what}); it will be replaced by the next sync.`, {
      hint: 'Run a sync. Nothing else is needed.',
    });
  }
}

/**
 * The account list saved by the last complete sync of `instanceId`, or null when there is
 * none. A file that is not a valid list throws CatalogCacheError (callers show nothing and
 * sync); an unreadable one throws StorageError.
 */
export async function loadCachedCatalog(dataDir: string, instanceId: string): Promise<AccountCatalog | null> {
  const path = catalogFile(dataDir, instanceId);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if (systemErrorCode(error) === 'ENOENT') return null;
    throw new StorageError('catalog-cache-unreadable', `Rolecall could not read its cached account list ${path} (${systemErrorCode(error) ?? 'unknown error'}).`, {
      hint: 'Check the permissions of the Rolecall data folder.',
      cause: error,
    });
  }
  return parseCatalog(text, instanceId, path);
}

/** Saves `catalog` as its instance's cache, atomically. Holds no secret. */
export async function saveCatalog(dataDir: string, catalog: AccountCatalog): Promise<void> {
  const path = catalogFile(dataDir, catalog.instanceId);
  const stored = {
    version: FORMAT_VERSION,
    instanceId: catalog.instanceId,
    syncedAt: catalog.syncedAt,
    accounts: catalog.accounts.map(({ accountId, accountName, emailAddress, roles }) => ({ accountId, accountName, emailAddress, roles })),
  };
  await writeFileAtomic(path, `${JSON.stringify(stored)}\n`, { mode: 0o600 });
}

/** Parses and checks a cache file's text; every field is checked before it is trusted. */
export function parseCatalog(text: string, instanceId: string, path = 'catalog'): AccountCatalog {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new CatalogCacheError(path, 'not JSON');
  }
  if (!isRecord(value)) throw new CatalogCacheError(path, 'not an object');
  if (value.version !== FORMAT_VERSION) throw new CatalogCacheError(path, `format version ${String(value.version)}`);
  if (value.instanceId !== instanceId) throw new CatalogCacheError(path, 'it belongs to another instance');
  if (typeof value.syncedAt !== 'number' || !Number.isFinite(value.syncedAt) || value.syncedAt < 0) throw new CatalogCacheError(path, 'no sync time');
  if (!Array.isArray(value.accounts)) throw new CatalogCacheError(path, 'no account list');
  const accounts: AccountWithRoles[] = [];
  for (const entry of value.accounts as unknown[]) {
    if (
      !isRecord(entry) ||
      typeof entry.accountId !== 'string' ||
      !ACCOUNT_ID_PATTERN.test(entry.accountId) ||
      typeof entry.accountName !== 'string' ||
      typeof entry.emailAddress !== 'string' ||
      !Array.isArray(entry.roles) ||
      !(entry.roles as unknown[]).every((role) => typeof role === 'string' && ROLE_NAME_PATTERN.test(role))
    ) {
      throw new CatalogCacheError(path, `account ${accounts.length + 1} is malformed`);
    }
    accounts.push({
      instanceId,
      accountId: entry.accountId,
      accountName: entry.accountName,
      emailAddress: entry.emailAddress,
      roles: entry.roles as string[],
    });
  }
  return { instanceId, accounts, syncedAt: value.syncedAt };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
