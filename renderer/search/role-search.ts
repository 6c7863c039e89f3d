import type { RoleEntry } from '../catalog/role-catalog';
import { matchText, mergeRanges, type MatchRange } from './match-text';

/** A role that matched a query, with its rank score. */
export interface RankedRole {
  entry: RoleEntry;
  score: number;
}

/** What lifts a role in the ranking besides how well it matched. */
export interface SearchBoosts {
  favourites: ReadonlySet<string>;
  /** Role key → position in the recents list (0 = most recent). */
  recents: ReadonlyMap<string, number>;
}

export type SearchField = 'role' | 'account' | 'accountId' | 'email';

// Role and account names are what people type; the id and the e-mail are fallbacks.
const FIELD_WEIGHT: Record<SearchField, number> = { role: 1, account: 1, accountId: 0.9, email: 0.6 };

/** Splits a query into lower-case tokens. `/` separates too, so a pasted profile name works. */
export function tokenize(query: string): string[] {
  const tokens = query.toLowerCase().split(/[\s/]+/).filter((t) => t.length > 0);
  return [...new Set(tokens)];
}

/** The best match of `token` in one field of `entry`, or null. */
export function matchField(entry: RoleEntry, field: SearchField, token: string): ReturnType<typeof matchText> {
  switch (field) {
    case 'role':
      return matchText(entry.roleName, entry.lower.role, token, true);
    case 'account':
      return matchText(entry.accountName, entry.lower.account, token, true);
    case 'accountId':
      return matchText(entry.accountId, entry.accountId, token, false);
    case 'email':
      return matchText(entry.emailAddress, entry.lower.email, token, false);
  }
}

const FIELDS: readonly SearchField[] = ['role', 'account', 'accountId', 'email'];

/** How well every token matches somewhere in the role (summed), or null when one does not. */
export function scoreRole(entry: RoleEntry, tokens: readonly string[]): number | null {
  let total = 0;
  for (const token of tokens) {
    let best = -1;
    for (const field of FIELDS) {
      const match = matchField(entry, field, token);
      if (match !== null) best = Math.max(best, match.score * FIELD_WEIGHT[field]);
    }
    if (best < 0) return null;
    total += best;
  }
  return total;
}

/** The characters of `field` that any of `tokens` matched, for highlighting. */
export function highlightRanges(entry: RoleEntry, field: SearchField, tokens: readonly string[]): MatchRange[] {
  const ranges: MatchRange[] = [];
  for (const token of tokens) {
    const match = matchField(entry, field, token);
    if (match !== null) ranges.push(...match.ranges);
  }
  return mergeRanges(ranges);
}

/** Ranks `entries` against `query` (every token must match), best first. */
export function searchRoles(entries: readonly RoleEntry[], query: string, boosts: SearchBoosts): RankedRole[] {
  return rank(entries, tokenize(query), boosts);
}

function rank(entries: readonly RoleEntry[], tokens: readonly string[], boosts: SearchBoosts): RankedRole[] {
  if (tokens.length === 0) return [];
  const ranked: RankedRole[] = [];
  for (const entry of entries) {
    const score = scoreRole(entry, tokens);
    if (score === null) continue;
    ranked.push({ entry, score: score + boost(entry.key, boosts) });
  }
  ranked.sort(compareRanked);
  return ranked;
}

function boost(key: string, boosts: SearchBoosts): number {
  let extra = boosts.favourites.has(key) ? 12 : 0;
  const recent = boosts.recents.get(key);
  if (recent !== undefined) extra += Math.max(2, 8 - recent);
  return extra;
}

function compareRanked(a: RankedRole, b: RankedRole): number {
  if (a.score !== b.score) return b.score - a.score;
  const x = a.entry;
  const y = b.entry;
  if (x.lower.account !== y.lower.account) return x.lower.account < y.lower.account ? -1 : 1;
  if (x.lower.role !== y.lower.role) return x.lower.role < y.lower.role ? -1 : 1;
  return x.key < y.key ? -1 : x.key > y.key ? 1 : 0;
}

/**
 * Search as you type over one catalog. Typing more only narrows the matches, so a query that
 * extends the previous one is scored against the previous matches instead of every role.
 */
export class RoleSearch {
  private lastTokens: string[] = [];
  private lastMatches: readonly RoleEntry[] | null = null;

  constructor(private readonly entries: readonly RoleEntry[]) {}

  run(query: string, boosts: SearchBoosts): RankedRole[] {
    const tokens = tokenize(query);
    const candidates = this.lastMatches !== null && extends_(tokens, this.lastTokens) ? this.lastMatches : this.entries;
    const ranked = rank(candidates, tokens, boosts);
    this.lastTokens = tokens;
    this.lastMatches = tokens.length === 0 ? null : ranked.map((r) => r.entry);
    return ranked;
  }
}

// Every earlier token is a prefix of the token now at its place: each match of the new query
// is a match of the old one (a longer token's substring or subsequence contains the shorter's).
function extends_(tokens: readonly string[], previous: readonly string[]): boolean {
  if (previous.length === 0 || tokens.length < previous.length) return false;
  return previous.every((token, i) => (tokens[i] as string).startsWith(token));
}
