/**
 * Watches the app's state and sign-in progress and shows the notices they call for. The
 * device code is only worth a notification when the window (which shows it too) is not in
 * front of the user.
 */
import type { Clock } from '../../core/clock';
import type { Logger } from '../../core/logger';
import type { AppSnapshot } from '../../ipc/contract';
import type { AppStateSource, SessionControl, Unsubscribe } from '../../ipc/services';
import type { Notice } from './notices';
import { noticeForSignIn, noticesForStateChange } from './session-notices';

export interface NoticeWatcherOptions {
  state: AppStateSource;
  sessions: SessionControl;
  clock: Clock;
  windowFocused(): boolean;
  show(notice: Notice): void;
  logger: Logger;
}

export function watchForNotices(options: NoticeWatcherOptions): Unsubscribe {
  let previous: AppSnapshot | null = null;
  let seenChange = false;
  const consider = (next: AppSnapshot) => {
    for (const notice of noticesForStateChange(previous, next, options.clock.now())) options.show(notice);
    previous = next;
  };
  const stopState = options.state.onChange((next) => {
    seenChange = true;
    consider(next);
  });
  options.state.snapshot().then(
    // A change that arrived first is newer than this answer.
    (initial) => {
      if (!seenChange) consider(initial);
    },
    (error: unknown) => options.logger.error('Notifications could not read the app state', { error: error instanceof Error ? error.name : typeof error }),
  );
  const stopSignIn = options.sessions.onProgress((event) => {
    if (options.windowFocused()) return;
    const notice = noticeForSignIn(event, previous, options.clock.now());
    if (notice !== undefined) options.show(notice);
  });
  return () => {
    stopState();
    stopSignIn();
  };
}
