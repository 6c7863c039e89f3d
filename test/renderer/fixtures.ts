import type { AccountWithRoles, IdentityCenterInstance } from '../../main/core/model';
import { buildRoleCatalog, type RoleCatalog } from '../../renderer/catalog/role-catalog';

export const ACME: IdentityCenterInstance = { id: 'acme', name: 'Acme', startUrl: 'https://d-9067c2b1a3.awsapps.com/start', region: 'eu-west-1' };

export function account(accountName: string, accountId: string, roles: string[], emailAddress = `aws-${accountName.toLowerCase().replace(/\W+/g, '-')}@acme.example`): AccountWithRoles {
  return { instanceId: 'acme', accountId, accountName, emailAddress, roles };
}

/** A small organisation whose names exercise the ranking. */
export const ACCOUNTS: AccountWithRoles[] = [
  account('Production', '111111111111', ['AdministratorAccess', 'ReadOnlyAccess', 'DeveloperAccess']),
  account('Staging', '222222222222', ['AdministratorAccess', 'ReadOnlyAccess']),
  account('Payments Prod', '333333333333', ['PowerUserAccess', 'ReadOnlyAccess']),
  account('Product Analytics', '444444444444', ['DataScientist']),
  account('Log Archive', '555555555555', ['SecurityAudit'], 'logs@acme.example'),
];

export function catalogOf(accounts: AccountWithRoles[] = ACCOUNTS): RoleCatalog {
  return buildRoleCatalog([ACME], [{ instanceId: 'acme', accounts, syncedAt: 0 }]);
}
