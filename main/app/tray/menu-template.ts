import type { MenuItemConstructorOptions } from 'electron';
import type { TrayAction, TrayMenuItem } from './tray-menu';

/**
 * Electron's menu template for the tray's plain menu. Account names are user data: an `&`
 * would turn into a keyboard mnemonic on Windows and Linux, so it is doubled there.
 */
export function toMenuTemplate(
  items: readonly TrayMenuItem[],
  dispatch: (action: TrayAction) => void,
  platform: NodeJS.Platform,
): MenuItemConstructorOptions[] {
  const label = (text: string) => (platform === 'darwin' ? text : text.replaceAll('&', '&&'));
  return items.map((item): MenuItemConstructorOptions => {
    switch (item.kind) {
      case 'separator':
        return { type: 'separator' };
      case 'label':
        return { label: label(item.label), enabled: false };
      case 'submenu':
        return { label: label(item.label), submenu: toMenuTemplate(item.items, dispatch, platform) };
      case 'action': {
        const { action } = item;
        return { label: label(item.label), enabled: item.enabled, click: () => dispatch(action) };
      }
    }
  });
}
