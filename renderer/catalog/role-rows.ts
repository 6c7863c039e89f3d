import type { AccountGroup, RoleCatalog, RoleEntry } from './role-catalog';

/** One line of the role list. Every row has the same height, so the list can be virtualised. */
export type RoleListRow =
  | { kind: 'section'; id: string; title: string; count: number }
  | { kind: 'account'; id: string; account: AccountGroup }
  /** `nested` rows sit under their account's row and leave the account out. */
  | { kind: 'role'; id: string; entry: RoleEntry; nested: boolean };

export type RoleRow = Extract<RoleListRow, { kind: 'role' }>;

export const RECENT_LIMIT = 5;

/**
 * The list with no query: favourites pinned on top, then the most recent roles that are not
 * favourites, then every account with its permission sets.
 */
export function browseRows(catalog: RoleCatalog, favourites: readonly string[], recents: readonly string[]): RoleListRow[] {
  const rows: RoleListRow[] = [];
  const pinned = favourites.map((key) => catalog.byKey.get(key)).filter((e): e is RoleEntry => e !== undefined);
  if (pinned.length > 0) {
    rows.push({ kind: 'section', id: 'section:favourites', title: 'Favourites', count: pinned.length });
    for (const entry of pinned) rows.push({ kind: 'role', id: `favourite:${entry.key}`, entry, nested: false });
  }
  const favouriteKeys = new Set(favourites);
  const recent = recents
    .filter((key) => !favouriteKeys.has(key))
    .map((key) => catalog.byKey.get(key))
    .filter((e): e is RoleEntry => e !== undefined)
    .slice(0, RECENT_LIMIT);
  if (recent.length > 0) {
    rows.push({ kind: 'section', id: 'section:recent', title: 'Recent', count: recent.length });
    for (const entry of recent) rows.push({ kind: 'role', id: `recent:${entry.key}`, entry, nested: false });
  }
  if (catalog.accounts.length > 0) {
    rows.push({ kind: 'section', id: 'section:accounts', title: 'All accounts', count: catalog.accounts.length });
    for (const account of catalog.accounts) {
      rows.push({ kind: 'account', id: `account:${account.key}`, account });
      for (const entry of account.roles) rows.push({ kind: 'role', id: `role:${entry.key}`, entry, nested: true });
    }
  }
  return rows;
}

// A role's row in search results never changes: made once, it is reused by every keystroke.
const matchRows = new WeakMap<RoleEntry, RoleRow>();

/** The list for a query: matching roles, best first (each role once, so its key is its id). */
export function searchRows(ranked: readonly RoleEntry[]): RoleListRow[] {
  const rows = new Array<RoleListRow>(ranked.length);
  for (let i = 0; i < ranked.length; i += 1) {
    const entry = ranked[i] as RoleEntry;
    let row = matchRows.get(entry);
    if (row === undefined) {
      row = { kind: 'role', id: entry.key, entry, nested: false };
      matchRows.set(entry, row);
    }
    rows[i] = row;
  }
  return rows;
}

/** Index of the next role row from `from` in direction `step` (±1, or a page), clamped; -1 when there is none. */
export function nextRoleIndex(rows: readonly RoleListRow[], from: number, step: number): number {
  if (rows.length === 0) return -1;
  const direction = step >= 0 ? 1 : -1;
  const target = Math.max(0, Math.min(rows.length - 1, from + step));
  // Land on a role row: look further in the direction of travel, then back.
  for (let i = target; i >= 0 && i < rows.length; i += direction) {
    if (rows[i]?.kind === 'role') return i;
  }
  for (let i = target; i >= 0 && i < rows.length; i -= direction) {
    if (rows[i]?.kind === 'role') return i;
  }
  return -1;
}

/** The first role row, or -1. */
export function firstRoleIndex(rows: readonly RoleListRow[]): number {
  return rows.findIndex((r) => r.kind === 'role');
}
