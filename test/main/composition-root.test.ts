/**
 * The composition root as Electron would run it: main/index.ts bundled like the build does,
 * with `electron` resolved to a recording stand-in (the real one only exists inside Electron).
 * The features themselves are tested on their own; this checks that main/index.ts wires them.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REQUEST_CHANNELS } from '../../main/ipc/contract';
import { waitFor } from '../core/browser/wait-for';
import { bundleMainWithStandIn } from './support/bundle-main';

const root = join(import.meta.dirname, '..', '..');

async function bundleMain(): Promise<string> {
  const { dir, dist } = await bundleMainWithStandIn('test-main-');
  bundles.push(dir);
  mkdirSync(join(dist, 'renderer'), { recursive: true });
  writeFileSync(join(dist, 'renderer', 'index.html'), '<!doctype html><title>Rolecall</title>');
  return dist;
}

const bundles: string[] = [];
afterAll(() => {
  for (const dir of bundles) rmSync(dir, { recursive: true, force: true });
});

const electron = () => (globalThis as any).__electron;

describe('main/index.ts started as the app', () => {
  let home: string;
  beforeAll(async () => {
    const dist = await bundleMain();
    home = mkdtempSync(join(tmpdir(), 'rolecall-home-'));
    process.env.ROLECALL_HOME = home;
    (globalThis as any).__appPath = root;
    const argv = process.argv;
    process.argv = ['/opt/Rolecall/rolecall-app'];
    try {
      await import(`${pathToFileURL(join(dist, 'main', 'index.js')).href}?app`);
    } finally {
      process.argv = argv;
    }
    expect(electron().calls).toEqual(expect.arrayContaining(['enableSandbox', 'requestSingleInstanceLock']));
    electron().readyResolve();
    const log = join(home, 'logs', 'app.log');
    await waitFor(() => existsSync(log) && readFileSync(log, 'utf8').includes('"message":"Rolecall started"'), 20_000, 'the app to start');
  }, 30_000);

  it('registers the app scheme as secure before ready, with a hardened session serving it', () => {
    expect(electron().calls).toContain('registerSchemesAsPrivileged [{"scheme":"app","privileges":{"standard":true,"secure":true,"corsEnabled":true}}]');
    const windowSession = electron().sessions.get('rolecall-window');
    expect(windowSession.protocolHandlers.has('app')).toBe(true);
    const answers: boolean[] = [];
    windowSession.permissionRequestHandler({}, 'media', (granted: boolean) => answers.push(granted));
    expect(answers).toEqual([false]);
  });

  it('creates one hidden, locked-down window on the app page, guarded, and shows it once ready', () => {
    const [window] = electron().windows;
    expect(electron().windows).toHaveLength(1);
    expect(window.options.show).toBe(false);
    expect(window.options.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webviewTag: false, partition: 'rolecall-window' });
    expect(window.options.webPreferences.preload).toMatch(/dist[/\\]preload[/\\]index\.cjs$/);
    expect(window.loadedUrl).toBe('app://rolecall/index.html');
    expect(window.webContents.windowOpenHandler({ url: 'https://example.com' })).toEqual({ action: 'deny' });
    expect(window.visible).toBe(false);
    window.emit('ready-to-show');
    expect(window.visible).toBe(true);
  });

  it('answers the window on every channel and nobody else', async () => {
    expect([...electron().ipcHandlers.keys()].sort()).toEqual([...REQUEST_CHANNELS].sort());
    const [window] = electron().windows;
    const ours = { sender: { id: window.webContents.id }, senderFrame: { url: 'app://rolecall/index.html', parent: null } };
    const state = await electron().ipcHandlers.get('state:get')(ours);
    expect(state).toMatchObject({ ok: true, value: { instances: [], settings: { startAtLogin: false } } });
    const foreign = { sender: { id: window.webContents.id + 100 }, senderFrame: { url: 'app://rolecall/index.html', parent: null } };
    expect(await electron().ipcHandlers.get('state:get')(foreign)).toMatchObject({ ok: false, error: { code: 'ipc-forbidden' } });
    // Core operations reach the core facade: an instance nobody added is refused with its own error.
    expect(await electron().ipcHandlers.get('session:sign-in')(ours, 'acme')).toMatchObject({ ok: false, error: { code: 'instance-not-found' } });
  });

  it('saves settings in the app data folder and tells the window', async () => {
    const [window] = electron().windows;
    const ours = { sender: { id: window.webContents.id }, senderFrame: { url: 'app://rolecall/index.html', parent: null } };
    const saved = await electron().ipcHandlers.get('settings:update')(ours, { sessionWarningMinutes: 25 });
    expect(saved).toMatchObject({ ok: true, value: { sessionWarningMinutes: 25 } });
    expect(JSON.parse(readFileSync(join(home, 'settings.json'), 'utf8')).sessionWarningMinutes).toBe(25);
    await waitFor(
      () => window.webContents.sent.some((m: any) => m.channel === 'state:changed' && m.payload.settings.sessionWarningMinutes === 25),
      20_000,
      'the window to hear of the change',
    );
  });

  it('puts a signed-out tray icon up whose file exists, with Open and Quit in its menu', () => {
    const [tray] = electron().trays;
    expect(existsSync(tray.image.path)).toBe(true);
    expect(tray.image.path).toMatch(/tray-signed-out-(template|on-light|on-dark)\.png$/);
    const labels = tray.menu.template.map((item: { label?: string }) => item.label);
    expect(labels).toEqual(expect.arrayContaining(['Open Rolecall', 'Quit Rolecall']));
  });

  it('writes its log into the app data folder', () => {
    const log = readFileSync(join(home, 'logs', 'app.log'), 'utf8');
    expect(log).toContain('"message":"Rolecall started"');
  });

  it('quitting from the tray releases the tray and the IPC handlers', () => {
    const [tray] = electron().trays;
    const quit = tray.menu.template.find((item: { label?: string }) => item.label === 'Quit Rolecall');
    quit.click();
    expect(electron().calls).toContain('quit');
    expect(tray.destroyed).toBe(true);
    expect(electron().ipcHandlers.size).toBe(0);
  });
});
