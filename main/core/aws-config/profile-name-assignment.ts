import { ProfileNameTakenError } from './config-errors';
import type { ManagedSection } from './managed-profile';
import { roleKey } from './managed-profile';
import { assertUsableProfileName, isReservedProfileName, renderProfileName, sanitizeProfileName } from './profile-name';
import type { SelectedRole } from './role-selection';

/** The name a selected role's profile gets, and why. */
export interface AssignedName {
  name: string;
  /**
   * How the name came about: `template` (from the template; stored so a later template change
   * can rename it), `kept` (an existing profile whose name is left as it is) or `explicit`.
   */
  source: 'template' | 'kept' | 'explicit';
  /** The name the template gave, when that was taken and a suffix was added. */
  takenName?: string;
}

export interface NameAssignmentInput {
  selected: readonly SelectedRole[];
  /** The first Rolecall profile of each role (by roleKey), for roles that have one and stay. */
  existing: ReadonlyMap<string, ManagedSection>;
  /** Rolecall profiles that stay in the file (not pruned), whatever their role. */
  keptManaged: readonly ManagedSection[];
  /** Names of profiles Rolecall does not manage. */
  unmanagedNames: ReadonlySet<string>;
  template: string;
}

/**
 * Gives each selected role a profile name:
 * 1. an explicitly requested name is used as is, or refused if another profile holds it;
 * 2. a role that already has a Rolecall profile keeps its name while the template it came from
 *    is unchanged (or when it records none: a name the user chose or set by hand);
 * 3. otherwise the template's name; when that is taken (by the user's own profile, another
 *    role's profile, or because several roles render to it) every role wanting it gets a suffix:
 *    `-<accountId>`, then `-<accountId>-<instance>`, then a counter.
 * Because existing profiles keep their names, a role's name never changes from run to run
 * unless the template does.
 */
export function assignProfileNames(input: NameAssignmentInput): Map<string, AssignedName> {
  const assigned = new Map<string, AssignedName>();
  // Lower-cased name → the roleKey holding it, or '' for a profile Rolecall does not manage.
  // Names that differ only in case count as the same: `--profile prod` next to `--profile Prod`
  // is a trap even though the SDKs tell them apart.
  const holders = new Map<string, string>();
  for (const name of input.unmanagedNames) holders.set(fold(name), '');
  for (const managed of input.keptManaged) {
    if (!holders.has(fold(managed.name))) holders.set(fold(managed.name), managed.role ? roleKey(managed.role) : `\u0000${managed.name}`);
  }

  const pending: SelectedRole[] = [];
  for (const selected of input.selected) {
    const key = roleKey(selected.role);
    const current = input.existing.get(key);
    if (selected.explicitName !== undefined) continue;
    if (current && (current.nameTemplate === undefined || current.nameTemplate === input.template)) {
      assigned.set(key, { name: current.name, source: current.nameTemplate === undefined ? 'kept' : 'template' });
    } else {
      // A profile about to be renamed frees its old name.
      if (current && holders.get(fold(current.name)) === key) holders.delete(fold(current.name));
      pending.push(selected);
    }
  }

  for (const selected of input.selected) {
    if (selected.explicitName === undefined) continue;
    const key = roleKey(selected.role);
    const name = selected.explicitName;
    assertUsableProfileName(name);
    const holder = holders.get(fold(name));
    if (holder !== undefined && holder !== key) throw new ProfileNameTakenError(name, holder === '' ? 'unmanaged' : 'other-role');
    const current = input.existing.get(key);
    if (current && current.name !== name && holders.get(fold(current.name)) === key) holders.delete(fold(current.name));
    holders.set(fold(name), key);
    assigned.set(key, { name, source: 'explicit' });
  }

  const wanted = new Map<string, { bases: Array<[SelectedRole, string]> }>();
  for (const selected of pending) {
    const base = renderProfileName(input.template, selected.fields);
    const group = wanted.get(fold(base));
    if (group) group.bases.push([selected, base]);
    else wanted.set(fold(base), { bases: [[selected, base]] });
  }
  const isFree = (name: string, key: string) => {
    const holder = holders.get(fold(name));
    return !isReservedProfileName(name) && (holder === undefined || holder === key);
  };
  // Uncontested names first, so a suffixed name never takes a name another role renders to.
  for (const { bases } of wanted.values()) {
    const [only, base] = bases[0] as [SelectedRole, string];
    if (bases.length === 1 && isFree(base, roleKey(only.role))) {
      holders.set(fold(base), roleKey(only.role));
      assigned.set(roleKey(only.role), { name: base, source: 'template' });
    }
  }
  for (const { bases } of wanted.values()) {
    // Every contender gets the first one's spelling of the base (the selection is sorted).
    const shared = (bases[0] as [SelectedRole, string])[1];
    for (const [selected] of bases) {
      const key = roleKey(selected.role);
      if (assigned.has(key)) continue;
      const name = suffixedName(shared, selected, (candidate) => isFree(candidate, key) && !wanted.has(fold(candidate)));
      holders.set(fold(name), key);
      assigned.set(key, { name, source: 'template', takenName: shared });
    }
  }
  return assigned;
}

function fold(name: string): string {
  return name.toLowerCase();
}

function suffixedName(base: string, selected: SelectedRole, free: (name: string) => boolean): string {
  const byAccount = sanitizeProfileName(`${base}-${selected.fields.accountId}`);
  if (free(byAccount)) return byAccount;
  const byInstance = sanitizeProfileName(`${byAccount}-${selected.fields.instanceId}`);
  if (free(byInstance)) return byInstance;
  for (let n = 2; ; n += 1) {
    const numbered = `${byInstance}-${n}`;
    if (free(numbered)) return numbered;
  }
}
