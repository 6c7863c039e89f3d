import type { TrayStatus } from './tray-status';

/**
 * The icon file for a tray status, relative to the assets folder. macOS gets monochrome
 * template images (the menu bar tints them); Windows and Linux get a dark glyph for light
 * taskbars and a light one for dark taskbars. Each file has an `@2x` sibling that Electron
 * picks on high-density screens.
 */
export function trayIconFile(status: TrayStatus, platform: NodeJS.Platform, darkTaskbar: boolean): string {
  if (platform === 'darwin') return `tray/tray-${status}-template.png`;
  return `tray/tray-${status}-${darkTaskbar ? 'on-dark' : 'on-light'}.png`;
}
