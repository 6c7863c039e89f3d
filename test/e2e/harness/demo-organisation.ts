import type { AccountWithRoles } from '../../../main/core/model';

/** A fixed moment for every page clock and session time in the window tests. */
export const DEMO_NOW = Date.UTC(2026, 2, 10, 9, 30, 0);

const ACCOUNT_NAMES = [
  'Production',
  'Staging',
  'Development',
  'Shared Services',
  'Log Archive',
  'Security Tooling',
  'Audit',
  'Network Hub',
  'Identity',
  'Billing',
  'Payments Prod',
  'Payments Staging',
  'Data Lake Prod',
  'Data Lake Staging',
  'Analytics',
  'ML Training',
  'Search Prod',
  'Search Staging',
  'Customer Portal Prod',
  'Customer Portal Dev',
  'Mobile API Prod',
  'Mobile API Dev',
  'CI Runners',
  'Backup Vault',
  'Edge CDN',
  'Marketing Site',
  'Platform Prod',
  'Platform Staging',
  'Platform Dev',
  'Sandbox Alice',
  'Sandbox Bob',
  'Sandbox Chen',
];

const ROLE_POOL = [
  'AdministratorAccess',
  'ReadOnlyAccess',
  'PowerUserAccess',
  'DeveloperAccess',
  'ViewOnlyAccess',
  'SecurityAudit',
  'DatabaseAdmin',
  'NetworkAdmin',
  'BillingAdmin',
  'SupportUser',
];

/** A twelve-digit account id, the same for the same seed. */
export function accountId(seed: number): string {
  return String(100_000_000_000 + ((seed * 7_919_113 + 48_271) % 899_999_999_999)).padStart(12, '0');
}

function slug(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]+/g, '-');
}

/** Acme's organisation: the accounts and permission sets the screenshots and view tests show. */
export function demoAccounts(instanceId = 'acme', domain = 'acme.example'): AccountWithRoles[] {
  return ACCOUNT_NAMES.map((accountName, i) => {
    const count = 2 + (i % 3);
    const roles = Array.from({ length: count }, (_, k) => ROLE_POOL[(i * 3 + k * 4) % ROLE_POOL.length] as string);
    if (i < 3 && !roles.includes('AdministratorAccess')) roles[0] = 'AdministratorAccess';
    return { instanceId, accountId: accountId(i + 1), accountName, emailAddress: `aws-${slug(accountName)}@${domain}`, roles: [...new Set(roles)] };
  });
}

const TEAMS = ['Payments', 'Search', 'Identity', 'Platform', 'Data', 'Mobile', 'Checkout', 'Catalog', 'Fraud', 'Ledger', 'Growth', 'Support', 'Edge', 'Media', 'Maps', 'Inventory', 'Pricing', 'Loyalty', 'Billing', 'Security'];
const STAGES = ['Prod', 'Staging', 'Dev', 'QA', 'Sandbox', 'Perf', 'DR', 'Canary', 'Preview', 'Research'];

/** A large organisation for benchmarks: `accounts` accounts with `rolesPerAccount` roles each. */
export function largeOrganisation(instanceId: string, accounts: number, rolesPerAccount: number): AccountWithRoles[] {
  return Array.from({ length: accounts }, (_, i) => {
    const team = TEAMS[i % TEAMS.length] as string;
    const stage = STAGES[Math.floor(i / TEAMS.length) % STAGES.length] as string;
    const round = Math.floor(i / (TEAMS.length * STAGES.length));
    const accountName = `${team} ${stage}${round > 0 ? ` ${round + 1}` : ''}`;
    const roles = Array.from({ length: rolesPerAccount }, (_, k) => ROLE_POOL[(i + k * 3) % ROLE_POOL.length] as string);
    return { instanceId, accountId: accountId(i + 1), accountName, emailAddress: `aws-${slug(accountName)}@example.com`, roles: [...new Set(roles)] };
  });
}
