import { useEffect } from 'preact/hooks';
import type { RoleCatalog } from '../catalog/role-catalog';
import { searchRows } from '../catalog/role-rows';
import { searchRoles } from './role-search';

const NO_BOOSTS = { favourites: new Set<string>(), recents: new Map<string, number>() };
// Queries that take every path of the matcher: one letter, a prefix, a fuzzy one, two words, digits.
const WARM_UP_QUERIES = ['a', 'pr', 'adm', 'rdo', 'pr ad', '10'];

/**
 * While the window is idle after a catalog arrives, runs a few throw-away searches (so the
 * engine has compiled the matcher) and makes every role's search row (kept for reuse), so the
 * first real keystroke does not pay for either.
 */
export function useIdleSearchWarmUp(catalog: RoleCatalog): void {
  useEffect(() => {
    if (catalog.entries.length === 0) return undefined;
    const run = () => {
      const sample = catalog.entries.slice(0, 400);
      for (const query of WARM_UP_QUERIES) searchRoles(sample, query, NO_BOOSTS);
      searchRows(catalog.entries);
    };
    if (typeof requestIdleCallback === 'function') {
      const handle = requestIdleCallback(run, { timeout: 2000 });
      return () => cancelIdleCallback(handle);
    }
    const handle = setTimeout(run, 200);
    return () => clearTimeout(handle);
  }, [catalog]);
}
