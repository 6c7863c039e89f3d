import type { AccountWithRoles } from '../../../main/core/model';
import { roleKey, type InstanceView } from '../../../main/ipc/contract';
import { DEMO_NOW, demoAccounts } from './demo-organisation';
import { ScriptedCore } from './scripted-core';

const MINUTE = 60_000;

export const ACME: Omit<InstanceView, 'session' | 'sync' | 'syncError'> = {
  id: 'acme',
  name: 'Acme',
  startUrl: 'https://d-9067c2b1a3.awsapps.com/start',
  region: 'eu-west-1',
};

/** The first role of the named account, as a key. */
export function keyOf(accounts: readonly AccountWithRoles[], accountName: string, roleName?: string): string {
  const account = accounts.find((a) => a.accountName === accountName);
  if (account === undefined) throw new Error(`No demo account ${accountName}`);
  return roleKey({ instanceId: account.instanceId, accountId: account.accountId, roleName: roleName ?? (account.roles[0] as string) });
}

/**
 * Acme signed in for another 7 h 42 min with 32 accounts, three favourites, recent roles and two
 * profiles; Acme Labs syncing its 1,000 accounts. Times are relative to DEMO_NOW.
 */
export function demoScenario(): ScriptedCore {
  const accounts = demoAccounts('acme');
  const labs = demoAccounts('labs', 'labs.acme.example').slice(0, 6).map((a) => ({ ...a, accountName: `Labs ${a.accountName}` }));
  return new ScriptedCore({
    instances: [
      { ...ACME, session: { instanceId: 'acme', status: 'active', expiresAt: DEMO_NOW + 462 * MINUTE }, sync: null, syncError: null },
      {
        id: 'labs',
        name: 'Acme Labs',
        startUrl: 'https://acme-labs.awsapps.com/start',
        region: 'us-east-1',
        session: { instanceId: 'labs', status: 'ending-soon', expiresAt: DEMO_NOW + 8 * MINUTE + 12_000 },
        sync: { done: 340, total: 1000 },
        syncError: null,
      },
    ],
    catalogs: [
      { instanceId: 'acme', accounts, syncedAt: DEMO_NOW - 5 * MINUTE },
      { instanceId: 'labs', accounts: labs, syncedAt: DEMO_NOW - 60 * MINUTE },
    ],
    favourites: [keyOf(accounts, 'Production', 'AdministratorAccess'), keyOf(accounts, 'Staging', 'AdministratorAccess'), keyOf(accounts, 'Log Archive')],
    recents: [keyOf(accounts, 'Payments Prod'), keyOf(accounts, 'Production', 'AdministratorAccess'), keyOf(accounts, 'Data Lake Prod'), keyOf(accounts, 'Shared Services')],
    profiles: {
      [keyOf(accounts, 'Production', 'AdministratorAccess')]: 'Production/AdministratorAccess',
      [keyOf(accounts, 'Payments Prod')]: `Payments-Prod/${accounts.find((a) => a.accountName === 'Payments Prod')?.roles[0]}`,
    },
  });
}

/** One signed-in instance with the Acme organisation, nothing else going on. */
export function acmeOnly(): ScriptedCore {
  const accounts = demoAccounts('acme');
  return new ScriptedCore({
    instances: [{ ...ACME, session: { instanceId: 'acme', status: 'active', expiresAt: DEMO_NOW + 462 * MINUTE }, sync: null, syncError: null }],
    catalogs: [{ instanceId: 'acme', accounts, syncedAt: DEMO_NOW - 5 * MINUTE }],
  });
}
