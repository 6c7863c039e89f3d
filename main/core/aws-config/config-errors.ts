import { RolecallError, StorageError } from '../errors';

/**
 * The config file holds something the AWS CLI (botocore) cannot read either. Rolecall leaves
 * such a file alone and names the line, so the user can fix it.
 */
export class ConfigFileMalformedError extends RolecallError {
  /** 1-based line number of the offending line. */
  readonly line: number;
  readonly path: string | undefined;

  constructor(options: { path?: string; line: number; reason: string; hint?: string }) {
    const where = options.path === undefined ? `line ${options.line}` : `${options.path}, line ${options.line}`;
    super('config-malformed', `The AWS config file cannot be read (${where}): ${options.reason}`, {
      hint: options.hint ?? 'Fix or remove that line (the AWS CLI rejects it too), then run the command again. Rolecall changed nothing.',
    });
    this.line = options.line;
    this.path = options.path;
  }
}

/** The config file or its folder cannot be written: nothing was changed. */
export class ConfigFileNotWritableError extends StorageError {
  readonly path: string;

  constructor(path: string, detail: string, cause?: unknown) {
    super('config-not-writable', `Rolecall cannot write the AWS config file ${path}: ${detail}. Nothing was changed.`, {
      hint: 'Make the file and its folder writable by your user (e.g. `chmod u+w`), or point AWS_CONFIG_FILE at a writable file.',
      cause,
    });
    this.path = path;
  }
}

/** The config file kept changing under Rolecall (another program writing it in a loop). */
export class ConfigFileBusyError extends StorageError {
  constructor(path: string) {
    super('config-busy', `The AWS config file ${path} kept changing while Rolecall was updating it. Nothing was changed.`, {
      hint: 'Wait until the other program writing it has finished, then run the command again.',
    });
  }
}

/** A profile name the user asked for belongs to a profile Rolecall does not manage (or to another role). */
export class ProfileNameTakenError extends RolecallError {
  readonly profile: string;

  constructor(profile: string, owner: 'unmanaged' | 'other-role') {
    super(
      'profile-name-taken',
      owner === 'unmanaged'
        ? `The profile "${profile}" already exists in the AWS config file and was not written by Rolecall, so Rolecall will not change it.`
        : `The profile "${profile}" is already used by Rolecall for another role.`,
      { hint: 'Choose another profile name, or rename or remove the existing profile first.' },
    );
    this.profile = profile;
  }
}

/** A role the user named is not in the instance's account list (no longer assigned, or never was). */
export class RoleNotAssignedError extends RolecallError {
  constructor(role: { instanceId: string; accountId: string; roleName: string }) {
    super(
      'role-not-assigned',
      `The role ${role.roleName} in account ${role.accountId} is not assigned to you in ${role.instanceId} (as of the last sync).`,
      { hint: `Run \`rolecall sync ${role.instanceId}\` to refresh the list, then \`rolecall ls\` to see the roles you hold.` },
    );
  }
}
