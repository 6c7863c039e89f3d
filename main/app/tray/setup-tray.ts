/** The tray feature: Electron's Tray, Menu and images behind the TrayService's seams. */
import { Menu, Tray, nativeImage, nativeTheme, type NativeImage } from 'electron';
import { join } from 'node:path';
import type { Clock } from '../../core/clock';
import type { Logger } from '../../core/logger';
import type { AppStateSource, Unsubscribe } from '../../ipc/services';
import { toMenuTemplate } from './menu-template';
import type { TrayAction } from './tray-menu';
import { TrayService, type TrayInstance } from './tray-service';

export interface TraySetup {
  assetsDir: string;
  clock: Clock;
  state: AppStateSource;
  dispatch(action: TrayAction): void;
  logger: Logger;
}

export function setupTray(setup: TraySetup): { tray: TrayService<NativeImage, Menu>; stop: Unsubscribe } {
  const platform = process.platform;
  const tray = new TrayService<NativeImage, Menu>({
    clock: setup.clock,
    platform,
    // Windows can pair a dark taskbar with light apps; Linux panels follow the desktop theme.
    darkTaskbar: () => (platform === 'win32' ? nativeTheme.shouldUseDarkColorsForSystemIntegratedUI : nativeTheme.shouldUseDarkColors),
    createTrayInstance: (image) => electronTrayInstance(new Tray(image)),
    loadImage: (file) => {
      const image = nativeImage.createFromPath(join(setup.assetsDir, file));
      if (image.isEmpty()) setup.logger.warn('A tray icon is missing', { file });
      if (platform === 'darwin') image.setTemplateImage(true);
      return image;
    },
    buildMenu: (items, dispatch) => Menu.buildFromTemplate(toMenuTemplate(items, dispatch, platform)),
    dispatch: setup.dispatch,
  });
  const onTheme = () => tray.refreshTheme();
  nativeTheme.on('updated', onTheme);
  const unsubscribe = setup.state.onChange((snapshot) => tray.update(snapshot));
  setup.state.snapshot().then(
    (snapshot) => tray.update(snapshot),
    (error: unknown) => setup.logger.error('The tray could not read the app state', { error: error instanceof Error ? error.name : typeof error }),
  );
  return {
    tray,
    stop: () => {
      unsubscribe();
      nativeTheme.off('updated', onTheme);
      tray.destroy();
    },
  };
}

function electronTrayInstance(tray: Tray): TrayInstance<NativeImage, Menu> {
  return {
    setImage: (image) => tray.setImage(image),
    setToolTip: (text) => tray.setToolTip(text),
    setContextMenu: (menu) => tray.setContextMenu(menu),
    onClick: (listener) => void tray.on('click', () => listener()),
    destroy: () => tray.destroy(),
  };
}
