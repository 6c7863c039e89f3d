import type { AccountCatalog, RoleRef } from '../model';
import { RoleNotAssignedError } from './config-errors';
import { roleKey } from './managed-profile';
import type { ProfileNameFields } from './profile-name';

/** Which roles get a profile. */
export type ProfileSelection =
  | { kind: 'all' }
  /** Whitespace-separated terms, each found (ignoring case) in the instance, account id, account name or role name. */
  | { kind: 'filter'; filter: string }
  /** Exactly these roles; `profileName` pins the name instead of the template. */
  | { kind: 'roles'; roles: ReadonlyArray<RoleRef & { profileName?: string }> };

export type CatalogView = Pick<AccountCatalog, 'instanceId' | 'accounts'>;

export interface SelectedRole {
  role: RoleRef;
  fields: ProfileNameFields;
  explicitName: string | undefined;
}

/** True when every term of `filter` appears in the role's instance, account or role name. */
export function roleMatchesFilter(fields: ProfileNameFields, filter: string): boolean {
  const haystack = `${fields.instanceId} ${fields.accountId} ${fields.accountName} ${fields.roleName} ${fields.accountName}/${fields.roleName}`.toLowerCase();
  return filter
    .toLowerCase()
    .split(/\s+/)
    .filter((term) => term !== '')
    .every((term) => haystack.includes(term));
}

/** Every role in the catalogs, keyed by `roleKey`. */
export function indexCatalogRoles(catalogs: readonly CatalogView[]): Map<string, ProfileNameFields> {
  const index = new Map<string, ProfileNameFields>();
  for (const catalog of catalogs) {
    for (const account of catalog.accounts) {
      for (const roleName of account.roles) {
        const fields = { instanceId: catalog.instanceId, accountId: account.accountId, accountName: account.accountName, roleName };
        index.set(roleKey(fields), fields);
      }
    }
  }
  return index;
}

/**
 * The selected roles in a stable order (instance, account name, account id, role name), so
 * that names given out on collisions do not depend on the order the server listed them.
 * Throws RoleNotAssignedError for an explicitly named role that is not in the catalog.
 */
export function selectRoles(index: ReadonlyMap<string, ProfileNameFields>, selection: ProfileSelection): SelectedRole[] {
  const selected = new Map<string, SelectedRole>();
  if (selection.kind === 'roles') {
    for (const wanted of selection.roles) {
      const fields = index.get(roleKey(wanted));
      if (!fields) throw new RoleNotAssignedError(wanted);
      selected.set(roleKey(wanted), { role: toRoleRef(fields), fields, explicitName: wanted.profileName });
    }
  } else {
    for (const [key, fields] of index) {
      if (selection.kind === 'filter' && !roleMatchesFilter(fields, selection.filter)) continue;
      selected.set(key, { role: toRoleRef(fields), fields, explicitName: undefined });
    }
  }
  const keyed = [...selected.values()].map((entry) => ({ entry, accountName: entry.fields.accountName.toLowerCase() }));
  keyed.sort(
    (a, b) =>
      compare(a.entry.fields.instanceId, b.entry.fields.instanceId) ||
      compare(a.accountName, b.accountName) ||
      compare(a.entry.fields.accountId, b.entry.fields.accountId) ||
      compare(a.entry.fields.roleName, b.entry.fields.roleName),
  );
  return keyed.map(({ entry }) => entry);
}

function toRoleRef(fields: ProfileNameFields): RoleRef {
  return { instanceId: fields.instanceId, accountId: fields.accountId, roleName: fields.roleName };
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
