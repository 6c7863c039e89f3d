/**
 * Keeps the OS's login start in step with the "start at login" setting: applied at startup
 * (the user may have removed the login item by hand) and whenever the setting changes.
 */
import type { Logger } from '../../core/logger';
import type { SettingsEditor, Unsubscribe } from '../../ipc/services';
import type { LoginItems } from './login-items';

export function setupStartAtLogin(settings: SettingsEditor, loginItems: LoginItems, logger: Logger): { applied: Promise<void>; stop: Unsubscribe } {
  let queue = Promise.resolve();
  const apply = (enabled: boolean) => {
    queue = queue
      .then(async () => {
        if ((await loginItems.isEnabled()) !== enabled) await loginItems.setEnabled(enabled);
      })
      .catch((error: unknown) => {
        logger.error('Could not change whether Rolecall starts at login', { enabled, error: error instanceof Error ? error.name : typeof error });
      });
    return queue;
  };
  const applied = apply(settings.current().startAtLogin);
  const stop = settings.onChange((next, changed) => {
    if (changed.includes('startAtLogin')) void apply(next.startAtLogin);
  });
  return { applied, stop };
}
