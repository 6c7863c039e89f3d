import type { AccountWithRoles } from '../model';

const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

/** Orders names as a person expects (`dev-2` before `dev-10`), falling back to code points so the order is total. */
function compareNames(a: string, b: string): number {
  return collator.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0);
}

/**
 * The catalog's one order, the same after every sync: accounts by name, then id; each
 * account's roles by name. Returns new arrays.
 */
export function sortCatalogAccounts(accounts: readonly AccountWithRoles[]): AccountWithRoles[] {
  return accounts
    .map((account) => ({ ...account, roles: [...account.roles].sort(compareNames) }))
    .sort((a, b) => compareNames(a.accountName, b.accountName) || compareNames(a.accountId, b.accountId));
}
