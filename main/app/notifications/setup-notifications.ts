/** The notifications feature: Electron's Notification behind the NotificationService. */
import { app, Notification } from 'electron';
import { APP_ID } from '../app-identity';
import type { Clock } from '../../core/clock';
import type { Logger } from '../../core/logger';
import { toIpcError } from '../../ipc/ipc-error';
import type { AppStateSource, SessionControl, Unsubscribe } from '../../ipc/services';
import { createElectronNotification } from './electron-notification';
import { watchForNotices } from './notice-watcher';
import { actionFailedNotice } from './notices';
import { NotificationService } from './notification-service';

export interface NotificationSetup {
  state: AppStateSource;
  sessions: SessionControl;
  clock: Clock;
  windowFocused(): boolean;
  showWindow(): void;
  logger: Logger;
}

export interface Notifications {
  service: NotificationService;
  /** Tells the user that something they started outside the window failed. */
  reportFailure(what: string, error: unknown): void;
  stop: Unsubscribe;
}

export function setupNotifications(setup: NotificationSetup): Notifications {
  if (process.platform === 'win32') app.setAppUserModelId(APP_ID);
  const service = new NotificationService({
    isSupported: () => Notification.isSupported(),
    createNotification: createElectronNotification,
    focusWindow: setup.showWindow,
    runAction: (action) => {
      setup.sessions.signIn(action.instanceId).catch((error: unknown) => reportFailure('sign in', error));
    },
    logger: setup.logger,
  });
  const reportFailure = (what: string, error: unknown) => service.show(actionFailedNotice(what, toIpcError(error)));
  const stop = watchForNotices({
    state: setup.state,
    sessions: setup.sessions,
    clock: setup.clock,
    windowFocused: setup.windowFocused,
    show: (notice) => service.show(notice),
    logger: setup.logger,
  });
  return { service, reportFailure, stop };
}
