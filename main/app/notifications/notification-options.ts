import type { NotificationConstructorOptions } from 'electron';
import type { Notice } from './notices';

/**
 * Electron's options for a notice. Action buttons exist on macOS only (Windows needs a toast
 * XML of its own, Linux servers vary); elsewhere a click opens the window, which offers the
 * same action.
 */
export function toNotificationOptions(notice: Notice, platform: NodeJS.Platform): NotificationConstructorOptions {
  return {
    title: notice.title,
    body: notice.body,
    silent: false,
    ...(platform === 'darwin' && notice.actions.length > 0
      ? { actions: notice.actions.map((action) => ({ type: 'button' as const, text: action.label })) }
      : {}),
    ...(platform === 'linux' ? { urgency: notice.urgency } : {}),
  };
}
