import { RolecallError } from '../errors';
import type { RoleRef } from '../model';

/** The role has no profile in the AWS config file (yet). */
export class ProfileNotFoundError extends RolecallError {
  constructor(role: RoleRef) {
    super('profile-not-found', `${role.roleName} in account ${role.accountId} has no profile in your AWS config file yet.`, {
      hint: 'Add its profile first (the "Add to ~/.aws/config" button).',
    });
  }
}

/** An instance has no account list yet, so nothing can be planned from it. */
export class CatalogNotSyncedError extends RolecallError {
  constructor(instanceId: string) {
    super('catalog-missing', `There is no account list for "${instanceId}" yet.`, {
      hint: 'Sign in, or refresh its account list, then try again.',
    });
  }
}

/** This build does not know the command that starts the `rolecall` CLI, which profiles need. */
export class CliCommandUnknownError extends RolecallError {
  constructor() {
    super('cli-command-unknown', 'Rolecall cannot write profiles here: it does not know how to start its own command line tool.', {
      hint: 'Write profiles with `rolecall profiles write` instead.',
    });
  }
}

/** A profile could not be removed without changing how the lines after it read. */
export class ProfileNotRemovableError extends RolecallError {
  constructor(profile: string) {
    super('profile-not-removable', `Rolecall left the profile "${profile}" in your AWS config file: the indented line after it would otherwise join the section before.`, {
      hint: 'Remove that profile by hand in your AWS config file.',
    });
  }
}
