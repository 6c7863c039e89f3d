/**
 * The window feature: the app's scheme and its hardened session, the guards on every
 * webContents, and the hidden main window.
 */
import { app, nativeTheme, protocol, session } from 'electron';
import type { Logger } from '../../core/logger';
import { createAppProtocolHandler } from './app-protocol';
import { APP_ENTRY_URL, APP_SCHEME, isAppUrl } from './app-location';
import { createElectronWindow } from './electron-window';
import { MainWindow } from './main-window';
import { hardenSession, WINDOW_PARTITION } from './session-hardening';
import { applyWebContentsGuards } from './web-contents-guards';
import { buildWindowOptions } from './window-options';

/** Must run before the app is ready: gives `app://` a real, secure origin. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    // corsEnabled lets the page load its own ES module; nothing else is granted.
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, corsEnabled: true } },
  ]);
}

export interface MainWindowSetup {
  rendererDir: string;
  preloadPath: string;
  iconPath?: string;
  devTools: boolean;
  openExternal(url: string): Promise<void>;
  logger: Logger;
}

export function setupMainWindow(setup: MainWindowSetup): MainWindow {
  const { logger } = setup;
  app.on('web-contents-created', (_event, contents) => {
    applyWebContentsGuards(contents, { isAppUrl, openExternal: setup.openExternal, logger });
  });

  const windowSession = session.fromPartition(WINDOW_PARTITION);
  hardenSession(windowSession, { isAppUrl, allowDevTools: setup.devTools, logger });
  windowSession.protocol.handle(APP_SCHEME, createAppProtocolHandler(setup.rendererDir));

  const options = buildWindowOptions({
    preloadPath: setup.preloadPath,
    partition: WINDOW_PARTITION,
    platform: process.platform,
    dark: nativeTheme.shouldUseDarkColors,
    devTools: setup.devTools,
    iconPath: setup.iconPath,
  });
  return new MainWindow({
    createWindow: () => createElectronWindow(options),
    url: APP_ENTRY_URL,
    logger,
    onVisibilityChange: (visible) => {
      // A tray app: the Dock icon (macOS) is there only while the window is.
      if (process.platform !== 'darwin' || app.dock === undefined) return;
      if (visible) void app.dock.show();
      else app.dock.hide();
    },
  });
}
