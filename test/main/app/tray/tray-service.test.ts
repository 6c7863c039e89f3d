import { describe, expect, it } from 'vitest';
import { TrayService } from '../../../../main/app/tray/tray-service';
import type { TrayAction, TrayMenuItem } from '../../../../main/app/tray/tray-menu';
import { FakeClock } from '../../../support/fake-clock';
import { HOUR, MINUTE, NOW, acmeSnapshot } from '../../support/snapshots';

/** A tray without a display: images are file names, menus are the plain items. */
function fakeTray(platform: NodeJS.Platform, dark = false) {
  const clock = new FakeClock(NOW);
  const log: string[] = [];
  const menus: TrayMenuItem[][] = [];
  const dispatched: TrayAction[] = [];
  let clickListener: (() => void) | undefined;
  let darkTaskbar = dark;
  const service = new TrayService<string, TrayMenuItem[]>({
    clock,
    platform,
    darkTaskbar: () => darkTaskbar,
    createTrayInstance: (image) => {
      log.push(`create ${image}`);
      return {
        setImage: (next) => log.push(`image ${next}`),
        setToolTip: (text) => log.push(`tooltip ${text}`),
        setContextMenu: (menu) => menus.push(menu),
        onClick: (listener) => (clickListener = listener),
        destroy: () => log.push('destroy'),
      };
    },
    loadImage: (file) => file,
    buildMenu: (items) => items,
    dispatch: (action) => dispatched.push(action),
  });
  const firstLabel = () => {
    const first = menus.at(-1)?.[0];
    return first && 'label' in first ? first.label : undefined;
  };
  return { clock, log, menus, dispatched, service, click: () => clickListener?.(), setDark: (value: boolean) => (darkTaskbar = value), firstLabel };
}

describe('TrayService', () => {
  it('starts signed out with a menu before any state arrives', () => {
    const { log, menus } = fakeTray('linux');
    expect(log).toEqual(['create tray/tray-signed-out-on-light.png', 'tooltip Rolecall']);
    expect(menus).toHaveLength(1);
  });

  it('follows the state: icon, tooltip and menu', () => {
    const { log, service, firstLabel } = fakeTray('darwin');
    service.update(acmeSnapshot());
    expect(log.slice(-2)).toEqual(['image tray/tray-ok-template.png', 'tooltip Rolecall: signed in']);
    expect(firstLabel()).toBe('Acme — 7 h 42 min left');
  });

  it('rebuilds at most once per 250 ms however often the state changes, ending with the newest', async () => {
    const { clock, menus, service, firstLabel } = fakeTray('win32');
    service.update(acmeSnapshot('active'));
    for (let i = 1; i <= 50; i += 1) service.update(acmeSnapshot('active', NOW + i * HOUR));
    expect(menus).toHaveLength(2);
    await clock.advance(249);
    expect(menus).toHaveLength(2);
    await clock.advance(1);
    expect(menus).toHaveLength(3);
    // 50 h after the start, seen 250 ms later.
    expect(firstLabel()).toBe('Acme — 2 d 1 h left');
    await clock.advance(10_000);
    expect(menus).toHaveLength(3);
  });

  it('counts the time left down every minute without a state change', async () => {
    const { clock, service, firstLabel } = fakeTray('linux');
    service.update(acmeSnapshot('active', NOW + 10 * MINUTE + 30_000));
    expect(firstLabel()).toBe('Acme — 10 min left');
    await clock.advance(60_000);
    expect(firstLabel()).toBe('Acme — 9 min left');
    await clock.advance(9 * 60_000);
    expect(firstLabel()).toBe('Acme — less than a minute left');
  });

  it('shows the warning and error faces', async () => {
    const { log, service, clock } = fakeTray('linux', true);
    service.update(acmeSnapshot('ending-soon'));
    expect(log).toContain('image tray/tray-ending-soon-on-dark.png');
    service.update(acmeSnapshot('error'));
    await clock.advance(250);
    expect(log).toContain('image tray/tray-error-on-dark.png');
  });

  it('swaps the icon variant when the taskbar theme changes', () => {
    const { log, service, setDark } = fakeTray('win32');
    setDark(true);
    service.refreshTheme();
    expect(log).toContain('image tray/tray-signed-out-on-dark.png');
  });

  it.each(['win32', 'linux'] as const)('a left click opens the window on %s', (platform) => {
    const { click, dispatched } = fakeTray(platform);
    click();
    expect(dispatched).toEqual([{ type: 'open-window' }]);
  });

  it('a click on macOS only opens the menu', () => {
    const { click, dispatched } = fakeTray('darwin');
    click();
    expect(dispatched).toEqual([]);
  });

  it('stops every timer when destroyed', async () => {
    const { clock, service, log, menus } = fakeTray('linux');
    service.update(acmeSnapshot());
    service.update(acmeSnapshot('ending-soon'));
    service.destroy();
    expect(log.at(-1)).toBe('destroy');
    const built = menus.length;
    await clock.advance(5 * 60_000);
    expect(menus).toHaveLength(built);
    expect(clock.pendingTimers).toBe(0);
  });
});
