/**
 * Which role a Rolecall profile stands for, read from the AWS config file with the config
 * editor's hot-path lookup: no parse of the whole file unless the profile's header is not where
 * Rolecall writes it. Shared by the CLI and the broker, which answers credential_process calls
 * by profile name.
 */
import { readFileSync } from 'node:fs';
import { StorageError, systemErrorCode, type RolecallError } from '../errors';
import type { RoleRef } from '../model';
import { invalidRoleKeys } from './managed-profile';
import { lookupManagedProfile } from './managed-profile-lookup';
import { ProfileIncompleteError, ProfileNotManagedError, UnknownProfileError } from './profile-errors';

export interface ProfileTarget {
  profile: string;
  role: RoleRef;
  region: string | undefined;
  configFile: string;
}

/** Reads the config file; throws UnknownProfileError when it does not exist, StorageError when it cannot be read. */
export function readConfigForProfile(configFile: string, profile: string): string {
  try {
    return readFileSync(configFile, 'utf8');
  } catch (error) {
    throw configReadError(error, configFile, profile);
  }
}

/** What a failed read (or stat) of the config file means for `profile`. */
export function configReadError(error: unknown, configFile: string, profile: string): RolecallError {
  const code = systemErrorCode(error);
  if (code === 'ENOENT') return new UnknownProfileError(profile, configFile);
  return new StorageError('config-not-readable', `Rolecall cannot read the AWS config file ${configFile} (${code ?? 'unknown error'}).`, {
    hint: 'Make the file readable by your user, or point AWS_CONFIG_FILE at the right file.',
    cause: error,
  });
}

/** The role behind `profile` in the config file's `text`; throws a RolecallError saying what is wrong otherwise. */
export function resolveProfileIn(text: string, configFile: string, profile: string): ProfileTarget {
  const found = lookupManagedProfile(text, profile, configFile);
  switch (found.status) {
    case 'missing':
      throw new UnknownProfileError(profile, configFile);
    case 'unmanaged':
      throw new ProfileNotManagedError(profile, configFile);
    case 'incomplete':
      throw new ProfileIncompleteError(profile, configFile, found.missing);
    case 'managed': {
      // Values from a file the user edits: checked before they name a keychain item or a lock file.
      if (invalidRoleKeys(found.role).length > 0) {
        throw new ProfileIncompleteError(profile, configFile, ['a valid rolecall_instance, rolecall_account_id and rolecall_role_name']);
      }
      return { profile, role: found.role, region: found.region, configFile };
    }
  }
}

/** Both steps: the role behind `profile` in the config file at `configFile`. */
export function resolveProfileInFile(configFile: string, profile: string): ProfileTarget {
  return resolveProfileIn(readConfigForProfile(configFile, profile), configFile, profile);
}
