import { readFile, writeFile, mkdir } from 'node:fs/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { systemClock } from '../../../main/core/clock';
import type { IdentityCenterInstance, SyncEvent } from '../../../main/core/model';
import { catalogFile, loadCachedCatalog } from '../../../main/core/sync/catalog-cache';
import { CatalogSync } from '../../../main/core/sync/catalog-sync';
import { createPortalClientFactory } from '../../../main/core/sync/portal-client';
import { PortalLimiters } from '../../../main/core/sync/portal-limiters';
import { demoOrganization, startIdentityCenter, type IdentityCenter, type OrganizationSpec } from '../../identity-center';
import { emulatorInstance, EmulatorTokens, tempDataDir } from './support/emulator-session';

let ic: IdentityCenter;
let tokens: EmulatorTokens;
let instance: IdentityCenterInstance;
let data: { dir: string; remove: () => Promise<void> };
const portalClients = createPortalClientFactory();

async function start(organization: OrganizationSpec, options: { throttle?: number; latencyMs?: number } = {}) {
  ic = await startIdentityCenter({ organization, ...options });
  tokens = await EmulatorTokens.signIn(ic, systemClock);
  instance = emulatorInstance(ic);
}

function catalogSync(options: { pageSize?: number } = {}) {
  return new CatalogSync({ dataDir: data.dir, portalClients, tokens, limiters: new PortalLimiters(), clock: systemClock, ...options });
}

/** The organisation as the catalog should show it: accounts by name, then id; roles by name. */
function expectedAccounts(organization: OrganizationSpec) {
  const byName = (a: string, b: string) => a.localeCompare(b, 'en', { numeric: true, sensitivity: 'base' }) || (a < b ? -1 : a > b ? 1 : 0);
  return organization.accounts
    .map((a) => ({ instanceId: 'acme', accountId: a.accountId, accountName: a.accountName, emailAddress: a.emailAddress, roles: a.roles.map((r) => r.name).sort(byName) }))
    .sort((a, b) => byName(a.accountName, b.accountName) || byName(a.accountId, b.accountId));
}

beforeEach(async () => {
  data = await tempDataDir();
});

afterEach(async () => {
  tokens?.close();
  await ic?.close();
  await data.remove();
});

describe('CatalogSync against the emulator', () => {
  it('delivers each account as it arrives and ends with the organisation, sorted', async () => {
    const organization = demoOrganization({ accounts: 150, rolesPerAccount: 3 });
    await start(organization, { latencyMs: 5 });
    const events: SyncEvent[] = [];
    const { catalog, calls } = await catalogSync({ pageSize: 10 }).sync(instance, (event) => events.push(event));

    expect(catalog.accounts).toEqual(expectedAccounts(organization));
    expect(events[0]).toEqual({ type: 'started', instanceId: 'acme' });
    const accountEvents = events.filter((e): e is Extract<SyncEvent, { type: 'account' }> => e.type === 'account');
    expect(accountEvents).toHaveLength(150);
    expect(accountEvents.map((e) => e.done)).toEqual(Array.from({ length: 150 }, (_, i) => i + 1));
    expect(new Set(accountEvents.map((e) => e.account.accountId)).size).toBe(150);
    expect(accountEvents.every((e) => e.account.roles.length === 3)).toBe(true);
    // Roles are listed while the account pages are still coming: the first account is shown
    // before the last page of accounts is even asked for.
    const log = ic.requests();
    const lastAccountsPage = log.map((r) => r.operation).lastIndexOf('ListAccounts');
    const firstRoles = log.findIndex((r) => r.operation === 'ListAccountRoles');
    expect(firstRoles).toBeLessThan(lastAccountsPage);
    expect(events.findIndex((e) => e.type === 'account')).toBeLessThan(events.findIndex((e) => e.type === 'accounts-listed'));
    expect(events.at(-1)).toEqual({ type: 'finished', instanceId: 'acme', accounts: 150, roles: 450, syncedAt: catalog.syncedAt });
    expect(calls.ListAccounts.calls).toBe(15);
    expect(calls.ListAccountRoles).toEqual({ calls: 150, throttled: 0, retried: 0, failed: 0 });
    expect(ic.stats().operations.ListAccountRoles).toBe(150);
  });

  it('completes against a throttling portal with no failed call', async () => {
    const organization = demoOrganization({ accounts: 90, rolesPerAccount: 2 });
    await start(organization, { throttle: 15 });
    const { catalog, calls } = await catalogSync().sync(instance);

    expect(catalog.accounts).toEqual(expectedAccounts(organization));
    expect(ic.stats().throttled).toBeGreaterThan(0);
    expect(calls.ListAccountRoles.throttled).toBe(ic.stats().throttled);
    expect(calls.ListAccountRoles.failed).toBe(0);
    // Every throttled account was asked again until it answered.
    const answered = new Set(ic.requests().filter((r) => r.operation === 'ListAccountRoles' && r.status === 200).map((r) => r.accountId));
    expect(answered.size).toBe(90);
  });

  it('shows the cached list at once on the next start, and keeps it when a later sync fails', async () => {
    const organization = demoOrganization({ accounts: 12, rolesPerAccount: 2 });
    await start(organization);
    const first = await catalogSync().sync(instance);
    const file = catalogFile(data.dir, 'acme');
    const saved = await readFile(file, 'utf8');
    expect(saved).not.toMatch(/CANARY/);

    // A new start: a fresh CatalogSync shows the saved list without asking the portal.
    const before = ic.stats().operations;
    const restarted = catalogSync();
    expect(await restarted.cached('acme')).toEqual(first.catalog);
    expect(ic.stats().operations).toEqual(before);

    // The background revalidation fails: the list stays, the reason is kept, the file is untouched.
    ic.injectFault({ operation: 'ListAccountRoles', kind: 'http-500', times: 1000 });
    const events: SyncEvent[] = [];
    await expect(restarted.sync(instance, (e) => events.push(e))).rejects.toMatchObject({ code: 'portal-unavailable' });
    expect(restarted.lastError('acme')?.code).toBe('portal-unavailable');
    expect(events.at(-1)).toMatchObject({ type: 'failed', instanceId: 'acme', error: { code: 'portal-unavailable' } });
    expect(await restarted.cached('acme')).toEqual(first.catalog);
    expect(await readFile(file, 'utf8')).toBe(saved);
  });

  it('ignores a damaged cache file and replaces it with the next sync', async () => {
    const organization = demoOrganization({ accounts: 3, rolesPerAccount: 1 });
    await start(organization);
    const file = catalogFile(data.dir, 'acme');
    await mkdir(`${data.dir}/catalogs`, { recursive: true });
    await writeFile(file, '{"version":1,"instanceId":"acme","syncedAt":1,"accounts":[{"accountId":"evil"}]}');
    await expect(loadCachedCatalog(data.dir, 'acme')).rejects.toMatchObject({ code: 'catalog-cache-invalid' });
    const sync = catalogSync();
    expect(await sync.cached('acme')).toBeNull();
    await sync.sync(instance);
    expect((await loadCachedCatalog(data.dir, 'acme'))?.accounts.map((a) => a.accountId)).toEqual(expectedAccounts(organization).map((a) => a.accountId));
  });

  it('refreshes a refused token once and carries on', async () => {
    await start(demoOrganization({ accounts: 20, rolesPerAccount: 2 }));
    tokens.staleTokens.push('token-the-portal-refuses');
    const { catalog } = await catalogSync().sync(instance);
    expect(catalog.accounts).toHaveLength(20);
    expect(tokens.refreshes).toEqual(['token-the-portal-refuses']);
    const unauthorized = ic.requests().filter((r) => r.status === 401);
    expect(unauthorized).toHaveLength(1);
  });

  it('says the session ended when the refreshed token is refused too, keeping the last list', async () => {
    await start(demoOrganization({ accounts: 5, rolesPerAccount: 1 }));
    const sync = catalogSync();
    const good = await sync.sync(instance);
    tokens.staleTokens.push('refused-1');
    tokens.refreshGivesBadToken = true;
    await expect(sync.sync(instance)).rejects.toMatchObject({ code: 'session-ended', hint: expect.stringContaining('rolecall login acme') });
    expect(await sync.cached('acme')).toEqual(good.catalog);
  });

  it('joins a sync already under way instead of starting another', async () => {
    await start(demoOrganization({ accounts: 10, rolesPerAccount: 1 }));
    const sync = catalogSync();
    const [a, b] = await Promise.all([sync.sync(instance), sync.sync(instance)]);
    expect(a).toBe(b);
    expect(ic.stats().operations.ListAccountRoles).toBe(10);
  });
});
