import { RolecallError } from '../errors';

/** Another broker (the app or `rolecall daemon`) already serves this app data folder. */
export class BrokerAlreadyRunningError extends RolecallError {
  constructor(pid: number | undefined) {
    super('broker-running', `A Rolecall broker is already running${pid === undefined ? '' : ` (pid ${pid})`}.`, {
      hint: 'Only one of the Rolecall app and `rolecall daemon` can serve credentials at a time; stop the other one first.',
    });
  }
}

/** The broker's folder exists but is not private to this user, so it is not safe to use. */
export class BrokerFolderUnsafeError extends RolecallError {
  constructor(dir: string) {
    super('broker-folder-unsafe', `The broker folder ${dir} belongs to another user or is open to other users.`, {
      hint: `Remove ${dir} (Rolecall recreates it with private permissions), or set ROLECALL_HOME to a folder you own.`,
    });
  }
}
