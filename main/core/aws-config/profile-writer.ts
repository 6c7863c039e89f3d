import type { EditConfigOptions } from './config-file';
import { editConfigFile, loadConfigDocument } from './config-file';
import type { ProfileChange, ProfilePlan, ProfilePlanRequest } from './profile-plan';
import { planProfiles } from './profile-plan';

export interface ProfileWriteResult {
  /** The file written (symbolic links resolved). */
  path: string;
  changes: ProfileChange[];
  /** False when the file already held exactly these profiles. */
  written: boolean;
  /** Where the previous content was saved, when the file was replaced. */
  backupPath: string | undefined;
}

/**
 * `rolecall profiles write`: plans against the config file as it is under the lock and writes
 * the result atomically (see `editConfigFile`).
 */
export async function writeProfiles(configPath: string, request: ProfilePlanRequest, options: EditConfigOptions = {}): Promise<ProfileWriteResult> {
  const outcome = await editConfigFile(
    configPath,
    (document) => {
      const plan = planProfiles(document, request);
      return { text: plan.changed ? plan.text : null, result: plan.changes };
    },
    options,
  );
  return { path: outcome.path, changes: outcome.result, written: outcome.written, backupPath: outcome.backupPath };
}

/** `rolecall profiles write --dry-run`: the plan against the file as it is now; nothing is written. */
export async function previewProfiles(configPath: string, request: ProfilePlanRequest): Promise<ProfilePlan & { path: string }> {
  const { snapshot, document } = await loadConfigDocument(configPath);
  return { ...planProfiles(document, request), path: snapshot.path };
}
