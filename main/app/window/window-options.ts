import type { BrowserWindowConstructorOptions } from 'electron';

export interface WindowOptionsInput {
  /** Absolute path of the bundled preload (`dist/preload/index.cjs`). */
  preloadPath: string;
  /** The session partition the window's pages live in. */
  partition: string;
  platform: NodeJS.Platform;
  /** Whether the OS is in dark mode (the background shown before the page paints). */
  dark: boolean;
  /** DevTools only in development builds. */
  devTools: boolean;
  /** The window icon (Linux takes it from here; macOS and Windows from the app bundle). */
  iconPath?: string;
}

/**
 * The main window's options. The page gets no Node, runs sandboxed in its own context, cannot
 * embed webviews, and keeps every web security check on.
 */
export function buildWindowOptions(input: WindowOptionsInput): BrowserWindowConstructorOptions {
  return {
    show: false,
    width: 980,
    height: 700,
    minWidth: 640,
    minHeight: 440,
    title: 'Rolecall',
    backgroundColor: input.dark ? '#16181d' : '#ffffff',
    autoHideMenuBar: true,
    ...(input.platform === 'linux' && input.iconPath !== undefined ? { icon: input.iconPath } : {}),
    webPreferences: {
      preload: input.preloadPath,
      partition: input.partition,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      spellcheck: false,
      disableBlinkFeatures: 'Auxclick',
      devTools: input.devTools,
    },
  };
}
