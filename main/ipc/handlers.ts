/**
 * What each request channel does: a thin translation from the contract to the core services.
 * Arguments arrive already validated by the registration.
 */
import type { IpcHandlers } from './register';
import type { ClipboardWriter, RolecallServices } from './services';

export interface IpcHandlerDeps extends RolecallServices {
  clipboard: ClipboardWriter;
}

export function createIpcHandlers(deps: IpcHandlerDeps): IpcHandlers {
  const { state, instances, sessions, catalog, roles, favourites, profiles, settings, links, clipboard } = deps;
  return {
    'state:get': () => state.snapshot(),
    'instances:add': (input) => instances.add(input),
    'instances:rename': (instanceId, name) => instances.rename(instanceId, name),
    'instances:remove': (instanceId) => instances.remove(instanceId),
    'session:sign-in': (instanceId) => sessions.signIn(instanceId),
    'session:cancel-sign-in': (instanceId) => sessions.cancelSignIn(instanceId),
    'session:sign-out': (instanceId) => sessions.signOut(instanceId),
    'catalog:sync': (instanceId) => catalog.sync(instanceId),
    'role:open-console': (role, options) => roles.openConsole(role, options),
    'role:open-terminal': (role) => roles.openTerminal(role),
    'role:copy-env': async (role, shell) => {
      clipboard.writeText(await roles.environmentSnippet(role, shell));
    },
    'role:copy-profile-name': async (role) => {
      const profile = await profiles.profileName(role);
      clipboard.writeText(profile);
      return { profile };
    },
    'role:set-favourite': (role, favourite) => favourites.setFavourite(role, favourite),
    'profile:write': (role) => profiles.write(role),
    'profile:remove': (role) => profiles.remove(role),
    'settings:update': (patch) => settings.update(patch),
    // Rolecall's browser opener (LinkOpener), not Electron's shell.openExternal: it opens only https
    // AWS sign-in, console and Identity Center URLs (or the sandbox's loopback origin) and refuses the rest.
    'link:open': (url) => links.openExternal(url),
  };
}
