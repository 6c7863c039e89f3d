/**
 * A recording stand-in for the `electron` module, bundled into the main process in place of
 * the real one (which only exists inside Electron). It implements just what the composition
 * root touches and records it on `globalThis.__electron` for the test to inspect and drive.
 */
type Listener = (...args: any[]) => any;

class Emitter {
  readonly listeners = new Map<string, Listener[]>();
  on(event: string, listener: Listener) {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
    return this;
  }
  once(event: string, listener: Listener) {
    return this.on(event, listener);
  }
  off(event: string, listener: Listener) {
    this.listeners.set(event, (this.listeners.get(event) ?? []).filter((l) => l !== listener));
    return this;
  }
  emit(event: string, ...args: any[]) {
    for (const listener of this.listeners.get(event) ?? []) listener(...args);
  }
}

export const record = {
  calls: [] as string[],
  windows: [] as BrowserWindow[],
  trays: [] as Tray[],
  notifications: [] as Notification[],
  sessions: new Map<string, FakeSession>(),
  ipcHandlers: new Map<string, Listener>(),
  clipboard: [] as string[],
  exitCode: undefined as number | undefined,
  readyResolve: undefined as undefined | (() => void),
};
(globalThis as Record<string, unknown>).__electron = record;

let nextId = 1;

class WebContents extends Emitter {
  readonly id = nextId++;
  readonly sent: { channel: string; payload: unknown }[] = [];
  windowOpenHandler: Listener | undefined;
  send(channel: string, payload: unknown) {
    this.sent.push({ channel, payload });
  }
  isDestroyed() {
    return false;
  }
  setWindowOpenHandler(handler: Listener) {
    this.windowOpenHandler = handler;
  }
}

export class BrowserWindow extends Emitter {
  readonly webContents = new WebContents();
  loadedUrl: string | undefined;
  visible = false;
  destroyed = false;
  constructor(readonly options: Record<string, any>) {
    super();
    record.windows.push(this);
    app.emit('web-contents-created', {}, this.webContents);
  }
  async loadURL(url: string) {
    this.loadedUrl = url;
  }
  show() {
    this.visible = true;
  }
  hide() {
    this.visible = false;
  }
  focus() {}
  restore() {}
  isVisible() {
    return this.visible;
  }
  isMinimized() {
    return false;
  }
  isFocused() {
    return this.visible;
  }
  isDestroyed() {
    return this.destroyed;
  }
}

class FakeSession extends Emitter {
  permissionRequestHandler: Listener | undefined;
  permissionCheckHandler: Listener | undefined;
  protocolHandlers = new Map<string, Listener>();
  webRequest = {
    onBeforeRequest: (handler: Listener) => void (this.beforeRequest = handler),
    onHeadersReceived: (handler: Listener) => void (this.headersReceived = handler),
  };
  beforeRequest: Listener | undefined;
  headersReceived: Listener | undefined;
  protocol = { handle: (scheme: string, handler: Listener) => void this.protocolHandlers.set(scheme, handler) };
  setPermissionRequestHandler(handler: Listener) {
    this.permissionRequestHandler = handler;
  }
  setPermissionCheckHandler(handler: Listener) {
    this.permissionCheckHandler = handler;
  }
  setDevicePermissionHandler() {}
}

export const session = {
  fromPartition(partition: string) {
    if (!record.sessions.has(partition)) record.sessions.set(partition, new FakeSession());
    return record.sessions.get(partition)!;
  },
};

export const protocol = {
  registerSchemesAsPrivileged(schemes: unknown) {
    record.calls.push(`registerSchemesAsPrivileged ${JSON.stringify(schemes)}`);
  },
};

class App extends Emitter {
  isPackaged = false;
  dock = undefined;
  private readonly ready = new Promise<void>((resolve) => (record.readyResolve = resolve));
  requestSingleInstanceLock() {
    record.calls.push('requestSingleInstanceLock');
    return true;
  }
  enableSandbox() {
    record.calls.push('enableSandbox');
  }
  disableHardwareAcceleration() {
    record.calls.push('disableHardwareAcceleration');
  }
  whenReady() {
    return this.ready;
  }
  getAppPath() {
    return (globalThis as Record<string, unknown>).__appPath as string;
  }
  getVersion() {
    return '0.0.0-test';
  }
  getLoginItemSettings() {
    return { openAtLogin: false, wasOpenedAtLogin: false };
  }
  setLoginItemSettings(settings: unknown) {
    record.calls.push(`setLoginItemSettings ${JSON.stringify(settings)}`);
  }
  quit() {
    record.calls.push('quit');
    this.emit('before-quit');
  }
  exit(code: number) {
    record.exitCode = code;
  }
}
export const app = new App();

export const ipcMain = {
  handle(channel: string, listener: Listener) {
    record.ipcHandlers.set(channel, listener);
  },
  removeHandler(channel: string) {
    record.ipcHandlers.delete(channel);
  },
};

export const clipboard = { writeText: (text: string) => void record.clipboard.push(text) };

export class Tray extends Emitter {
  image: unknown;
  menu: unknown;
  tooltip = '';
  destroyed = false;
  constructor(image: unknown) {
    super();
    this.image = image;
    record.trays.push(this);
  }
  setImage(image: unknown) {
    this.image = image;
  }
  setToolTip(text: string) {
    this.tooltip = text;
  }
  setContextMenu(menu: unknown) {
    this.menu = menu;
  }
  destroy() {
    this.destroyed = true;
  }
}

export const Menu = { buildFromTemplate: (template: unknown[]) => ({ template }) };

export const nativeImage = {
  createFromPath: (path: string) => ({ path, isEmpty: () => false, setTemplateImage: () => undefined }),
};

export const nativeTheme = Object.assign(new Emitter(), { shouldUseDarkColors: false, shouldUseDarkColorsForSystemIntegratedUI: false });

export class Notification extends Emitter {
  static isSupported() {
    return true;
  }
  constructor(readonly options: unknown) {
    super();
    record.notifications.push(this);
  }
  show() {}
  close() {}
}
