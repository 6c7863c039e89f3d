import { mkdtemp, readFile, readdir, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../../../main/core/logger';
import { openSettingsStore } from '../../../../main/core/settings/settings-store';
import { setupAppLifecycle } from '../../../../main/app/lifecycle/app-lifecycle';
import { autostartDesktopEntry, quoteExecArgument } from '../../../../main/app/lifecycle/autostart-entry';
import { osLoginItems, xdgAutostartDir, xdgAutostartLoginItems, type LoginItems } from '../../../../main/app/lifecycle/login-items';
import { wasStartedAtLogin } from '../../../../main/app/lifecycle/login-start';
import { setupSingleInstance } from '../../../../main/app/lifecycle/single-instance';
import { setupStartAtLogin } from '../../../../main/app/lifecycle/start-at-login';

describe('setupSingleInstance', () => {
  function fakeApp(gotLock: boolean) {
    const log: string[] = [];
    let secondInstance: (() => void) | undefined;
    const app = {
      requestSingleInstanceLock: () => gotLock,
      on: (_event: 'second-instance', listener: () => void) => (secondInstance = listener),
      quit: () => log.push('quit'),
    };
    return { app, log, launchAgain: () => secondInstance?.() };
  }

  it('the first instance keeps running and shows its window when launched again', () => {
    const { app, log, launchAgain } = fakeApp(true);
    const shown: string[] = [];
    expect(setupSingleInstance(app, () => shown.push('show'))).toBe(true);
    launchAgain();
    expect(shown).toEqual(['show']);
    expect(log).toEqual([]);
  });

  it('a second instance quits at once', () => {
    const { app, log } = fakeApp(false);
    expect(setupSingleInstance(app, () => undefined)).toBe(false);
    expect(log).toEqual(['quit']);
  });
});

describe('start at login', () => {
  function memoryLoginItems(initial = false): LoginItems & { changes: boolean[] } {
    let enabled = initial;
    const changes: boolean[] = [];
    return {
      changes,
      isEnabled: async () => enabled,
      setEnabled: async (value) => {
        enabled = value;
        changes.push(value);
      },
    };
  }

  it('applies the saved setting at start and follows every change', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'rolecall-login-'));
    const settings = await openSettingsStore({ file: join(dir, 'settings.json') });
    await settings.update({ startAtLogin: true });
    const items = memoryLoginItems(false);
    const { applied, stop } = setupStartAtLogin(settings, items, silentLogger);
    await applied;
    expect(items.changes).toEqual([true]);
    await settings.update({ startAtLogin: false });
    await settings.update({ terminal: 'xterm' });
    await new Promise((resolve) => setImmediate(resolve));
    expect(items.changes).toEqual([true, false]);
    stop();
    await settings.update({ startAtLogin: true });
    await new Promise((resolve) => setImmediate(resolve));
    expect(items.changes).toEqual([true, false]);
  });

  it('Linux: writes and removes an XDG autostart entry that starts the app in the tray', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'rolecall-autostart-'));
    const autostart = join(dir, 'autostart');
    const items = xdgAutostartLoginItems(autostart, ['/home/me/Apps/Rolecall 1.0.AppImage']);
    expect(await items.isEnabled()).toBe(false);
    await items.setEnabled(true);
    const entry = await readFile(join(autostart, 'rolecall.desktop'), 'utf8');
    expect(entry).toContain('[Desktop Entry]\nType=Application\nName=Rolecall\n');
    expect(entry).toContain('Exec="/home/me/Apps/Rolecall 1.0.AppImage" --started-at-login\n');
    expect((await stat(join(autostart, 'rolecall.desktop'))).mode & 0o777).toBe(0o644);
    expect(await items.isEnabled()).toBe(true);
    await items.setEnabled(false);
    expect(await readdir(autostart)).toEqual([]);
    expect(await items.isEnabled()).toBe(false);
  });

  it('quotes Exec arguments as the Desktop Entry spec asks', () => {
    expect(quoteExecArgument('/opt/Rolecall/rolecall-app')).toBe('/opt/Rolecall/rolecall-app');
    // Quoting escapes each of " ` $ \ with a backslash; the string layer then doubles every backslash.
    expect(quoteExecArgument('/home/a b/$x`y"z\\')).toBe('"/home/a b/\\\\$x\\\\`y\\\\"z\\\\\\\\"');
    expect(quoteExecArgument('/tmp/100%')).toBe('/tmp/100%%');
    expect(autostartDesktopEntry(['/x'])).toMatch(/^Exec=\/x$/m);
    expect(xdgAutostartDir({ XDG_CONFIG_HOME: '/cfg' }, '/home/me')).toBe('/cfg/autostart');
    expect(xdgAutostartDir({}, '/home/me')).toBe('/home/me/.config/autostart');
  });

  it('macOS and Windows use the OS login items; Windows passes the login switch', async () => {
    const calls: unknown[] = [];
    const app = {
      getLoginItemSettings: (options?: unknown) => (calls.push(['get', options]), { openAtLogin: false }),
      setLoginItemSettings: (settings: unknown) => void calls.push(['set', settings]),
    };
    await osLoginItems(app, 'win32').setEnabled(true);
    await osLoginItems(app, 'darwin').setEnabled(true);
    await osLoginItems(app, 'win32').isEnabled();
    expect(calls).toEqual([
      ['set', { openAtLogin: true, args: ['--started-at-login'] }],
      ['set', { openAtLogin: true }],
      ['get', { args: ['--started-at-login'] }],
    ]);
  });

  it('tells a login start from a manual one', () => {
    const app = (opened: boolean) => ({ getLoginItemSettings: () => ({ wasOpenedAtLogin: opened }) });
    expect(wasStartedAtLogin(app(false), 'linux', true)).toBe(true);
    expect(wasStartedAtLogin(app(true), 'darwin', false)).toBe(true);
    expect(wasStartedAtLogin(app(true), 'win32', false)).toBe(false);
    expect(wasStartedAtLogin(app(false), 'darwin', false)).toBe(false);
  });
});

describe('setupAppLifecycle', () => {
  it('keeps running with no window, shows it on activate, and prepares to quit once', () => {
    const listeners = new Map<string, () => void>();
    const app = { on: (event: string, listener: () => void) => listeners.set(event, listener) };
    const log: string[] = [];
    setupAppLifecycle(app, { showWindow: () => log.push('show'), prepareToQuit: () => log.push('prepare') });
    expect([...listeners.keys()].sort()).toEqual(['activate', 'before-quit', 'window-all-closed']);
    listeners.get('window-all-closed')!();
    listeners.get('activate')!();
    listeners.get('before-quit')!();
    listeners.get('before-quit')!();
    expect(log).toEqual(['show', 'prepare']);
  });
});
