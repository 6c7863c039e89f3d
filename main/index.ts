/**
 * Rolecall's Electron main process: the composition root. It decides how the process was
 * started, builds the adapters and services in order, registers IPC and wires app events.
 * Every feature lives in its own module with its own setup function.
 */
import { app, clipboard } from 'electron';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { appDataDir } from './core/app-paths';
import { startAppBroker } from './core/app-services/app-broker';
import { createAppServices } from './core/app-services/create-app-services';
import { systemClock } from './core/clock';
import { createRolecallCore } from './core/rolecall-core';
import { createAppLogger } from './app/app-log';
import { appCliCommand, type AppRuntime } from './app/cli/app-command';
import { parseLaunchMode } from './app/cli/launch-mode';
import { setupCliMode, setupInstallCommandMode } from './app/cli/setup-cli-mode';
import { setupAppLifecycle } from './app/lifecycle/app-lifecycle';
import { loginItemsFor, wasStartedAtLogin } from './app/lifecycle/login-start';
import { setupSingleInstance } from './app/lifecycle/single-instance';
import { setupStartAtLogin } from './app/lifecycle/start-at-login';
import { setupNotifications } from './app/notifications/setup-notifications';
import { createTrayDispatcher } from './app/tray/tray-actions';
import { setupTray } from './app/tray/setup-tray';
import { isAppUrl } from './app/window/app-location';
import { registerAppScheme, setupMainWindow } from './app/window/setup-main-window';
import { forwardEventsToWindow } from './app/window/window-events';
import { createEventSender } from './ipc/event-sender';
import { createIpcHandlers } from './ipc/handlers';
import { createAppSenderPolicy } from './ipc/sender-policy';
import { setupIpc } from './ipc/setup-ipc';

const dist = join(dirname(fileURLToPath(import.meta.url)), '..');
const runtime: AppRuntime = {
  platform: process.platform,
  execPath: process.execPath,
  defaultApp: process.defaultApp === true,
  appPath: app.getAppPath(),
  appImage: process.env.APPIMAGE,
};

const launch = parseLaunchMode(process.argv, runtime.defaultApp);
switch (launch.kind) {
  case 'cli':
    setupCliMode(launch.args, join(dist, 'cli', 'rolecall.js'), runtime);
    break;
  case 'install-command':
    setupInstallCommandMode(launch.directory, runtime);
    break;
  case 'app':
    startApp(launch.startedAtLogin).catch((error: unknown) => {
      process.stderr.write(`Rolecall could not start: ${error instanceof Error ? error.message : 'unknown error'}\n`);
      app.exit(1);
    });
    break;
}

async function startApp(startedWithLoginSwitch: boolean): Promise<void> {
  app.enableSandbox();
  registerAppScheme();
  // A second launch before the window exists has nothing to show yet.
  const onSecondLaunch = { show: (): void => undefined };
  if (!setupSingleInstance(app, () => onSecondLaunch.show())) return;
  await app.whenReady();

  const dataDir = appDataDir();
  const logger = createAppLogger(join(dataDir, 'logs', 'app.log'), { echo: !app.isPackaged });
  const clock = systemClock;
  // The core facade (sign-in, sync, credentials, profiles, console, terminal), and the shell's
  // view of it; credential_process lines run the `rolecall` command through this app.
  const core = createRolecallCore({ appDir: dataDir, clock, logger, cliCommand: appCliCommand(runtime) });
  const settings = await core.settings();
  const services = await createAppServices(core);

  const window = setupMainWindow({
    rendererDir: join(dist, 'renderer'),
    preloadPath: join(dist, 'preload', 'index.cjs'),
    iconPath: join(assetsDir(), 'icons', '512x512.png'),
    devTools: !app.isPackaged,
    // Rolecall's browser opener (LinkOpener), not Electron's shell.openExternal: it opens only https
    // AWS sign-in, console and Identity Center URLs (or the sandbox's loopback origin) and refuses the rest.
    openExternal: (url) => services.links.openExternal(url),
    logger,
  });
  onSecondLaunch.show = () => window.show();

  const senderPolicy = createAppSenderPolicy({ windowWebContentsId: () => window.webContentsId(), isAppUrl });
  const stopIpc = setupIpc(createIpcHandlers({ ...services, clipboard: { writeText: (text) => clipboard.writeText(text) } }), senderPolicy, logger);
  const stopEvents = forwardEventsToWindow(services, createEventSender(() => window.eventTarget()), clock);

  const notifications = setupNotifications({
    state: services.state,
    sessions: services.sessions,
    clock,
    windowFocused: () => window.isFocused(),
    showWindow: () => window.show(),
    logger,
  });
  const tray = setupTray({
    assetsDir: assetsDir(),
    clock,
    state: services.state,
    dispatch: createTrayDispatcher({
      sessions: services.sessions,
      roles: services.roles,
      showWindow: () => window.show(),
      quit: () => app.quit(),
      reportFailure: notifications.reportFailure,
    }),
    logger,
  });

  const startAtLogin = app.isPackaged
    ? setupStartAtLogin(settings, loginItemsFor(app, { platform: runtime.platform, appCommand: [runtime.appImage ?? runtime.execPath], env: process.env }), logger)
    : undefined;

  // credential_process callers get credentials from this app's memory (nothing waits for
  // it to start); a `rolecall daemon` already serving them is fine too.
  const broker = startAppBroker(core, services).catch((error: unknown) => {
    logger.warn('The credential broker did not start; CLI callers fetch credentials themselves', { errorCode: error instanceof Error ? error.name : 'unknown' });
    return undefined;
  });

  setupAppLifecycle(app, {
    showWindow: () => window.show(),
    prepareToQuit: () => {
      window.allowClose();
      startAtLogin?.stop();
      tray.stop();
      notifications.stop();
      stopEvents();
      stopIpc();
      void (async () => {
        await (await broker)?.close();
        await services.close();
        await core.close();
      })().catch((error: unknown) => logger.error('Rolecall did not stop cleanly', { error: error instanceof Error ? error.name : 'unknown' }));
    },
  });

  window.create();
  if (!wasStartedAtLogin(app, runtime.platform, startedWithLoginSwitch)) window.show();
  logger.info('Rolecall started', { version: app.getVersion(), packaged: app.isPackaged });
}

/** Icons: beside the app in development, in the resources folder when packaged. */
function assetsDir(): string {
  return app.isPackaged ? join(process.resourcesPath, 'assets') : join(app.getAppPath(), 'assets');
}
