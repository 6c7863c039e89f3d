/**
 * Shows notices as system notifications. A click focuses the window; an action button (where
 * the platform has them) runs its action and focuses the window too. Electron comes in
 * through seams so this runs in plain Node tests.
 */
import type { Logger } from '../../core/logger';
import type { Notice, NoticeAction } from './notices';

export interface NotificationHandle {
  show(): void;
  close(): void;
  onClick(listener: () => void): void;
  /** `index` is the position of the button in `notice.actions`. */
  onAction(listener: (index: number) => void): void;
  onClose(listener: () => void): void;
}

export interface NotificationServiceOptions {
  isSupported(): boolean;
  createNotification(notice: Notice): NotificationHandle;
  focusWindow(): void;
  runAction(action: NoticeAction): void;
  logger: Logger;
}

export class NotificationService {
  /** Shown notifications by key; holding them also keeps their click handlers alive. */
  private readonly shown = new Map<string, NotificationHandle>();

  constructor(private readonly options: NotificationServiceOptions) {}

  show(notice: Notice): void {
    const { options } = this;
    if (!options.isSupported()) {
      options.logger.info('Notifications are not supported here', { notice: notice.key });
      return;
    }
    this.shown.get(notice.key)?.close();
    const handle = options.createNotification(notice);
    this.shown.set(notice.key, handle);
    handle.onClick(() => options.focusWindow());
    handle.onAction((index) => {
      const action = notice.actions[index]?.action;
      if (action !== undefined) options.runAction(action);
      options.focusWindow();
    });
    handle.onClose(() => {
      if (this.shown.get(notice.key) === handle) this.shown.delete(notice.key);
    });
    handle.show();
  }

  /** Number of notifications still on screen (as far as the service knows). */
  get openCount(): number {
    return this.shown.size;
  }
}
