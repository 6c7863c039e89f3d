/**
 * The one Rolecall window. It is created hidden (so it is ready the moment the user asks),
 * shown on demand, and hidden again instead of closed: the app lives in the tray. Electron
 * comes in through `createWindow`, so the behaviour is tested without a display.
 */
import type { Logger } from '../../core/logger';
import type { EventTarget } from '../../ipc/event-sender';

/** The parts of a BrowserWindow the main window drives. */
export interface WindowHandle {
  readonly webContents: EventTarget & { readonly id: number };
  loadURL(url: string): Promise<void>;
  show(): void;
  hide(): void;
  focus(): void;
  restore(): void;
  isVisible(): boolean;
  isMinimized(): boolean;
  isFocused(): boolean;
  isDestroyed(): boolean;
  /** `prevent` keeps the window open. */
  onClose(listener: (prevent: () => void) => void): void;
  onClosed(listener: () => void): void;
  onceReadyToShow(listener: () => void): void;
}

export interface MainWindowOptions {
  createWindow(): WindowHandle;
  /** The page to load (`app://rolecall/index.html`). */
  url: string;
  logger: Logger;
  /** Told when the window appears or goes away (macOS shows a Dock icon only meanwhile). */
  onVisibilityChange?(visible: boolean): void;
}

export class MainWindow {
  private window: WindowHandle | undefined;
  private ready = false;
  private showWhenReady = false;
  private quitting = false;

  constructor(private readonly options: MainWindowOptions) {}

  /** Creates the window hidden and starts loading the page (no-op when it exists). */
  create(): WindowHandle {
    if (this.window !== undefined && !this.window.isDestroyed()) return this.window;
    const window = this.options.createWindow();
    this.window = window;
    this.ready = false;
    window.onceReadyToShow(() => {
      this.ready = true;
      if (this.showWhenReady) this.reveal(window);
    });
    window.onClose((prevent) => {
      if (this.quitting) return;
      prevent();
      window.hide();
      this.options.onVisibilityChange?.(false);
    });
    window.onClosed(() => {
      if (this.window === window) this.window = undefined;
    });
    window.loadURL(this.options.url).catch((error: unknown) => {
      this.options.logger.error('The window could not load its page', { error: error instanceof Error ? error.name : typeof error });
    });
    return window;
  }

  /** Shows and focuses the window, creating it first if needed. */
  show(): void {
    const window = this.create();
    if (!this.ready) {
      this.showWhenReady = true;
      return;
    }
    this.reveal(window);
  }

  hide(): void {
    this.showWhenReady = false;
    if (this.window === undefined || this.window.isDestroyed() || !this.window.isVisible()) return;
    this.window.hide();
    this.options.onVisibilityChange?.(false);
  }

  /** Shows a hidden window, hides a focused one. */
  toggle(): void {
    if (this.window !== undefined && !this.window.isDestroyed() && this.window.isVisible() && this.window.isFocused()) this.hide();
    else this.show();
  }

  isFocused(): boolean {
    return this.window !== undefined && !this.window.isDestroyed() && this.window.isVisible() && this.window.isFocused();
  }

  /** The webContents id IPC calls must come from, while the window exists. */
  webContentsId(): number | undefined {
    return this.window === undefined || this.window.isDestroyed() ? undefined : this.window.webContents.id;
  }

  /** Where main→window events go. */
  eventTarget(): EventTarget | undefined {
    return this.window === undefined || this.window.isDestroyed() ? undefined : this.window.webContents;
  }

  /** The app is quitting: closing the window must really close it now. */
  allowClose(): void {
    this.quitting = true;
  }

  private reveal(window: WindowHandle): void {
    this.showWhenReady = false;
    if (window.isMinimized()) window.restore();
    window.show();
    window.focus();
    this.options.onVisibilityChange?.(true);
  }
}
