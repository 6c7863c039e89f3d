import { describe, expect, it } from 'vitest';
import { buildTrayMenu, instanceLabel, parseRoleKey, trayTooltip, type TrayMenuItem } from '../../../../main/app/tray/tray-menu';
import { formatTimeLeft } from '../../../../main/app/tray/time-left';
import { trayStatus } from '../../../../main/app/tray/tray-status';
import { trayIconFile } from '../../../../main/app/tray/tray-icons';
import { HOUR, MINUTE, NOW, acmeSnapshot, instance, snapshot } from '../../support/snapshots';

/** The menu as the user reads it: labels, indented submenus, (disabled) marks. */
function render(items: TrayMenuItem[], depth = 0): string[] {
  return items.flatMap((item) => {
    const pad = '  '.repeat(depth);
    switch (item.kind) {
      case 'separator':
        return [`${pad}---`];
      case 'label':
        return [`${pad}[${item.label}]`];
      case 'action':
        return [`${pad}${item.label}${item.enabled ? '' : ' (disabled)'}`];
      case 'submenu':
        return [`${pad}${item.label} >`, ...render(item.items, depth + 1)];
    }
  });
}

describe('formatTimeLeft', () => {
  it.each([
    [8 * HOUR, '8 h left'],
    [7 * HOUR + 42 * MINUTE + 59_000, '7 h 42 min left'],
    [59 * MINUTE + 59_000, '59 min left'],
    [9 * MINUTE + 1, '9 min left'],
    [MINUTE, '1 min left'],
    [59_999, 'less than a minute left'],
    [1, 'less than a minute left'],
    [0, 'ended'],
    [-5 * MINUTE, 'ended'],
    [3 * 24 * HOUR + 5 * HOUR + 10 * MINUTE, '3 d 5 h left'],
    [90 * 24 * HOUR, '90 d left'],
    [Number.NaN, 'ended'],
  ])('%d ms → %s', (ms, text) => {
    expect(formatTimeLeft(ms)).toBe(text);
  });
});

describe('buildTrayMenu', () => {
  it('before the state is loaded: a placeholder, Open and Quit', () => {
    expect(render(buildTrayMenu(null, NOW))).toEqual(['[Loading…]', '---', 'Open Rolecall', 'Quit Rolecall']);
  });

  it('with no instance yet', () => {
    expect(render(buildTrayMenu(snapshot(), NOW))).toEqual(['[No Identity Center instance yet]', '---', 'Open Rolecall', 'Quit Rolecall']);
  });

  it('a signed-in instance: time left, sign out, favourites and recents with Console and Terminal', () => {
    expect(render(buildTrayMenu(acmeSnapshot(), NOW))).toEqual([
      'Acme — 7 h 42 min left >',
      '  Sign out',
      '---',
      '[Favourites]',
      'Prod / AdministratorAccess >',
      '  Console',
      '  Terminal',
      '---',
      '[Recent]',
      'Dev / PowerUser >',
      '  Console',
      '  Terminal',
      'Prod / ReadOnly >',
      '  Console',
      '  Terminal',
      '---',
      'Open Rolecall',
      'Quit Rolecall',
    ]);
  });

  it('a session ending soon offers to sign in again', () => {
    const menu = render(buildTrayMenu(acmeSnapshot('ending-soon', NOW + 9 * MINUTE + 20_000), NOW));
    expect(menu.slice(0, 3)).toEqual(['Acme — 9 min left >', '  Sign in again', '  Sign out']);
  });

  it.each([
    ['signed-out', 'Acme — signed out >', '  Sign in'],
    ['expired', 'Acme — session ended >', '  Sign in'],
    ['error', 'Acme — needs attention >', '  Sign in'],
    ['signing-in', 'Acme — signing in… >', '  Cancel sign-in'],
  ] as const)('%s: roles are disabled and the instance offers the next step', (status, label, action) => {
    const menu = render(buildTrayMenu(acmeSnapshot(status, undefined as unknown as number), NOW));
    expect(menu.slice(0, 2)).toEqual([label, action]);
    expect(menu).toContain('  Console (disabled)');
    expect(menu).not.toContain('  Console');
  });

  it('names the instance beside each role when there are several, and drops roles of removed instances', () => {
    const base = acmeSnapshot();
    const menu = render(
      buildTrayMenu(
        { ...base, instances: [...base.instances, instance('globex', 'Globex', { status: 'signed-out' })], favourites: ['acme/111111111111/AdministratorAccess', 'gone/333333333333/Admin', 'globex/444444444444/Billing'] },
        NOW,
      ),
    );
    expect(menu).toContain('Prod / AdministratorAccess · Acme >');
    // No catalog for globex yet: the account id stands in for its name.
    expect(menu).toContain('444444444444 / Billing · Globex >');
    expect(menu.join('\n')).not.toContain('333333333333');
  });

  it('keeps at most the configured number of favourites and recents', () => {
    const favourites = Array.from({ length: 15 }, (_, i) => `acme/111111111111/Role${i}`);
    const recents = Array.from({ length: 9 }, (_, i) => `acme/222222222222/Recent${i}`);
    const menu = render(buildTrayMenu({ ...acmeSnapshot(), favourites, recents }, NOW, { favourites: 3, recents: 2 }));
    expect(menu.filter((line) => line.startsWith('Prod / Role'))).toEqual(['Prod / Role0 >', 'Prod / Role1 >', 'Prod / Role2 >']);
    expect(menu.filter((line) => line.startsWith('Dev / Recent'))).toEqual(['Dev / Recent0 >', 'Dev / Recent1 >']);
  });

  it('each action carries what it acts on', () => {
    const items = buildTrayMenu(acmeSnapshot(), NOW);
    const favourite = items.find((item) => item.kind === 'submenu' && item.label.startsWith('Prod /'));
    expect(favourite).toMatchObject({
      items: [
        { label: 'Console', action: { type: 'open-console', role: { instanceId: 'acme', accountId: '111111111111', roleName: 'AdministratorAccess' } } },
        { label: 'Terminal', action: { type: 'open-terminal', role: { instanceId: 'acme', accountId: '111111111111', roleName: 'AdministratorAccess' } } },
      ],
    });
    expect(items[0]).toMatchObject({ items: [{ action: { type: 'sign-out', instanceId: 'acme' } }] });
  });
});

describe('tray status, tooltip and icons', () => {
  it('the instance needing the most attention decides the icon', () => {
    const of = (...statuses: Parameters<typeof instance>[2]['status'][]) => trayStatus(statuses.map((status, i) => instance(`i${i}`, `I${i}`, { status })));
    expect(of()).toBe('signed-out');
    expect(of('signed-out', 'signing-in')).toBe('signed-out');
    expect(of('signed-out', 'active')).toBe('ok');
    expect(of('active', 'ending-soon')).toBe('ending-soon');
    expect(of('ending-soon', 'expired')).toBe('error');
    expect(of('active', 'error')).toBe('error');
  });

  it('the tooltip says where the user stands', () => {
    expect(trayTooltip(null)).toBe('Rolecall');
    expect(trayTooltip(acmeSnapshot())).toBe('Rolecall: signed in');
    expect(trayTooltip(acmeSnapshot('ending-soon'))).toBe('Rolecall: a session ends soon');
    expect(trayTooltip(acmeSnapshot('expired'))).toBe('Rolecall: a session needs you');
  });

  it('macOS gets template images, Windows and Linux a variant for the taskbar colour', () => {
    expect(trayIconFile('ok', 'darwin', true)).toBe('tray/tray-ok-template.png');
    expect(trayIconFile('error', 'win32', true)).toBe('tray/tray-error-on-dark.png');
    expect(trayIconFile('ending-soon', 'linux', false)).toBe('tray/tray-ending-soon-on-light.png');
  });

  it('labels an instance without a known expiry as signed in', () => {
    expect(instanceLabel(instance('acme', 'Acme', { status: 'active' }), NOW)).toBe('Acme — signed in');
  });

  it('reads role keys back, refusing malformed ones', () => {
    expect(parseRoleKey('acme/111111111111/Admin')).toEqual({ instanceId: 'acme', accountId: '111111111111', roleName: 'Admin' });
    expect(parseRoleKey('acme/111111111111')).toBeUndefined();
    expect(parseRoleKey('acme//Admin')).toBeUndefined();
    expect(parseRoleKey('a/b/c/d')).toBeUndefined();
  });
});
