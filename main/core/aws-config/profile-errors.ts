import { RolecallError } from '../errors';

/** No profile of that name in the AWS config file. */
export class UnknownProfileError extends RolecallError {
  constructor(profile: string, configFile: string) {
    super('profile-unknown', `There is no profile "${profile}" in ${configFile}.`, {
      hint: 'Run `rolecall ls` to see the roles and their profiles, and `rolecall profiles write` to add profiles.',
    });
  }
}

/** The profile exists but Rolecall did not write it, so Rolecall will not serve it. */
export class ProfileNotManagedError extends RolecallError {
  constructor(profile: string, configFile: string) {
    super('profile-not-managed', `The profile "${profile}" in ${configFile} is not managed by Rolecall (it has no rolecall_* keys).`, {
      hint: 'Use a profile written by `rolecall profiles write` (see `rolecall ls`), or remove credential_process from that profile.',
    });
  }
}

/** A Rolecall profile lost some of its `rolecall_*` keys (edited by hand). */
export class ProfileIncompleteError extends RolecallError {
  constructor(profile: string, configFile: string, missing: readonly string[]) {
    super('config-profile-incomplete', `The Rolecall profile "${profile}" in ${configFile} lacks ${missing.join(', ')}.`, {
      hint: 'Run `rolecall profiles write` to repair it, or remove the profile.',
    });
  }
}
