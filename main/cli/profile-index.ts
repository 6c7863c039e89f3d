/**
 * Which Rolecall profile each role has in the AWS config file, for `ls`, `console` and
 * `terminal`. A missing file means no profiles; an unreadable or malformed one is an error the
 * caller decides about.
 */
import { loadConfigDocument } from '../core/aws-config/config-file';
import { managedSections } from '../core/aws-config/managed-profile';

/** `instanceId/accountId/roleName` → profile name (the first Rolecall profile of the role). */
export async function profilesByRole(configFile: string): Promise<Map<string, string>> {
  const { document } = await loadConfigDocument(configFile);
  const out = new Map<string, string>();
  for (const managed of managedSections(document)) {
    if (!managed.role) continue;
    const key = `${managed.role.instanceId}/${managed.role.accountId}/${managed.role.roleName}`;
    if (!out.has(key)) out.set(key, managed.name);
  }
  return out;
}
