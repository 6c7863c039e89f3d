import { setMaxListeners } from 'node:events';
import { ListAccountRolesCommand, ListAccountsCommand, type AccountInfo, type RoleInfo } from '@aws-sdk/client-sso';
import type { AccessTokenSource } from '../auth/access-token-source';
import type { Clock } from '../clock';
import { silentLogger, type Logger } from '../logger';
import { ACCOUNT_ID_PATTERN, ROLE_NAME_PATTERN, type AccountCatalog, type AccountWithRoles, type IdentityCenterInstance, type SyncEvent } from '../model';
import type { LimiterStats } from './adaptive-limiter';
import { sortCatalogAccounts } from './catalog-order';
import type { PortalClientFactory } from './portal-client';
import { PortalError, toPortalError, type PortalOperation } from './portal-errors';
import type { PortalLimiters } from './portal-limiters';
import { PortalSession } from './portal-session';

export interface AccountSyncDeps {
  portalClients: PortalClientFactory;
  tokens: AccessTokenSource;
  limiters: PortalLimiters;
  clock: Clock;
  logger?: Logger;
  /** `maxResults` per page; the portal allows 1..100. Default 100. */
  pageSize?: number;
}

/** What a sync cost, per portal operation. */
export interface SyncCallCounts {
  calls: number;
  throttled: number;
  retried: number;
  failed: number;
}

export interface AccountSyncResult {
  catalog: AccountCatalog;
  calls: Record<'ListAccounts' | 'ListAccountRoles', SyncCallCounts>;
}

/** A nextToken loop guard far above any real organisation (AWS allows a few thousand accounts). */
const MAX_PAGES = 100_000;

/**
 * Lists every account of an instance and the roles the user holds in each: ListAccounts page
 * by page, and ListAccountRoles for each account as soon as its page arrives, all paced by
 * the instance's AdaptiveLimiters. Each account is reported (`account` event) the moment its
 * roles are known, in the order they come; the catalog returned is sorted by account name,
 * then id, with roles sorted. The first failure stops the sync: calls not yet sent are
 * dropped and the error is a SessionEndedError or a PortalError.
 */
export async function syncAccounts(
  instance: IdentityCenterInstance,
  deps: AccountSyncDeps,
  onEvent: (event: SyncEvent) => void = () => undefined,
  signal?: AbortSignal,
): Promise<AccountSyncResult> {
  const logger = deps.logger ?? silentLogger;
  const pageSize = deps.pageSize ?? 100;
  const client = deps.portalClients(instance);
  const session = new PortalSession(instance.id, deps.tokens);
  const accountsLimiter = deps.limiters.for(instance.id, 'ListAccounts');
  const rolesLimiter = deps.limiters.for(instance.id, 'ListAccountRoles');
  const before = { ListAccounts: accountsLimiter.stats(), ListAccountRoles: rolesLimiter.stats() };
  const started = deps.clock.now();

  // Stops queued calls on the first failure or when the caller gives up.
  const stop = new AbortController();
  // Every queued call listens on it: thousands of listeners are expected, not a leak.
  setMaxListeners(0, stop.signal);
  const onOuterAbort = () => stop.abort(signal?.reason);
  signal?.addEventListener('abort', onOuterAbort, { once: true });
  let failure: { error: unknown; operation: PortalOperation } | undefined;
  const fail = (error: unknown, operation: PortalOperation) => {
    if (failure) return;
    failure = { error, operation };
    stop.abort(error);
  };

  const accounts = new Map<string, AccountWithRoles>();
  let discovered = 0;
  let done = 0;
  const listings: Promise<void>[] = [];

  const listRoles = async (account: AccountWithRoles): Promise<void> => {
    const roles = new Set<string>();
    await forEachPage('ListAccountRoles', (accessToken, nextToken) =>
      rolesLimiter.run(
        () => client.send(new ListAccountRolesCommand({ accessToken, accountId: account.accountId, maxResults: pageSize, nextToken }), { abortSignal: stop.signal }),
        { signal: stop.signal },
      ).then((page) => {
        for (const role of page.roleList ?? []) roles.add(validRoleName(role, instance));
        return page.nextToken;
      }),
    );
    account.roles = [...roles];
    done += 1;
    onEvent({ type: 'account', instanceId: instance.id, account: { ...account, roles: [...account.roles] }, done, total: discovered });
  };

  /** Runs `fetchPage` until the portal stops giving a nextToken, each page through the session. */
  const forEachPage = async (operation: PortalOperation, fetchPage: (accessToken: string, nextToken: string | undefined) => Promise<string | undefined>) => {
    let nextToken: string | undefined;
    const seen = new Set<string>();
    for (let page = 0; page < MAX_PAGES; page += 1) {
      const current = nextToken;
      nextToken = await session.call((accessToken) => fetchPage(accessToken, current));
      if (!nextToken) return;
      if (seen.has(nextToken)) throw badAnswer(instance, operation, 'repeated a page token');
      seen.add(nextToken);
    }
    throw badAnswer(instance, operation, `gave more than ${MAX_PAGES} pages`);
  };

  onEvent({ type: 'started', instanceId: instance.id });
  try {
    await forEachPage('ListAccounts', (accessToken, nextToken) =>
      accountsLimiter.run(
        () => client.send(new ListAccountsCommand({ accessToken, maxResults: pageSize, nextToken }), { abortSignal: stop.signal }),
        { signal: stop.signal },
      ).then((page) => {
        for (const info of page.accountList ?? []) {
          const account = validAccount(info, instance);
          if (accounts.has(account.accountId)) continue;
          accounts.set(account.accountId, account);
          discovered += 1;
          listings.push(listRoles(account).catch((error: unknown) => fail(error, 'ListAccountRoles')));
        }
        return page.nextToken;
      }),
    );
    onEvent({ type: 'accounts-listed', instanceId: instance.id, total: discovered });
  } catch (error) {
    fail(error, 'ListAccounts');
  }
  await Promise.all(listings);
  signal?.removeEventListener('abort', onOuterAbort);

  const calls = {
    ListAccounts: difference(before.ListAccounts, accountsLimiter.stats()),
    ListAccountRoles: difference(before.ListAccountRoles, rolesLimiter.stats()),
  };
  if (failure) {
    const error = signal?.aborted && failure.error === signal.reason ? failure.error : toPortalError(failure.error, instance, failure.operation);
    const shown = error instanceof Error && 'code' in error ? { code: String(error.code), message: error.message } : { code: 'sync-cancelled', message: 'The sync was cancelled.' };
    logger.warn('account sync failed', { instanceId: instance.id, errorCode: shown.code, accountsListed: discovered, accountsDone: done });
    onEvent({ type: 'failed', instanceId: instance.id, error: shown });
    throw error;
  }
  const catalog: AccountCatalog = { instanceId: instance.id, accounts: sortCatalogAccounts([...accounts.values()]), syncedAt: deps.clock.now() };
  const roleCount = catalog.accounts.reduce((sum, account) => sum + account.roles.length, 0);
  logger.info('account sync finished', {
    instanceId: instance.id,
    accounts: catalog.accounts.length,
    roles: roleCount,
    ms: catalog.syncedAt - started,
    calls: calls.ListAccounts.calls + calls.ListAccountRoles.calls,
    throttled: calls.ListAccounts.throttled + calls.ListAccountRoles.throttled,
  });
  onEvent({ type: 'finished', instanceId: instance.id, accounts: catalog.accounts.length, roles: roleCount, syncedAt: catalog.syncedAt });
  return { catalog, calls };
}

function difference(before: LimiterStats, after: LimiterStats): SyncCallCounts {
  return {
    calls: after.calls - before.calls,
    throttled: after.throttled - before.throttled,
    retried: after.retried - before.retried,
    failed: after.failed - before.failed,
  };
}

function validAccount(info: AccountInfo, instance: IdentityCenterInstance): AccountWithRoles {
  const { accountId, accountName, emailAddress } = info;
  if (typeof accountId !== 'string' || !ACCOUNT_ID_PATTERN.test(accountId)) throw badAnswer(instance, 'ListAccounts', 'listed an account without a 12-digit id');
  return {
    instanceId: instance.id,
    accountId,
    // The portal may omit a name or an email; the id stands in for a missing name.
    accountName: typeof accountName === 'string' && accountName.trim() !== '' ? accountName : accountId,
    emailAddress: typeof emailAddress === 'string' ? emailAddress : '',
    roles: [],
  };
}

function validRoleName(role: RoleInfo, instance: IdentityCenterInstance): string {
  const { roleName } = role;
  if (typeof roleName !== 'string' || !ROLE_NAME_PATTERN.test(roleName)) {
    throw badAnswer(instance, 'ListAccountRoles', 'listed a role without a valid name');
  }
  return roleName;
}

function badAnswer(instance: IdentityCenterInstance, operation: PortalOperation, what: string): PortalError {
  return new PortalError('portal-bad-answer', instance.id, operation, `The Identity Center portal of "${instance.name}" ${what} (${operation}); the account list was left as it was.`, {
    hint: 'Try the sync again later. If it keeps happening, check the instance’s endpoint.',
  });
}
