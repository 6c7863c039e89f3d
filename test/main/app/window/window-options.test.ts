import { describe, expect, it } from 'vitest';
import { buildWindowOptions } from '../../../../main/app/window/window-options';

const input = { preloadPath: '/app/dist/preload/index.cjs', partition: 'rolecall-window', dark: false, devTools: false } as const;

describe('buildWindowOptions', () => {
  it('creates the window hidden, with every web security setting locked down', () => {
    const options = buildWindowOptions({ ...input, platform: 'darwin' });
    expect(options.show).toBe(false);
    expect(options.webPreferences).toMatchObject({
      preload: '/app/dist/preload/index.cjs',
      partition: 'rolecall-window',
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
      devTools: false,
    });
    expect(options.webPreferences).not.toHaveProperty('enableBlinkFeatures');
    expect(options.webPreferences).not.toHaveProperty('additionalArguments');
  });

  it('paints the background of the OS theme before the page loads', () => {
    expect(buildWindowOptions({ ...input, platform: 'win32', dark: true }).backgroundColor).toBe('#16181d');
    expect(buildWindowOptions({ ...input, platform: 'win32', dark: false }).backgroundColor).toBe('#ffffff');
  });

  it('sets the window icon on Linux only (the bundle carries it elsewhere)', () => {
    expect(buildWindowOptions({ ...input, platform: 'linux', iconPath: '/i.png' }).icon).toBe('/i.png');
    expect(buildWindowOptions({ ...input, platform: 'darwin', iconPath: '/i.png' })).not.toHaveProperty('icon');
  });

  it('opens DevTools only when asked (development builds)', () => {
    expect(buildWindowOptions({ ...input, platform: 'linux', devTools: true }).webPreferences?.devTools).toBe(true);
  });
});
