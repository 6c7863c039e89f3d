/**
 * The tray menu as plain data, built from the app's state. Electron's Menu is made from it by
 * a separate adapter; this part is pure and tested directly.
 */
import type { RoleRef } from '../../core/model';
import { roleKey, type AppSnapshot, type InstanceView } from '../../ipc/contract';
import { formatTimeLeft } from './time-left';
import { isSignedIn, trayStatus } from './tray-status';

export type TrayAction =
  | { type: 'sign-in'; instanceId: string }
  | { type: 'cancel-sign-in'; instanceId: string }
  | { type: 'sign-out'; instanceId: string }
  | { type: 'open-console'; role: RoleRef }
  | { type: 'open-terminal'; role: RoleRef }
  | { type: 'open-window' }
  | { type: 'quit' };

export type TrayMenuItem =
  | { kind: 'action'; label: string; action: TrayAction; enabled: boolean }
  | { kind: 'label'; label: string }
  | { kind: 'separator' }
  | { kind: 'submenu'; label: string; items: TrayMenuItem[] };

export interface TrayMenuLimits {
  favourites: number;
  recents: number;
}

export const DEFAULT_TRAY_MENU_LIMITS: TrayMenuLimits = { favourites: 10, recents: 5 };

/** The whole tray menu for `snapshot` at time `now` (null: state not loaded yet). */
export function buildTrayMenu(snapshot: AppSnapshot | null, now: number, limits: TrayMenuLimits = DEFAULT_TRAY_MENU_LIMITS): TrayMenuItem[] {
  const items: TrayMenuItem[] = [];
  if (snapshot === null) {
    items.push({ kind: 'label', label: 'Loading…' });
  } else if (snapshot.instances.length === 0) {
    items.push({ kind: 'label', label: 'No Identity Center instance yet' });
  } else {
    for (const instance of snapshot.instances) items.push(instanceMenu(instance, now));
  }

  if (snapshot !== null) {
    const context = roleContext(snapshot);
    const favourites = snapshot.favourites.slice(0, limits.favourites);
    const recents = snapshot.recents.filter((key) => !snapshot.favourites.includes(key)).slice(0, limits.recents);
    appendRoleSection(items, 'Favourites', favourites, context);
    appendRoleSection(items, 'Recent', recents, context);
  }

  items.push({ kind: 'separator' });
  items.push({ kind: 'action', label: 'Open Rolecall', action: { type: 'open-window' }, enabled: true });
  items.push({ kind: 'action', label: 'Quit Rolecall', action: { type: 'quit' }, enabled: true });
  return items;
}

/** The tray's hover text. */
export function trayTooltip(snapshot: AppSnapshot | null): string {
  if (snapshot === null || snapshot.instances.length === 0) return 'Rolecall';
  switch (trayStatus(snapshot.instances)) {
    case 'ok':
      return 'Rolecall: signed in';
    case 'ending-soon':
      return 'Rolecall: a session ends soon';
    case 'error':
      return 'Rolecall: a session needs you';
    case 'signed-out':
      return 'Rolecall: signed out';
  }
}

/** "Acme — 7 h 42 min left", "Acme — signed out", … */
export function instanceLabel(instance: InstanceView, now: number): string {
  const { session } = instance;
  switch (session.status) {
    case 'active':
    case 'ending-soon':
      return `${instance.name} — ${session.expiresAt === undefined ? 'signed in' : formatTimeLeft(session.expiresAt - now)}`;
    case 'signing-in':
      return `${instance.name} — signing in…`;
    case 'signed-out':
      return `${instance.name} — signed out`;
    case 'expired':
      return `${instance.name} — session ended`;
    case 'error':
      return `${instance.name} — needs attention`;
  }
}

function instanceMenu(instance: InstanceView, now: number): TrayMenuItem {
  const instanceId = instance.id;
  const items: TrayMenuItem[] = [];
  switch (instance.session.status) {
    case 'active':
      items.push({ kind: 'action', label: 'Sign out', action: { type: 'sign-out', instanceId }, enabled: true });
      break;
    case 'ending-soon':
      items.push({ kind: 'action', label: 'Sign in again', action: { type: 'sign-in', instanceId }, enabled: true });
      items.push({ kind: 'action', label: 'Sign out', action: { type: 'sign-out', instanceId }, enabled: true });
      break;
    case 'signing-in':
      items.push({ kind: 'action', label: 'Cancel sign-in', action: { type: 'cancel-sign-in', instanceId }, enabled: true });
      break;
    case 'signed-out':
    case 'expired':
    case 'error':
      items.push({ kind: 'action', label: 'Sign in', action: { type: 'sign-in', instanceId }, enabled: true });
      break;
  }
  return { kind: 'submenu', label: instanceLabel(instance, now), items };
}

interface RoleContext {
  instances: Map<string, InstanceView>;
  accountNames: Map<string, string>;
  showInstance: boolean;
}

function roleContext(snapshot: AppSnapshot): RoleContext {
  const accountNames = new Map<string, string>();
  for (const catalog of snapshot.catalogs) {
    for (const account of catalog.accounts) accountNames.set(`${catalog.instanceId}/${account.accountId}`, account.accountName);
  }
  return {
    instances: new Map(snapshot.instances.map((instance) => [instance.id, instance])),
    accountNames,
    showInstance: snapshot.instances.length > 1,
  };
}

function appendRoleSection(items: TrayMenuItem[], title: string, keys: readonly string[], context: RoleContext): void {
  const roles = keys.map(parseRoleKey).filter((role): role is RoleRef => role !== undefined && context.instances.has(role.instanceId));
  if (roles.length === 0) return;
  items.push({ kind: 'separator' });
  items.push({ kind: 'label', label: title });
  for (const role of roles) items.push(roleMenu(role, context));
}

function roleMenu(role: RoleRef, context: RoleContext): TrayMenuItem {
  const instance = context.instances.get(role.instanceId);
  const account = context.accountNames.get(`${role.instanceId}/${role.accountId}`) ?? role.accountId;
  const suffix = context.showInstance && instance !== undefined ? ` · ${instance.name}` : '';
  const enabled = instance !== undefined && isSignedIn(instance.session.status);
  return {
    kind: 'submenu',
    label: `${account} / ${role.roleName}${suffix}`,
    items: [
      { kind: 'action', label: 'Console', action: { type: 'open-console', role }, enabled },
      { kind: 'action', label: 'Terminal', action: { type: 'open-terminal', role }, enabled },
    ],
  };
}

/** `instanceId/accountId/roleName` back into a RoleRef (role names may not hold a slash). */
export function parseRoleKey(key: string): RoleRef | undefined {
  const parts = key.split('/');
  if (parts.length !== 3) return undefined;
  const [instanceId, accountId, roleName] = parts as [string, string, string];
  const role = { instanceId, accountId, roleName };
  return roleKey(role) === key && instanceId !== '' && accountId !== '' && roleName !== '' ? role : undefined;
}
