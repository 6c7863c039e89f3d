/**
 * The narrow views of the core that the Electron shell uses (IPC handlers, tray,
 * notifications). The core facade implements them; tests and the renderer's end-to-end
 * harness pass the real facade too, so there is one implementation of every operation.
 * Nothing here imports Electron.
 */
import type { AccountCatalog, IdentityCenterInstance, RoleRef, SignInEvent, SyncEvent, Settings } from '../core/model';
import type { AddInstanceInput, AppSnapshot, ConsoleOptions, ShellKind } from './contract';

export type Unsubscribe = () => void;

/** Everything the window and the tray show, and word of every change. */
export interface AppStateSource {
  snapshot(): Promise<AppSnapshot>;
  onChange(listener: (snapshot: AppSnapshot) => void): Unsubscribe;
}

/** The Identity Center instances the user has added. */
export interface InstanceDirectory {
  add(input: AddInstanceInput): Promise<IdentityCenterInstance>;
  rename(instanceId: string, name: string): Promise<void>;
  remove(instanceId: string): Promise<void>;
}

/** Signing in to and out of an instance. */
export interface SessionControl {
  /** Starts (or joins) the sign-in of an instance; progress arrives through `onProgress`. */
  signIn(instanceId: string): Promise<void>;
  cancelSignIn(instanceId: string): Promise<void>;
  signOut(instanceId: string): Promise<void>;
  onProgress(listener: (event: SignInEvent) => void): Unsubscribe;
}

/** Listing the accounts and roles of an instance. */
export interface CatalogSync {
  sync(instanceId: string): Promise<void>;
  onProgress(listener: (event: SyncEvent) => void): Unsubscribe;
  /** The last good list, for callers that need one instance's accounts. */
  catalog?(instanceId: string): Promise<AccountCatalog | null>;
}

/** Acting as a role: the console, a terminal, environment variables. */
export interface RoleAccess {
  openConsole(role: RoleRef, options: ConsoleOptions): Promise<void>;
  openTerminal(role: RoleRef): Promise<void>;
  /**
   * The lines that set the role's credentials in `shell`. Secret: the shell puts them on the
   * clipboard because the user asked, and they never reach the window or a log.
   */
  environmentSnippet(role: RoleRef, shell: ShellKind): Promise<string>;
}

/** The roles the user pinned. */
export interface FavouriteRoles {
  setFavourite(role: RoleRef, favourite: boolean): Promise<void>;
}

/** The role's profile in the shared AWS config file. */
export interface ProfileWriter {
  /** The name of the role's profile; throws a RolecallError when the role has none. */
  profileName(role: RoleRef): Promise<string>;
  write(role: RoleRef): Promise<{ profile: string }>;
  remove(role: RoleRef): Promise<void>;
}

/** Reading and changing the user's settings (the settings store implements it). */
export interface SettingsEditor {
  current(): Settings;
  update(patch: Partial<Settings>): Promise<Settings>;
  onChange(listener: (settings: Settings, changed: (keyof Settings)[]) => void): Unsubscribe;
}

/** The product's one way to send a URL to a browser; it refuses URLs it does not trust. */
export interface LinkOpener {
  openExternal(url: string): Promise<void>;
}

/** Every core service the shell talks to: what the core facade provides. */
export interface RolecallServices {
  state: AppStateSource;
  instances: InstanceDirectory;
  sessions: SessionControl;
  catalog: CatalogSync;
  roles: RoleAccess;
  favourites: FavouriteRoles;
  profiles: ProfileWriter;
  settings: SettingsEditor;
  links: LinkOpener;
}

/** Where copied text goes: the system clipboard in the app, a recorder in tests. */
export interface ClipboardWriter {
  writeText(text: string): void;
}
