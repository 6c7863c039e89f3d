import { describe, expect, it } from 'vitest';
import { buildRoleCatalog } from '../../../renderer/catalog/role-catalog';
import { browseRows, firstRoleIndex, nextRoleIndex, RECENT_LIMIT } from '../../../renderer/catalog/role-rows';
import { ACCOUNTS, ACME, account, catalogOf } from '../fixtures';

const label = (row: ReturnType<typeof browseRows>[number]) =>
  row.kind === 'section' ? `# ${row.title}` : row.kind === 'account' ? `@ ${row.account.accountName}` : `${row.nested ? '  ' : ''}${row.entry.accountName}/${row.entry.roleName}`;

describe('browseRows', () => {
  it('pins favourites on top, then recents that are not favourites, then every account with its roles', () => {
    const catalog = catalogOf();
    const key = (accountName: string, roleName: string) => catalog.entries.find((e) => e.accountName === accountName && e.roleName === roleName)!.key;
    const rows = browseRows(catalog, [key('Staging', 'ReadOnlyAccess')], [key('Staging', 'ReadOnlyAccess'), key('Log Archive', 'SecurityAudit')]).map(label);
    expect(rows.slice(0, 6)).toEqual(['# Favourites', 'Staging/ReadOnlyAccess', '# Recent', 'Log Archive/SecurityAudit', '# All accounts', '@ Log Archive']);
    expect(rows).toContain('  Production/AdministratorAccess');
    // Accounts in name order, roles in name order under each.
    const accountsInOrder = rows.filter((r) => r.startsWith('@ ')).map((r) => r.slice(2));
    expect(accountsInOrder).toEqual(['Log Archive', 'Payments Prod', 'Product Analytics', 'Production', 'Staging']);
  });

  it('shows at most a handful of recent roles and skips keys whose role is gone', () => {
    const many = Array.from({ length: 12 }, (_, i) => account(`Account ${String(i).padStart(2, '0')}`, String(100000000000 + i), ['ReadOnlyAccess']));
    const catalog = catalogOf(many);
    const recents = ['acme/999999999999/Gone', ...catalog.entries.map((e) => e.key)];
    const rows = browseRows(catalog, [], recents);
    const recentRows = rows.slice(1, rows.findIndex((r) => r.kind === 'section' && r.title === 'All accounts'));
    expect(recentRows).toHaveLength(RECENT_LIMIT);
  });

  it('lists accounts streamed by a sync together with the cached ones, the streamed copy winning', () => {
    const catalog = buildRoleCatalog([ACME], [{ instanceId: 'acme', accounts: ACCOUNTS, syncedAt: 0 }], {
      acme: [account('Production', '111111111111', ['AdministratorAccess']), account('New Account', '777777777777', ['ReadOnlyAccess'])],
    });
    expect(catalog.accounts.map((a) => a.accountName)).toContain('New Account');
    expect(catalog.accounts.find((a) => a.accountName === 'Production')!.roles.map((r) => r.roleName)).toEqual(['AdministratorAccess']);
  });
});

describe('nextRoleIndex', () => {
  it('moves between roles and steps over section and account rows', () => {
    const rows = browseRows(catalogOf(), [], []);
    const first = firstRoleIndex(rows);
    expect(rows[first]?.kind).toBe('role');
    let i = first;
    const seen: string[] = [];
    for (let n = 0; n < 4; n += 1) {
      i = nextRoleIndex(rows, i, 1);
      seen.push(label(rows[i]!));
    }
    expect(seen).toEqual(['  Payments Prod/PowerUserAccess', '  Payments Prod/ReadOnlyAccess', '  Product Analytics/DataScientist', '  Production/AdministratorAccess']);
    expect(nextRoleIndex(rows, first, -1)).toBe(first);
    expect(rows[nextRoleIndex(rows, first, 1000)]?.kind).toBe('role');
  });
});
