/**
 * How Rolecall lives and ends: closing the window keeps it in the tray, clicking the Dock icon
 * (macOS) brings the window back, quitting really closes the window and stops the services.
 */
export interface LifecycleApp {
  on(event: 'window-all-closed', listener: () => void): unknown;
  on(event: 'activate', listener: () => void): unknown;
  on(event: 'before-quit', listener: () => void): unknown;
}

export interface LifecycleHooks {
  showWindow(): void;
  /** Lets the window close for real and releases the tray, timers and subscriptions. */
  prepareToQuit(): void;
}

export function setupAppLifecycle(app: LifecycleApp, hooks: LifecycleHooks): void {
  // A tray app keeps running with no window; listening is what stops Electron's default quit.
  app.on('window-all-closed', () => undefined);
  app.on('activate', () => hooks.showWindow());
  let quitting = false;
  app.on('before-quit', () => {
    if (quitting) return;
    quitting = true;
    hooks.prepareToQuit();
  });
}
