/**
 * Keeps the tray icon, tooltip and menu in step with the app's state. Everything that needs a
 * display comes in through seams (`createTrayInstance`, `loadImage`, `buildMenu`), so the
 * service runs in plain Node tests; time comes from the injected clock.
 */
import type { Clock, ClockTimer } from '../../core/clock';
import type { AppSnapshot } from '../../ipc/contract';
import { createThrottle, type Throttle } from '../timing/throttle';
import { trayIconFile } from './tray-icons';
import { buildTrayMenu, trayTooltip, type TrayAction, type TrayMenuItem } from './tray-menu';
import { trayStatus } from './tray-status';

/** The parts of a tray icon the service drives. */
export interface TrayInstance<Image, Menu> {
  setImage(image: Image): void;
  setToolTip(text: string): void;
  setContextMenu(menu: Menu): void;
  onClick(listener: () => void): void;
  destroy(): void;
}

export interface TraySeams<Image, Menu> {
  createTrayInstance(image: Image): TrayInstance<Image, Menu>;
  /** Loads an icon from a path relative to the assets folder. */
  loadImage(file: string): Image;
  buildMenu(items: TrayMenuItem[], dispatch: (action: TrayAction) => void): Menu;
}

export interface TrayServiceOptions<Image, Menu> extends TraySeams<Image, Menu> {
  clock: Clock;
  platform: NodeJS.Platform;
  /** True when the taskbar (Windows) or panel (Linux) is dark. */
  darkTaskbar(): boolean;
  dispatch(action: TrayAction): void;
  /** Minimum time between two menu rebuilds. Default 250 ms (at most four a second). */
  minRebuildIntervalMs?: number;
}

/** The time left shown in the menu moves on by itself: rebuild at least this often. */
const TIME_LEFT_REFRESH_MS = 60_000;

export class TrayService<Image, Menu> {
  private readonly tray: TrayInstance<Image, Menu>;
  private readonly rebuild: Throttle<AppSnapshot | null>;
  private snapshot: AppSnapshot | null = null;
  private iconFile: string;
  private tick: ClockTimer | undefined;
  private destroyed = false;

  constructor(private readonly options: TrayServiceOptions<Image, Menu>) {
    this.iconFile = this.iconFor(null);
    this.tray = options.createTrayInstance(options.loadImage(this.iconFile));
    // macOS opens the menu on click; elsewhere a left click opens the window.
    if (options.platform !== 'darwin') this.tray.onClick(() => options.dispatch({ type: 'open-window' }));
    this.rebuild = createThrottle(options.clock, options.minRebuildIntervalMs ?? 250, (snapshot) => this.render(snapshot));
    this.render(null);
  }

  /** The state changed: the tray follows within the rebuild interval. */
  update(snapshot: AppSnapshot): void {
    if (this.destroyed) return;
    this.snapshot = snapshot;
    this.rebuild.push(snapshot);
  }

  /** The taskbar theme changed: swap the icon variant. */
  refreshTheme(): void {
    if (this.destroyed) return;
    this.rebuild.push(this.snapshot);
  }

  destroy(): void {
    this.destroyed = true;
    this.rebuild.cancel();
    this.tick?.cancel();
    this.tray.destroy();
  }

  private render(snapshot: AppSnapshot | null): void {
    if (this.destroyed) return;
    const { options } = this;
    const now = options.clock.now();
    const iconFile = this.iconFor(snapshot);
    if (iconFile !== this.iconFile) {
      this.iconFile = iconFile;
      this.tray.setImage(options.loadImage(iconFile));
    }
    this.tray.setToolTip(trayTooltip(snapshot));
    this.tray.setContextMenu(options.buildMenu(buildTrayMenu(snapshot, now), options.dispatch));
    this.scheduleTick(snapshot);
  }

  private scheduleTick(snapshot: AppSnapshot | null): void {
    this.tick?.cancel();
    this.tick = undefined;
    const counting = snapshot?.instances.some((instance) => instance.session.expiresAt !== undefined) ?? false;
    if (!counting) return;
    this.tick = this.options.clock.setTimer(() => {
      this.tick = undefined;
      this.rebuild.push(this.snapshot);
    }, TIME_LEFT_REFRESH_MS);
  }

  private iconFor(snapshot: AppSnapshot | null): string {
    const status = snapshot === null ? 'signed-out' : trayStatus(snapshot.instances);
    return trayIconFile(status, this.options.platform, this.options.darkTaskbar());
  }
}
