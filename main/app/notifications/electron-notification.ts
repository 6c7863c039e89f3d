/** Electron's Notification behind the NotificationService's handle. */
import { Notification } from 'electron';
import { toNotificationOptions } from './notification-options';
import type { Notice } from './notices';
import type { NotificationHandle } from './notification-service';

export function createElectronNotification(notice: Notice): NotificationHandle {
  const notification = new Notification(toNotificationOptions(notice, process.platform));
  return {
    show: () => notification.show(),
    close: () => notification.close(),
    onClick: (listener) => void notification.on('click', listener),
    onAction: (listener) => void notification.on('action', (_event, index) => listener(index)),
    onClose: (listener) => void notification.on('close', listener),
  };
}
