import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RoleSearch, highlightRanges, searchRoles, tokenize, type SearchBoosts } from '../../../renderer/search/role-search';
import { largeOrganisation } from '../../e2e/harness/demo-organisation';
import { ACCOUNTS, account, catalogOf } from '../fixtures';

const NO_BOOSTS: SearchBoosts = { favourites: new Set(), recents: new Map() };
const names = (query: string, boosts = NO_BOOSTS) => searchRoles(catalogOf().entries, query, boosts).map((e) => `${e.accountName}/${e.roleName}`);

describe('searchRoles', () => {
  it('finds a role from a word of the account and a word of the role, in any order', () => {
    expect(names('prod admin')[0]).toBe('Production/AdministratorAccess');
    expect(names('admin prod')[0]).toBe('Production/AdministratorAccess');
  });

  it('ranks a name that starts with the query above one that merely contains it', () => {
    const result = names('prod');
    expect(result.indexOf('Production/ReadOnlyAccess')).toBeLessThan(result.indexOf('Payments Prod/ReadOnlyAccess'));
  });

  it('matches initials and fragments of a role name (fuzzy)', () => {
    expect(names('roa')).toContain('Production/ReadOnlyAccess');
    expect(names('pua')[0]).toBe('Payments Prod/PowerUserAccess');
  });

  it('finds roles by account id (prefix or full) and by e-mail address', () => {
    expect(names('5555')).toEqual(['Log Archive/SecurityAudit']);
    expect(names('333333333333')).toEqual(['Payments Prod/PowerUserAccess', 'Payments Prod/ReadOnlyAccess']);
    expect(names('logs@')).toEqual(['Log Archive/SecurityAudit']);
  });

  it('needs every word to match somewhere', () => {
    expect(names('staging poweruser')).toEqual([]);
    expect(names('zzz')).toEqual([]);
  });

  it('accepts a pasted profile name', () => {
    expect(names('Production/AdministratorAccess')[0]).toBe('Production/AdministratorAccess');
  });

  it('lifts favourites and recent roles among equally good matches', () => {
    const catalog = catalogOf();
    const staging = catalog.entries.find((e) => e.accountName === 'Staging' && e.roleName === 'ReadOnlyAccess')!;
    const plain = searchRoles(catalog.entries, 'readonly', NO_BOOSTS).map((e) => e.key);
    const boosted = searchRoles(catalog.entries, 'readonly', { favourites: new Set([staging.key]), recents: new Map() }).map((e) => e.key);
    expect(plain[0]).not.toBe(staging.key);
    expect(boosted[0]).toBe(staging.key);
  });

  it('highlights what matched, in each field', () => {
    const entry = catalogOf().entries.find((e) => e.accountName === 'Production' && e.roleName === 'ReadOnlyAccess')!;
    const tokens = tokenize('prod roa');
    const slice = (text: string, ranges: readonly (readonly [number, number])[]) => ranges.map(([a, b]) => text.slice(a, b));
    expect(slice(entry.accountName, highlightRanges(entry, 'account', tokens))).toEqual(['Prod']);
    expect(slice(entry.roleName, highlightRanges(entry, 'role', tokens))).toEqual(['R', 'O', 'A']);
  });

  it('gives a substring at a word start in a camel-case name the word-start rank', () => {
    expect(names('access').slice(0, 3).every((n) => n.endsWith('Access'))).toBe(true);
  });
});

describe('RoleSearch', () => {
  it('gives the same answer as a full search for every prefix of what is typed', () => {
    const catalog = catalogOf([...ACCOUNTS, account('Prod Admin Tools', '666666666666', ['AdministratorAccess', 'ProdSupport'])]);
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...'abcdeilmnoprstuvwxyz1 /'.split('')), { maxLength: 12 }), (chars) => {
        const search = new RoleSearch(catalog.entries);
        let typed = '';
        for (const ch of chars) {
          typed += ch;
          const incremental = search.run(typed, NO_BOOSTS).map((e) => e.key);
          expect(incremental).toEqual(searchRoles(catalog.entries, typed, NO_BOOSTS).map((e) => e.key));
        }
      }),
      { numRuns: 400 },
    );
  });

  it('narrows thousands of roles as a query grows, and widens again on backspace', () => {
    const catalog = catalogOf(largeOrganisation('acme', 2000, 3));
    const search = new RoleSearch(catalog.entries);
    const counts = ['p', 'pa', 'pay', 'paym', 'pay'].map((q) => search.run(q, NO_BOOSTS).length);
    expect(counts[0]).toBeGreaterThan(counts[3]!);
    expect(counts[4]).toBe(counts[2]);
    expect(search.run('payments prod admin', NO_BOOSTS)[0]?.accountName).toBe('Payments Prod');
  });
});
