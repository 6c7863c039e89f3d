import { createHash } from 'node:crypto';

/** A permission set assigned to the signed-in user in one account. */
export interface PermissionSetSpec {
  /** The role name the portal reports (= the permission set's name). */
  name: string;
  /** How long credentials from GetRoleCredentials live, 900..43200 s (AWS default 3600). */
  sessionDurationSeconds?: number;
}

export interface AccountSpec {
  /** 12 digits. */
  accountId: string;
  accountName: string;
  emailAddress: string;
  roles: PermissionSetSpec[];
}

/** What the emulated Identity Center instance holds for its one user. */
export interface OrganizationSpec {
  /** The portal user's name; it becomes the role session name in STS ARNs. */
  userName?: string;
  accounts: AccountSpec[];
}

/** An account as the emulator serves it, with its roles indexed for O(1) lookups. */
export interface IndexedAccount {
  accountId: string;
  accountName: string;
  emailAddress: string;
  roles: { roleName: string; sessionDurationSeconds: number; roleId: string; roleHash: string }[];
  roleByName: Map<string, IndexedAccount['roles'][number]>;
}

export interface IndexedOrganization {
  userName: string;
  /** Accounts in the portal's stable order (by name, then id). */
  accounts: IndexedAccount[];
  accountById: Map<string, IndexedAccount>;
}

const ACCOUNT_WORDS = [
  'payments', 'identity', 'data-lake', 'search', 'checkout', 'billing', 'analytics', 'logging',
  'security', 'network', 'platform', 'mobile-api', 'web-frontend', 'ml-training', 'inventory',
  'shipping', 'marketing', 'crm', 'catalog', 'notifications', 'reporting', 'edge', 'backup', 'audit',
];
const STAGES = ['prod', 'staging', 'dev', 'sandbox', 'qa', 'shared'];
const PERMISSION_SETS: PermissionSetSpec[] = [
  { name: 'AdministratorAccess', sessionDurationSeconds: 3600 },
  { name: 'ReadOnlyAccess', sessionDurationSeconds: 4 * 3600 },
  { name: 'PowerUserAccess', sessionDurationSeconds: 2 * 3600 },
  { name: 'Billing', sessionDurationSeconds: 3600 },
  { name: 'DataScientist', sessionDurationSeconds: 8 * 3600 },
  { name: 'DatabaseAdministrator', sessionDurationSeconds: 3600 },
  { name: 'NetworkAdministrator', sessionDurationSeconds: 3600 },
  { name: 'SecurityAudit', sessionDurationSeconds: 12 * 3600 },
  { name: 'SupportUser', sessionDurationSeconds: 3600 },
  { name: 'SystemAdministrator', sessionDurationSeconds: 3600 },
  { name: 'ViewOnlyAccess', sessionDurationSeconds: 12 * 3600 },
  { name: 'DeveloperAccess', sessionDurationSeconds: 4 * 3600 },
];

/**
 * A realistic, deterministic organisation: names like `payments-prod`, emails on a company
 * domain, 12-digit ids, and well-known permission sets. Same arguments, same organisation.
 */
export function demoOrganization(options: { accounts?: number; rolesPerAccount?: number; userName?: string } = {}): OrganizationSpec {
  const accountCount = options.accounts ?? 3;
  const rolesPerAccount = options.rolesPerAccount ?? 2;
  if (!Number.isInteger(accountCount) || accountCount < 0 || accountCount > 100_000) {
    throw new RangeError(`accounts must be an integer in 0..100000, got ${accountCount}`);
  }
  if (!Number.isInteger(rolesPerAccount) || rolesPerAccount < 1 || rolesPerAccount > PERMISSION_SETS.length) {
    throw new RangeError(`rolesPerAccount must be an integer in 1..${PERMISSION_SETS.length}, got ${rolesPerAccount}`);
  }
  const accounts: AccountSpec[] = [];
  for (let i = 0; i < accountCount; i += 1) {
    const word = ACCOUNT_WORDS[i % ACCOUNT_WORDS.length]!;
    const stage = STAGES[Math.floor(i / ACCOUNT_WORDS.length) % STAGES.length]!;
    const round = Math.floor(i / (ACCOUNT_WORDS.length * STAGES.length));
    const accountName = round === 0 ? `${word}-${stage}` : `${word}-${stage}-${round + 1}`;
    const roles: PermissionSetSpec[] = [];
    // Rotate which permission sets an account gets so that the organisation looks lived-in,
    // while AdministratorAccess/ReadOnlyAccess stay the common ones.
    for (let r = 0; r < rolesPerAccount; r += 1) roles.push({ ...PERMISSION_SETS[(r + (r >= 2 ? i : 0)) % PERMISSION_SETS.length]! });
    dedupeRoles(roles, i);
    accounts.push({
      accountId: demoAccountId(i),
      accountName,
      emailAddress: `aws+${accountName}@example-corp.com`,
      roles,
    });
  }
  return { userName: options.userName ?? 'jordan.lee@example-corp.com', accounts };
}

function dedupeRoles(roles: PermissionSetSpec[], seed: number): void {
  const seen = new Set<string>();
  for (let r = 0; r < roles.length; r += 1) {
    let k = 0;
    while (seen.has(roles[r]!.name)) {
      roles[r] = { ...PERMISSION_SETS[(seed + r + k) % PERMISSION_SETS.length]! };
      k += 1;
    }
    seen.add(roles[r]!.name);
  }
}

/** 12 digits that look random but are stable per index and never collide. */
function demoAccountId(index: number): string {
  // An affine map modulo 10^12 with a multiplier coprime to 10 is a bijection.
  const n = (BigInt(index) * 738_552_916_237n + 104_729_000_031n) % 1_000_000_000_000n;
  return n.toString().padStart(12, '0');
}

/** Validates a spec and builds the lookup maps the server answers from. */
export function indexOrganization(spec: OrganizationSpec): IndexedOrganization {
  if (!spec || !Array.isArray(spec.accounts)) throw new TypeError('organization.accounts must be an array');
  const accountById = new Map<string, IndexedAccount>();
  for (const account of spec.accounts) {
    if (!/^\d{12}$/.test(account.accountId)) throw new TypeError(`account id must be 12 digits: ${account.accountId}`);
    if (accountById.has(account.accountId)) throw new TypeError(`duplicate account id ${account.accountId}`);
    if (!account.accountName) throw new TypeError(`account ${account.accountId} has no name`);
    const roleByName = new Map<string, IndexedAccount['roles'][number]>();
    const roles: IndexedAccount['roles'] = [];
    for (const role of account.roles) {
      const duration = role.sessionDurationSeconds ?? 3600;
      if (!/^[\w+=,.@-]{1,32}$/.test(role.name)) throw new TypeError(`bad permission set name ${role.name}`);
      if (!Number.isInteger(duration) || duration < 900 || duration > 43_200) {
        throw new TypeError(`session duration of ${role.name} must be 900..43200 s, got ${duration}`);
      }
      if (roleByName.has(role.name)) throw new TypeError(`duplicate role ${role.name} in ${account.accountId}`);
      const digest = createHash('sha256').update(`${account.accountId}/${role.name}`).digest();
      const entry = {
        roleName: role.name,
        sessionDurationSeconds: duration,
        roleHash: digest.subarray(0, 8).toString('hex'),
        roleId: `AROA${base32(digest.subarray(8, 18)).slice(0, 16)}`,
      };
      roles.push(entry);
      roleByName.set(role.name, entry);
    }
    roles.sort((a, b) => compare(a.roleName, b.roleName));
    accountById.set(account.accountId, {
      accountId: account.accountId,
      accountName: account.accountName,
      emailAddress: account.emailAddress,
      roles,
      roleByName,
    });
  }
  // The portal only lists accounts where the user holds at least one permission set.
  const accounts = [...accountById.values()]
    .filter((a) => a.roles.length > 0)
    .sort((a, b) => compare(a.accountName, b.accountName) || compare(a.accountId, b.accountId));
  return { userName: spec.userName ?? 'jordan.lee@example-corp.com', accounts, accountById };
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** RFC 4648 base32 without padding: the alphabet of AWS key and role ids. */
export function base32(bytes: Uint8Array): string {
  let out = '';
  let bits = 0;
  let value = 0;
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += BASE32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += BASE32[(value << (5 - bits)) & 31];
  return out;
}
