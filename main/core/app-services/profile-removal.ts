import { applySplices } from '../aws-config/config-edit';
import { renderLines } from '../aws-config/config-document';
import { editConfigFile, type EditConfigOptions } from '../aws-config/config-file';
import { managedSections } from '../aws-config/managed-profile';
import { ProfileEditor } from '../aws-config/profile-editor';
import type { RoleRef } from '../model';
import { ProfileNotRemovableError } from './errors';

const sameRole = (a: RoleRef, b: RoleRef) => a.instanceId === b.instanceId && a.accountId === b.accountId && a.roleName === b.roleName;

/**
 * Removes every Rolecall profile of one role from the AWS config file, with the same safe,
 * locked, atomic edit as `profiles write`: only those sections (and the blank line Rolecall
 * wrote before each) go; every other byte stays. Resolves with the names removed (none when
 * the role had no profile, and then the file is not touched).
 */
export async function removeRoleProfiles(configFile: string, role: RoleRef, options: EditConfigOptions = {}): Promise<string[]> {
  const outcome = await editConfigFile(
    configFile,
    (document) => {
      const managed = managedSections(document);
      const mine = managed.filter((m) => m.role !== undefined && sameRole(m.role, role));
      if (mine.length === 0) return { text: null, result: [] as string[] };
      const headers = new Set(managed.map((m) => m.section.headerLine));
      const editor = new ProfileEditor(document);
      const removed = editor.removeSections(
        mine.map((m) => m.section),
        (line) => headers.has(line),
      );
      const left = mine.find((m) => !removed.has(m.section));
      if (left) throw new ProfileNotRemovableError(left.name);
      return { text: renderLines(document.bom, applySplices(document.lines, editor.finish())), result: mine.map((m) => m.name) };
    },
    options,
  );
  return outcome.result;
}
