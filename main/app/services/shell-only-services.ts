/**
 * The services the shell runs with until the core facade is wired in (one line in
 * main/index.ts): the settings are real, the state shows no instance yet, and every core
 * operation fails with a clear error instead of pretending to work.
 */
import { RolecallError } from '../../core/errors';
import type { AppSnapshot } from '../../ipc/contract';
import type { RolecallServices, SettingsEditor } from '../../ipc/services';

/** A core operation was asked for in a build whose core services are not connected. */
export class CoreNotConnectedError extends RolecallError {
  constructor(operation: string) {
    super('core-not-connected', `This Rolecall build cannot ${operation} yet: its core services are not connected.`, {
      hint: 'Use the `rolecall` command line tool for now.',
    });
  }
}

export function createShellOnlyServices(settings: SettingsEditor): RolecallServices {
  const snapshot = (): AppSnapshot => ({ instances: [], catalogs: [], favourites: [], recents: [], profiles: {}, settings: settings.current() });
  const unavailable = (operation: string) => () => Promise.reject(new CoreNotConnectedError(operation));
  const noEvents = () => () => undefined;
  return {
    state: {
      snapshot: async () => snapshot(),
      onChange: (listener) => settings.onChange(() => listener(snapshot())),
    },
    instances: { add: unavailable('add an instance'), rename: unavailable('rename an instance'), remove: unavailable('remove an instance') },
    sessions: { signIn: unavailable('sign in'), cancelSignIn: unavailable('cancel a sign-in'), signOut: unavailable('sign out'), onProgress: noEvents },
    catalog: { sync: unavailable('list accounts'), onProgress: noEvents },
    roles: { openConsole: unavailable('open the console'), openTerminal: unavailable('open a terminal'), environmentSnippet: unavailable('copy credentials') },
    favourites: { setFavourite: unavailable('pin roles') },
    profiles: { profileName: unavailable('find profiles'), write: unavailable('write profiles'), remove: unavailable('remove profiles') },
    settings,
    links: { openExternal: unavailable('open links') },
  };
}
