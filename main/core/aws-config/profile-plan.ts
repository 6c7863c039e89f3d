import { InvalidInputError } from '../errors';
import type { RoleRef } from '../model';
import type { ConfigDocument, ConfigSection } from './config-document';
import { renderLines } from './config-document';
import { ConfigFileMalformedError } from './config-errors';
import { applySplices, spliceChanges, unifiedDiff } from './config-edit';
import type { CommandPlatform } from './credential-process-command';
import { commandPlatform, credentialProcessFormatter } from './credential-process-command';
import type { ManagedSection } from './managed-profile';
import { MANAGED_KEYS, managedSections, roleKey } from './managed-profile';
import { ProfileEditor } from './profile-editor';
import { DEFAULT_PROFILE_NAME_TEMPLATE, validateProfileNameTemplate } from './profile-name';
import type { AssignedName } from './profile-name-assignment';
import { assignProfileNames } from './profile-name-assignment';
import type { CatalogView, ProfileSelection } from './role-selection';
import { indexCatalogRoles, selectRoles } from './role-selection';

/** What `rolecall profiles write` was asked to do. */
export interface ProfilePlanRequest {
  /** The account lists of the instances concerned (prune only looks at these instances). */
  catalogs: readonly CatalogView[];
  selection: ProfileSelection;
  /** Profile name template; default `{accountName}/{roleName}`. */
  template?: string;
  /** Written as `region` when given; an existing `region` is left alone otherwise. */
  region?: string | null;
  /** Written as `output` when given; left alone otherwise. */
  output?: string | null;
  /** How to start Rolecall, e.g. `[process.execPath, '/opt/Rolecall/rolecall.js']`. */
  commandPrefix: readonly string[];
  /** Remove Rolecall profiles of these instances whose role is no longer assigned. */
  prune?: boolean;
  /** Quoting rules for credential_process; default: this machine's. */
  platform?: CommandPlatform;
}

export type ProfileChange =
  | { kind: 'add'; profile: string; role: RoleRef; takenName?: string }
  | { kind: 'update'; profile: string; role: RoleRef; keys: string[]; previousProfile?: string; takenName?: string }
  | { kind: 'unchanged'; profile: string; role: RoleRef }
  | { kind: 'prune'; profile: string; role: RoleRef };

export interface ProfilePlan {
  changes: ProfileChange[];
  /** The file's new content. */
  text: string;
  /** False when the file would stay byte for byte the same. */
  changed: boolean;
  /** The change as a unified diff, '' when nothing changes. */
  diff(labels?: { oldLabel: string; newLabel: string }): string;
}

const OUTPUT_FORMATS = new Set(['json', 'text', 'table', 'yaml', 'yaml-stream']);

/**
 * Computes what writing profiles would change in `document`: pure, so `--dry-run` shows exactly
 * what the writer then applies (the writer plans again on the content it re-reads under its
 * lock). Lines outside Rolecall's profiles are never part of an edit; inside a Rolecall profile
 * only Rolecall's own keys change, in place, and everything the user added stays.
 */
export function planProfiles(document: ConfigDocument, request: ProfilePlanRequest): ProfilePlan {
  const template = request.template ?? DEFAULT_PROFILE_NAME_TEMPLATE;
  validateRequest(request, template);
  const credentialProcess = credentialProcessFormatter(request.commandPrefix, request.platform ?? commandPlatform());
  const index = indexCatalogRoles(request.catalogs);
  const selected = selectRoles(index, request.selection);
  const instances = new Set(request.catalogs.map((catalog) => catalog.instanceId));

  const managed = managedSections(document);
  const managedSet = new Set(managed.map((m) => m.section));
  const editor = new ProfileEditor(document);
  // Removals are decided first: a profile that cannot be removed safely keeps its name.
  const gone = request.prune
    ? managed.filter((m) => m.role !== undefined && instances.has(m.role.instanceId) && !index.has(roleKey(m.role)))
    : [];
  const managedHeaders = new Set(managed.map((m) => m.section.headerLine));
  const removed = editor.removeSections(
    gone.map((m) => m.section),
    (line) => managedHeaders.has(line),
  );
  const pruned = managed.filter((m) => removed.has(m.section));
  const kept = managed.filter((m) => !removed.has(m.section));
  const sectionsOfRole = new Map<string, ManagedSection[]>();
  for (const m of kept) {
    if (!m.role) continue;
    const list = sectionsOfRole.get(roleKey(m.role));
    if (list) list.push(m);
    else sectionsOfRole.set(roleKey(m.role), [m]);
  }
  const unmanagedNames = new Set<string>();
  for (const section of document.sections) {
    if ((section.kind === 'profile' || section.kind === 'default') && section.name !== undefined && !managedSet.has(section)) {
      unmanagedNames.add(section.name);
    }
  }
  const existing = new Map<string, ManagedSection>();
  for (const [key, list] of sectionsOfRole) existing.set(key, list[0] as ManagedSection);
  const names = assignProfileNames({ selected, existing, keptManaged: kept, unmanagedNames, template });

  const changes: ProfileChange[] = [];
  const added: Array<{ name: string; values: Array<[string, string]> }> = [];
  for (const { role } of selected) {
    const key = roleKey(role);
    const assigned = names.get(key) as AssignedName;
    const values = ownedValues(request, role, assigned, template, credentialProcess);
    const sections = sectionsOfRole.get(key);
    if (!sections) {
      added.push({ name: assigned.name, values: [...values].filter((entry): entry is [string, string] => entry[1] !== null) });
      changes.push({ kind: 'add', profile: assigned.name, role, ...(assigned.takenName ? { takenName: assigned.takenName } : {}) });
      continue;
    }
    const [canonical, ...copies] = sections as [ManagedSection, ...ManagedSection[]];
    const changedKeys = editor.updateSection(canonical.section, values, assigned.name);
    // Copies of the same role (a profile duplicated by hand) keep their names but get fixed too.
    for (const copy of copies) {
      editor.updateSection(copy.section, ownedValues(request, role, { name: copy.name, source: 'kept' }, template, credentialProcess), copy.name);
    }
    if (changedKeys.length === 0) changes.push({ kind: 'unchanged', profile: assigned.name, role });
    else {
      changes.push({
        kind: 'update',
        profile: assigned.name,
        role,
        keys: changedKeys,
        ...(canonical.name !== assigned.name ? { previousProfile: canonical.name } : {}),
        ...(assigned.takenName ? { takenName: assigned.takenName } : {}),
      });
    }
  }
  // New profiles go after the last Rolecall profile that stays (one that could not be removed
  // is no anchor: what follows it must not change between runs).
  const lastKept = kept.reduce<ConfigSection | undefined>(
    (last, m) => (editor.stuck.has(m.section) || (last !== undefined && m.section.headerLine < last.headerLine) ? last : m.section),
    undefined,
  );
  editor.addSections(editor.insertionPointAfter(lastKept), added);
  for (const m of pruned) changes.push({ kind: 'prune', profile: m.name, role: m.role as RoleRef });

  refuseInheritedBreakage(document, added);

  const splices = editor.finish();
  const changed = splices.some((splice) => spliceChanges(document.lines, splice));
  const text = changed ? renderLines(document.bom, applySplices(document.lines, splices)) : renderLines(document.bom, document.lines);
  return {
    changes,
    text,
    changed,
    diff: (labels = { oldLabel: 'a/config', newLabel: 'b/config' }) => unifiedDiff(document.lines, splices, labels),
  };
}

/**
 * The edits keep every other line's meaning, with one exception in botocore's [DEFAULT] rules: a
 * broken sub-block there is harmless until a profile without that key inherits it. Adding such
 * a profile would make the AWS CLI refuse the file, so it is refused here, naming the line.
 */
function refuseInheritedBreakage(document: ConfigDocument, added: ReadonlyArray<{ values: ReadonlyArray<readonly [string, string]> }>): void {
  const first = added[0];
  if (!first) return;
  const written = new Set(first.values.map(([key]) => key));
  const problem = document.defaultSectionErrors.find((error) => !written.has(error.key));
  if (!problem) return;
  throw new ConfigFileMalformedError({
    ...(document.source === undefined ? {} : { path: document.source }),
    line: problem.line + 1,
    reason: `${problem.reason} Botocore copies [DEFAULT] keys into every profile, so the AWS CLI would refuse the file once Rolecall adds one.`,
    hint: 'Fix or remove that line in the [DEFAULT] section, then run the command again. Rolecall changed nothing.',
  });
}

/** The owned keys of a role's profile in the order they are written; null removes the key. */
function ownedValues(
  request: ProfilePlanRequest,
  role: RoleRef,
  assigned: AssignedName,
  template: string,
  credentialProcess: (profileName: string) => string,
): Map<string, string | null> {
  const values = new Map<string, string | null>();
  values.set('credential_process', credentialProcess(assigned.name));
  if (request.region) values.set('region', request.region);
  if (request.output) values.set('output', request.output);
  values.set(MANAGED_KEYS.instance, role.instanceId);
  values.set(MANAGED_KEYS.accountId, role.accountId);
  values.set(MANAGED_KEYS.roleName, role.roleName);
  if (assigned.source === 'template') values.set(MANAGED_KEYS.nameTemplate, template);
  else if (assigned.source === 'explicit') values.set(MANAGED_KEYS.nameTemplate, null);
  return values;
}

function validateRequest(request: ProfilePlanRequest, template: string): void {
  validateProfileNameTemplate(template);
  if (request.region && !/^[a-z0-9]+(-[a-z0-9]+)*$/.test(request.region)) {
    throw new InvalidInputError(`"${request.region}" is not an AWS region name.`, { hint: 'For example us-east-1 or eu-west-3.' });
  }
  if (request.output && !OUTPUT_FORMATS.has(request.output)) {
    throw new InvalidInputError(`"${request.output}" is not an AWS CLI output format.`, { hint: `Use one of ${[...OUTPUT_FORMATS].join(', ')}.` });
  }
  if (request.commandPrefix.length === 0) throw new InvalidInputError('The command that starts Rolecall is empty.');
  for (const catalog of request.catalogs) {
    for (const account of catalog.accounts) {
      for (const value of [catalog.instanceId, account.accountId, ...account.roles]) {
        if (value === '' || value.trim() !== value || /[\r\n]/.test(value)) {
          throw new InvalidInputError(`The account list holds an unusable value ${JSON.stringify(value)}.`, { hint: 'Run `rolecall sync` again.' });
        }
      }
    }
  }
}
