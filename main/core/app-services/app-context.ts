import type { ProcessLauncher } from '../browser/process-launcher';
import type { Exists } from '../browser/find-executable';
import type { Logger } from '../logger';
import type { RolecallCore } from '../rolecall-core';
import type { RefreshScheduler } from '../scheduler/refresh-scheduler';
import type { SettingsStore } from '../settings/settings-store';
import type { AppState } from './app-state';
import type { ProfileIndex } from './profile-index';
import type { RoleLists } from './role-lists';
import type { SessionStates } from './session-states';

/** How programs (a browser, a terminal) are started: the real detached launcher, or a test's. */
export interface AppHost {
  launcher: ProcessLauncher;
  /** Whether a file exists (finding browsers and terminals). */
  exists: Exists;
}

/** What the app services share: the core, the state they keep, and the host's seams. */
export interface AppContext {
  core: RolecallCore;
  state: AppState;
  sessions: SessionStates;
  roleLists: RoleLists;
  profiles: ProfileIndex;
  settings: SettingsStore;
  host: AppHost;
  logger: Logger;
  /** The refresh scheduler once it runs (it loads the AWS SDK, so it starts in the background). */
  scheduler(): RefreshScheduler | undefined;
}

/** The error code to log for anything thrown. */
export function errorCodeOf(error: unknown): string {
  if (typeof error === 'object' && error !== null && 'code' in error && typeof (error as { code: unknown }).code === 'string') {
    return (error as { code: string }).code;
  }
  return error instanceof Error ? error.name : 'unknown';
}
