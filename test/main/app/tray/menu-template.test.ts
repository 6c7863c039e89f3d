import { describe, expect, it } from 'vitest';
import type { MenuItemConstructorOptions } from 'electron';
import { toMenuTemplate } from '../../../../main/app/tray/menu-template';
import type { TrayAction, TrayMenuItem } from '../../../../main/app/tray/tray-menu';

const items: TrayMenuItem[] = [
  { kind: 'label', label: 'R&D' },
  { kind: 'separator' },
  { kind: 'submenu', label: 'R&D / Admin', items: [{ kind: 'action', label: 'Console', action: { type: 'open-window' }, enabled: false }] },
  { kind: 'action', label: 'Quit Rolecall', action: { type: 'quit' }, enabled: true },
];

describe('toMenuTemplate', () => {
  it('doubles & on Windows and Linux so account names never become mnemonics', () => {
    const template = toMenuTemplate(items, () => undefined, 'win32');
    expect(template[0]).toEqual({ label: 'R&&D', enabled: false });
    expect(template[1]).toEqual({ type: 'separator' });
    expect(template[2]!.label).toBe('R&&D / Admin');
    expect(toMenuTemplate(items, () => undefined, 'darwin')[0]!.label).toBe('R&D');
  });

  it('a click dispatches the item action; disabled items stay disabled', () => {
    const dispatched: TrayAction[] = [];
    const template = toMenuTemplate(items, (action) => dispatched.push(action), 'linux');
    const quit = template[3] as MenuItemConstructorOptions & { click: () => void };
    quit.click();
    expect(dispatched).toEqual([{ type: 'quit' }]);
    expect((template[2]!.submenu as MenuItemConstructorOptions[])[0]!.enabled).toBe(false);
  });
});
