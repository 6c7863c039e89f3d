import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../../../main/core/logger';
import { MainWindow, type WindowHandle } from '../../../../main/app/window/main-window';

function fakeWindow() {
  const log: string[] = [];
  let visible = false;
  let focused = false;
  let minimized = false;
  let destroyed = false;
  let ready: (() => void) | undefined;
  let close: ((prevent: () => void) => void) | undefined;
  let closed: (() => void) | undefined;
  const handle: WindowHandle = {
    webContents: { id: 42, send: (channel) => log.push(`send ${channel}`), isDestroyed: () => destroyed },
    loadURL: async (url) => void log.push(`load ${url}`),
    show: () => ((visible = true), log.push('show')),
    hide: () => ((visible = false), (focused = false), log.push('hide')),
    focus: () => ((focused = true), log.push('focus')),
    restore: () => ((minimized = false), log.push('restore')),
    isVisible: () => visible,
    isMinimized: () => minimized,
    isFocused: () => focused,
    isDestroyed: () => destroyed,
    onClose: (listener) => (close = listener),
    onClosed: (listener) => (closed = listener),
    onceReadyToShow: (listener) => (ready = listener),
  };
  return {
    handle,
    log,
    ready: () => ready?.(),
    userCloses: () => {
      let prevented = false;
      close?.(() => (prevented = true));
      if (!prevented) {
        destroyed = true;
        closed?.();
      }
      return prevented;
    },
    minimise: () => ((minimized = true), (focused = false)),
  };
}

function setup() {
  const windows: ReturnType<typeof fakeWindow>[] = [];
  const visibility: boolean[] = [];
  const main = new MainWindow({
    createWindow: () => {
      const window = fakeWindow();
      windows.push(window);
      return window.handle;
    },
    url: 'app://rolecall/index.html',
    logger: silentLogger,
    onVisibilityChange: (visible) => visibility.push(visible),
  });
  return { main, windows, visibility };
}

describe('MainWindow', () => {
  it('is created hidden and starts loading the app page', () => {
    const { main, windows } = setup();
    main.create();
    main.create();
    expect(windows).toHaveLength(1);
    expect(windows[0]!.log).toEqual(['load app://rolecall/index.html']);
    expect(main.webContentsId()).toBe(42);
  });

  it('shown before the page is ready, it appears as soon as it is', () => {
    const { main, windows, visibility } = setup();
    main.show();
    expect(windows[0]!.log).not.toContain('show');
    windows[0]!.ready();
    expect(windows[0]!.log.slice(-2)).toEqual(['show', 'focus']);
    expect(visibility).toEqual([true]);
    expect(main.isFocused()).toBe(true);
  });

  it('closing hides it (the app stays in the tray); after allowClose it really closes', () => {
    const { main, windows, visibility } = setup();
    main.show();
    windows[0]!.ready();
    expect(windows[0]!.userCloses()).toBe(true);
    expect(windows[0]!.log.at(-1)).toBe('hide');
    expect(visibility).toEqual([true, false]);
    main.allowClose();
    expect(windows[0]!.userCloses()).toBe(false);
    expect(main.webContentsId()).toBeUndefined();
    expect(main.eventTarget()).toBeUndefined();
  });

  it('restores a minimised window and toggles from the tray', () => {
    const { main, windows } = setup();
    main.create();
    windows[0]!.ready();
    main.show();
    windows[0]!.minimise();
    main.show();
    expect(windows[0]!.log.slice(-3)).toEqual(['restore', 'show', 'focus']);
    main.toggle();
    expect(windows[0]!.log.at(-1)).toBe('hide');
    main.toggle();
    expect(windows[0]!.log.at(-1)).toBe('focus');
  });
});
