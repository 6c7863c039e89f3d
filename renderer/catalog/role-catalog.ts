import type { AccountCatalog, AccountWithRoles, IdentityCenterInstance, RoleRef } from '../../main/core/model';
import { roleKey } from '../../main/ipc/contract';
import { characterMask } from '../search/match-text';

/** One permission set in one account, ready to show and to search. */
export interface RoleEntry {
  /** `instanceId/accountId/roleName`, the key favourites, recents and profiles use. */
  key: string;
  /** `instanceId/accountId`: the same string object for every role of the account. */
  accountKey: string;
  ref: RoleRef;
  instanceName: string;
  accountId: string;
  accountName: string;
  emailAddress: string;
  roleName: string;
  /** Lower-case copies of the searchable fields, computed once so a keystroke never lowercases. */
  lower: { role: string; account: string; email: string };
  /** Which characters the role and account names hold (see `characterMask`), for fuzzy matching. */
  masks: { role: number; account: number };
}

/** An account with its permission sets, as the browse list groups them. */
export interface AccountGroup {
  key: string;
  instanceId: string;
  instanceName: string;
  accountId: string;
  accountName: string;
  emailAddress: string;
  roles: RoleEntry[];
  /** Lower-case account name, the browse order's key. */
  sortName: string;
}

/** Everything the window can reach, flattened and sorted once per change of data. */
export interface RoleCatalog {
  /** Every role, in browse order (account name, then role name). */
  entries: RoleEntry[];
  byKey: ReadonlyMap<string, RoleEntry>;
  accounts: AccountGroup[];
}

export const EMPTY_CATALOG: RoleCatalog = { entries: [], byKey: new Map(), accounts: [] };

// Streaming syncs rebuild the catalog for every batch of accounts: an account object that has
// not changed keeps its prepared group, so a rebuild only concatenates and sorts.
const prepared = new WeakMap<AccountWithRoles, AccountGroup>();

/**
 * Builds the catalog from the cached catalogs plus accounts streamed by a sync under way
 * (those replace the cached account of the same id).
 */
export function buildRoleCatalog(
  instances: readonly IdentityCenterInstance[],
  catalogs: readonly AccountCatalog[],
  streamed: Readonly<Record<string, readonly AccountWithRoles[]>> = {},
): RoleCatalog {
  const names = new Map(instances.map((i) => [i.id, i.name]));
  const accounts: AccountGroup[] = [];
  const instanceIds = new Set<string>([...catalogs.map((c) => c.instanceId), ...Object.keys(streamed)]);
  for (const instanceId of instanceIds) {
    if (!names.has(instanceId)) continue;
    const instanceName = names.get(instanceId) ?? instanceId;
    const byAccount = new Map<string, AccountWithRoles>();
    for (const catalog of catalogs) {
      if (catalog.instanceId !== instanceId) continue;
      for (const account of catalog.accounts) byAccount.set(account.accountId, account);
    }
    for (const account of streamed[instanceId] ?? []) byAccount.set(account.accountId, account);
    for (const account of byAccount.values()) accounts.push(prepareAccount(account, instanceName));
  }
  accounts.sort(compareAccounts);
  const entries: RoleEntry[] = [];
  const byKey = new Map<string, RoleEntry>();
  for (const group of accounts) {
    for (const entry of group.roles) {
      entries.push(entry);
      byKey.set(entry.key, entry);
    }
  }
  return { entries, byKey, accounts };
}

function prepareAccount(account: AccountWithRoles, instanceName: string): AccountGroup {
  const cached = prepared.get(account);
  if (cached && cached.instanceName === instanceName) return cached;
  const lowerAccount = account.accountName.toLowerCase();
  const lowerEmail = account.emailAddress.toLowerCase();
  const accountMask = characterMask(lowerAccount);
  const accountKey = `${account.instanceId}/${account.accountId}`;
  const roles = [...account.roles].sort(compareText).map((roleName): RoleEntry => {
    const ref = { instanceId: account.instanceId, accountId: account.accountId, roleName };
    const lowerRole = roleName.toLowerCase();
    return {
      key: roleKey(ref),
      accountKey,
      ref,
      instanceName,
      accountId: account.accountId,
      accountName: account.accountName,
      emailAddress: account.emailAddress,
      roleName,
      lower: { role: lowerRole, account: lowerAccount, email: lowerEmail },
      masks: { role: characterMask(lowerRole), account: accountMask },
    };
  });
  const group: AccountGroup = {
    key: accountKey,
    instanceId: account.instanceId,
    instanceName,
    accountId: account.accountId,
    accountName: account.accountName,
    emailAddress: account.emailAddress,
    roles,
    sortName: lowerAccount,
  };
  prepared.set(account, group);
  return group;
}

function compareAccounts(a: AccountGroup, b: AccountGroup): number {
  if (a.sortName !== b.sortName) return a.sortName < b.sortName ? -1 : 1;
  return compareText(a.accountName, b.accountName) || compareText(a.accountId, b.accountId) || compareText(a.instanceId, b.instanceId);
}

// Case-insensitive ordinal comparison: localeCompare is ten times slower over thousands of names.
function compareText(a: string, b: string): number {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  return x < y ? -1 : x > y ? 1 : a < b ? -1 : a > b ? 1 : 0;
}
