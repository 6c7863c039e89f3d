/**
 * The window's session: an in-memory partition of its own (nothing persisted, nothing shared
 * with any other webContents) where every permission is refused, downloads are dropped, and
 * no request leaves the app's own pages.
 */
import type { Session } from 'electron';
import type { Logger } from '../../core/logger';
import { describeSenderUrl } from '../../ipc/sender-policy';
import { withContentSecurityPolicy } from './content-security-policy';

/** The window's partition: no `persist:` prefix, so it lives in memory only. */
export const WINDOW_PARTITION = 'rolecall-window';

export interface SessionHardeningOptions {
  isAppUrl(url: string): boolean;
  /** DevTools pages are allowed in development builds only. */
  allowDevTools: boolean;
  logger: Logger;
}

export function hardenSession(session: Session, options: SessionHardeningOptions): void {
  const { logger } = options;
  session.setPermissionRequestHandler((_contents, permission, callback) => {
    logger.warn('Refused a permission request', { permission });
    callback(false);
  });
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
  session.on('will-download', (event) => {
    event.preventDefault();
    logger.warn('Blocked a download');
  });
  session.webRequest.onBeforeRequest((details, callback) => {
    const allowed = options.isAppUrl(details.url) || (options.allowDevTools && details.url.startsWith('devtools://'));
    if (!allowed) logger.warn('Blocked a request from the window', { to: describeSenderUrl(details.url) });
    callback({ cancel: !allowed });
  });
  session.webRequest.onHeadersReceived((details, callback) => {
    if (!options.isAppUrl(details.url)) {
      callback({});
      return;
    }
    callback({ responseHeaders: withContentSecurityPolicy(details.responseHeaders) });
  });
}
