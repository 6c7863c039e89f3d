/** What each tray menu item does, in terms of the core services and the window. */
import type { RoleAccess, SessionControl } from '../../ipc/services';
import type { TrayAction } from './tray-menu';

export interface TrayActionTargets {
  sessions: SessionControl;
  roles: RoleAccess;
  showWindow(): void;
  quit(): void;
  /** The window may be hidden: failures are told through a notification. */
  reportFailure(what: string, error: unknown): void;
}

export function createTrayDispatcher(targets: TrayActionTargets): (action: TrayAction) => void {
  const run = (what: string, operation: () => Promise<void>) => {
    operation().catch((error: unknown) => targets.reportFailure(what, error));
  };
  return (action) => {
    switch (action.type) {
      case 'sign-in':
        run('sign in', () => targets.sessions.signIn(action.instanceId));
        return;
      case 'cancel-sign-in':
        run('cancel the sign-in', () => targets.sessions.cancelSignIn(action.instanceId));
        return;
      case 'sign-out':
        run('sign out', () => targets.sessions.signOut(action.instanceId));
        return;
      case 'open-console':
        run('open the console', () => targets.roles.openConsole(action.role, {}));
        return;
      case 'open-terminal':
        run('open a terminal', () => targets.roles.openTerminal(action.role));
        return;
      case 'open-window':
        targets.showWindow();
        return;
      case 'quit':
        targets.quit();
        return;
    }
  };
}
