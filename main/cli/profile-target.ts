/**
 * Which role a profile stands for, read straight from the AWS config file (`AWS_CONFIG_FILE`,
 * else `~/.aws/config`).
 */
import { awsConfigFile } from '../core/app-paths';
import { resolveProfileInFile, type ProfileTarget } from '../core/aws-config/profile-resolution';

export type { ProfileTarget } from '../core/aws-config/profile-resolution';

/** The role behind `profile`; throws a RolecallError saying what is wrong otherwise. */
export function resolveProfile(env: NodeJS.ProcessEnv, profile: string): ProfileTarget {
  return resolveProfileInFile(awsConfigFile(env), profile);
}
