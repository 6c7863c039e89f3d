/**
 * Which role `console` and `terminal` are about: a Rolecall profile from the AWS config file,
 * or an account (id or name) and a role looked up in the cached account lists. Nothing here
 * touches the network or the keychain, so a wrong name fails before anything else happens.
 */
import { RolecallError } from '../core/errors';
import type { AccountWithRoles, RoleRef } from '../core/model';
import type { RolecallCore } from '../core/rolecall-core';
import { UsageError, type FlagSpec } from './args';
import type { CliContext } from './cli-context';
import { NoInstancesError } from './instance-choice';
import { profilesByRole } from './profile-index';
import { resolveProfile } from './profile-target';

/** The flags that name a role, shared by the commands that act as one. */
export const roleTargetFlags = {
  profile: { type: 'string', description: 'A Rolecall profile in the AWS config file.', placeholder: 'NAME' },
  account: { type: 'string', description: 'An account id or name, with --role (instead of --profile).', placeholder: 'ACCOUNT' },
  role: { type: 'string', description: 'The role (permission set) in that account.', placeholder: 'ROLE' },
  instance: { type: 'string', description: 'The instance the account belongs to, when several have it.', placeholder: 'INSTANCE' },
} as const satisfies Record<string, FlagSpec>;

export interface RoleTargetFlags {
  profile: string | undefined;
  account: string | undefined;
  role: string | undefined;
  instance: string | undefined;
}

export interface RoleTarget {
  role: RoleRef;
  /** From the cached account list; empty when the account is not in it. */
  accountName: string;
  /** The profile named on the command line (undefined when an account and role were). */
  profile: string | undefined;
  /** The profile's region, when it has one. */
  region: string | undefined;
}

/** No cached account list of any instance has an account of that id or name. */
export class AccountNotFoundError extends RolecallError {
  constructor(account: string, unsynced: readonly string[]) {
    super('account-not-found', `No account "${account}" is in the account lists Rolecall has.`, {
      hint:
        unsynced.length > 0
          ? `Run \`rolecall sync\` (${unsynced.join(', ')} ${unsynced.length === 1 ? 'has' : 'have'} no account list yet), then \`rolecall ls\` to see the accounts.`
          : 'Run `rolecall ls` to see the accounts you can reach (and `rolecall sync` if one is new).',
    });
  }
}

/** The account exists, but the user holds no role of that name in it. */
export class RoleNotFoundError extends RolecallError {
  constructor(account: AccountWithRoles, role: string) {
    super('role-not-found', `You hold no role "${role}" in account ${account.accountName} (${account.accountId}).`, {
      hint: account.roles.length > 0 ? `Roles you hold there: ${account.roles.join(', ')}.` : 'You hold no role in that account; run `rolecall sync` if that changed.',
    });
  }
}

/** The role has no Rolecall profile, and a terminal needs one to put in AWS_PROFILE. */
export class NoProfileForRoleError extends RolecallError {
  constructor(role: RoleRef, configFile: string) {
    super('profile-missing', `The role ${role.roleName} in account ${role.accountId} has no Rolecall profile in ${configFile}.`, {
      hint: `Write one with \`rolecall profiles write "${role.accountId} ${role.roleName}" --instance ${role.instanceId}\`, then try again.`,
    });
  }
}

/** Resolves `--profile` or `--account`/`--role` (and `--instance`) into a role. Throws a RolecallError saying what is wrong. */
export async function resolveRoleTarget(core: RolecallCore, ctx: Pick<CliContext, 'env'>, flags: RoleTargetFlags, command: string): Promise<RoleTarget> {
  const byAccount = flags.account !== undefined || flags.role !== undefined;
  if (flags.profile !== undefined && (byAccount || flags.instance !== undefined)) {
    throw new UsageError('Give --profile, or --account and --role, not both.', command);
  }
  if (flags.profile !== undefined) {
    const target = resolveProfile(ctx.env, flags.profile);
    const account = (await core.cachedCatalog(target.role.instanceId))?.accounts.find((a) => a.accountId === target.role.accountId);
    return { role: target.role, accountName: account?.accountName ?? '', profile: target.profile, region: target.region };
  }
  if (flags.account === undefined || flags.role === undefined) {
    throw new UsageError(
      byAccount ? '--account and --role go together.' : 'Name the role: --profile NAME, or --account ACCOUNT --role ROLE.',
      command,
    );
  }
  const account = await findAccount(core, flags.account, flags.instance, command);
  const roleName = pickRole(account, flags.role);
  return { role: { instanceId: account.instanceId, accountId: account.accountId, roleName }, accountName: account.accountName, profile: undefined, region: undefined };
}

async function findAccount(core: RolecallCore, wanted: string, instanceId: string | undefined, command: string): Promise<AccountWithRoles> {
  const instances = instanceId !== undefined ? [await core.instances.get(instanceId)] : await core.instances.list();
  if (instances.length === 0) throw new NoInstancesError();
  const accounts: AccountWithRoles[] = [];
  const unsynced: string[] = [];
  for (const instance of instances) {
    const catalog = await core.cachedCatalog(instance.id);
    if (catalog) accounts.push(...catalog.accounts);
    else unsynced.push(instance.id);
  }
  // An exact id or name wins; a name that differs only in case is accepted when it is the only one.
  let found = accounts.filter((a) => a.accountId === wanted || a.accountName === wanted);
  if (found.length === 0) found = accounts.filter((a) => a.accountName.toLowerCase() === wanted.toLowerCase());
  if (found.length === 0) throw new AccountNotFoundError(wanted, unsynced);
  if (found.length > 1) {
    const listed = found.map((a) => `${a.accountName} (${a.accountId}) in ${a.instanceId}`).join('; ');
    throw new UsageError(`"${wanted}" names several accounts: ${listed}. Give the account id, and --instance when it is in several instances.`, command);
  }
  return found[0] as AccountWithRoles;
}

function pickRole(account: AccountWithRoles, wanted: string): string {
  if (account.roles.includes(wanted)) return wanted;
  const folded = account.roles.filter((r) => r.toLowerCase() === wanted.toLowerCase());
  if (folded.length === 1) return folded[0] as string;
  throw new RoleNotFoundError(account, wanted);
}

/** The role's Rolecall profile (the first one, when several point at it). Throws NoProfileForRoleError. */
export async function profileForRole(configFile: string, role: RoleRef): Promise<string> {
  const profile = (await profilesByRole(configFile)).get(`${role.instanceId}/${role.accountId}/${role.roleName}`);
  if (profile === undefined) throw new NoProfileForRoleError(role, configFile);
  return profile;
}
