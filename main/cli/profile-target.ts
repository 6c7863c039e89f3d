/**
 * Which role a profile stands for, read straight from the AWS config file with the config
 * editor's hot-path lookup. On the credential_process path: no parse of the whole file unless
 * the profile's header is not where Rolecall writes it.
 */
import { readFileSync } from 'node:fs';
import { awsConfigFile } from '../core/app-paths';
import { lookupManagedProfile } from '../core/aws-config/managed-profile-lookup';
import { StorageError, systemErrorCode } from '../core/errors';
import { ACCOUNT_ID_PATTERN, ROLE_NAME_PATTERN, type RoleRef } from '../core/model';
import { INSTANCE_ID_PATTERN } from '../core/instances/instance-validation';
import { ProfileIncompleteError, ProfileNotManagedError, UnknownProfileError } from './profile-errors';

export interface ProfileTarget {
  profile: string;
  role: RoleRef;
  region: string | undefined;
  configFile: string;
}

/** The role behind `profile`; throws a RolecallError saying what is wrong otherwise. */
export function resolveProfile(env: NodeJS.ProcessEnv, profile: string): ProfileTarget {
  const configFile = awsConfigFile(env);
  let text: string;
  try {
    text = readFileSync(configFile, 'utf8');
  } catch (error) {
    const code = systemErrorCode(error);
    if (code === 'ENOENT') throw new UnknownProfileError(profile, configFile);
    throw new StorageError('config-not-readable', `Rolecall cannot read the AWS config file ${configFile} (${code ?? 'unknown error'}).`, {
      hint: 'Make the file readable by your user, or point AWS_CONFIG_FILE at the right file.',
      cause: error,
    });
  }
  const found = lookupManagedProfile(text, profile, configFile);
  switch (found.status) {
    case 'missing':
      throw new UnknownProfileError(profile, configFile);
    case 'unmanaged':
      throw new ProfileNotManagedError(profile, configFile);
    case 'incomplete':
      throw new ProfileIncompleteError(profile, configFile, found.missing);
    case 'managed': {
      const { instanceId, accountId, roleName } = found.role;
      // Values from a file the user edits: checked before they name a keychain item or a lock file.
      if (!INSTANCE_ID_PATTERN.test(instanceId) || !ACCOUNT_ID_PATTERN.test(accountId) || !ROLE_NAME_PATTERN.test(roleName)) {
        throw new ProfileIncompleteError(profile, configFile, ['a valid rolecall_instance, rolecall_account_id and rolecall_role_name']);
      }
      return { profile, role: found.role, region: found.region, configFile };
    }
  }
}
