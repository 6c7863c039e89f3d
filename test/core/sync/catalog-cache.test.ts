import { readFile, stat } from 'node:fs/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AccountCatalog } from '../../../main/core/model';
import { catalogFile, loadCachedCatalog, parseCatalog, saveCatalog } from '../../../main/core/sync/catalog-cache';
import { sortCatalogAccounts } from '../../../main/core/sync/catalog-order';
import { tempDataDir } from './support/emulator-session';

let data: { dir: string; remove: () => Promise<void> };
beforeEach(async () => {
  data = await tempDataDir();
});
afterEach(async () => {
  await data.remove();
});

const catalog: AccountCatalog = {
  instanceId: 'acme',
  syncedAt: Date.UTC(2026, 0, 15),
  accounts: [
    { instanceId: 'acme', accountId: '111111111111', accountName: 'billing', emailAddress: 'billing@example.com', roles: ['ReadOnlyAccess', 'Billing'] },
  ],
};

describe('the cached account list', () => {
  it('round-trips through its file, written owner-only', async () => {
    await saveCatalog(data.dir, catalog);
    expect(await loadCachedCatalog(data.dir, 'acme')).toEqual(catalog);
    expect((await stat(catalogFile(data.dir, 'acme'))).mode & 0o777).toBe(0o600);
    expect(JSON.parse(await readFile(catalogFile(data.dir, 'acme'), 'utf8'))).toMatchObject({ version: 1, instanceId: 'acme' });
  });

  it('is absent before the first sync', async () => {
    expect(await loadCachedCatalog(data.dir, 'acme')).toBeNull();
  });

  it.each([
    ['not JSON', '{'],
    ['another format', JSON.stringify({ version: 2, instanceId: 'acme', syncedAt: 1, accounts: [] })],
    ['another instance', JSON.stringify({ version: 1, instanceId: 'other', syncedAt: 1, accounts: [] })],
    ['a bad account id', JSON.stringify({ version: 1, instanceId: 'acme', syncedAt: 1, accounts: [{ accountId: '12', accountName: 'a', emailAddress: '', roles: [] }] })],
    ['a bad role', JSON.stringify({ version: 1, instanceId: 'acme', syncedAt: 1, accounts: [{ accountId: '111111111111', accountName: 'a', emailAddress: '', roles: [7] }] })],
    ['a role name the window could not act on', JSON.stringify({ version: 1, instanceId: 'acme', syncedAt: 1, accounts: [{ accountId: '111111111111', accountName: 'a', emailAddress: '', roles: ['Ops#1'] }] })],
  ])('refuses a file with %s', (_what, text) => {
    expect(() => parseCatalog(text, 'acme')).toThrow(expect.objectContaining({ code: 'catalog-cache-invalid' }));
  });

  it('refuses an instance id that would leave the catalog folder', async () => {
    await expect(loadCachedCatalog(data.dir, '../../etc/passwd')).rejects.toMatchObject({ code: 'invalid-input' });
  });

  it('orders accounts by name (numbers as numbers), then id, and roles by name', () => {
    const sorted = sortCatalogAccounts([
      { ...catalog.accounts[0]!, accountId: '000000000003', accountName: 'dev-10', roles: ['b', 'A'] },
      { ...catalog.accounts[0]!, accountId: '000000000002', accountName: 'dev-2', roles: [] },
      { ...catalog.accounts[0]!, accountId: '000000000001', accountName: 'Dev-2', roles: [] },
    ]);
    expect(sorted.map((a) => `${a.accountName}:${a.accountId}`)).toEqual(['Dev-2:000000000001', 'dev-2:000000000002', 'dev-10:000000000003']);
    expect(sorted[2]!.roles).toEqual(['A', 'b']);
  });
});
