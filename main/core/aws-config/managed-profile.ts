import { ACCOUNT_ID_PATTERN, INSTANCE_ID_PATTERN, ROLE_NAME_PATTERN, type RoleRef } from '../model';
import type { ConfigDocument, ConfigSection } from './config-document';

/**
 * Which profiles Rolecall owns. A profile is Rolecall's when it carries keys starting with
 * `rolecall_`; those hold its metadata. Rolecall never writes `sso_*` keys: botocore's SSO
 * provider would then serve the profile and never run credential_process.
 */

export const ROLECALL_KEY_PREFIX = 'rolecall_';

/** The metadata keys Rolecall writes in each profile it manages. */
export const MANAGED_KEYS = {
  instance: 'rolecall_instance',
  accountId: 'rolecall_account_id',
  roleName: 'rolecall_role_name',
  /** The name template the profile's name came from; absent when the user chose the name. */
  nameTemplate: 'rolecall_name_template',
} as const;

/**
 * The `rolecall_*` keys of a profile whose value is missing or not valid. The values come from
 * a file the user edits: they are checked here, once for every reader, before they name a
 * keychain item, a lock file or a request.
 */
export function invalidRoleKeys(values: { instanceId: string | undefined; accountId: string | undefined; roleName: string | undefined }): string[] {
  return [
    ...(values.instanceId !== undefined && INSTANCE_ID_PATTERN.test(values.instanceId) ? [] : [MANAGED_KEYS.instance]),
    ...(values.accountId !== undefined && ACCOUNT_ID_PATTERN.test(values.accountId) ? [] : [MANAGED_KEYS.accountId]),
    ...(values.roleName !== undefined && ROLE_NAME_PATTERN.test(values.roleName) ? [] : [MANAGED_KEYS.roleName]),
  ];
}

/** A `[profile NAME]` section that Rolecall manages. */
export interface ManagedSection {
  section: ConfigSection;
  name: string;
  /** The role it is for; undefined when its metadata is incomplete or not valid. */
  role: RoleRef | undefined;
  nameTemplate: string | undefined;
}

export function isManagedSection(section: ConfigSection): boolean {
  if (section.kind !== 'profile' || section.name === undefined) return false;
  return section.options.some((option) => option.key.startsWith(ROLECALL_KEY_PREFIX));
}

/** Every Rolecall profile in the file, in file order. */
export function managedSections(document: ConfigDocument): ManagedSection[] {
  const out: ManagedSection[] = [];
  for (const section of document.sections) {
    if (!isManagedSection(section)) continue;
    // Keys are unique within a section (the parser refuses duplicates); empty means absent.
    let instanceId: string | undefined;
    let accountId: string | undefined;
    let roleName: string | undefined;
    let nameTemplate: string | undefined;
    for (const option of section.options) {
      const value = option.value === '' ? undefined : option.value;
      if (option.key === MANAGED_KEYS.instance) instanceId = value;
      else if (option.key === MANAGED_KEYS.accountId) accountId = value;
      else if (option.key === MANAGED_KEYS.roleName) roleName = value;
      else if (option.key === MANAGED_KEYS.nameTemplate) nameTemplate = value;
    }
    out.push({
      section,
      name: section.name as string,
      role: instanceId && accountId && roleName && invalidRoleKeys({ instanceId, accountId, roleName }).length === 0 ? { instanceId, accountId, roleName } : undefined,
      nameTemplate,
    });
  }
  return out;
}

/** A stable map key for a role. */
export function roleKey(role: RoleRef): string {
  return `${role.instanceId}\u0000${role.accountId}\u0000${role.roleName}`;
}

/** The Rolecall profile name of each role (the first profile when a role has several), by `roleKey`. */
export function profileNamesByRole(document: ConfigDocument): Map<string, string> {
  const names = new Map<string, string>();
  for (const managed of managedSections(document)) {
    if (managed.role && !names.has(roleKey(managed.role))) names.set(roleKey(managed.role), managed.name);
  }
  return names;
}
