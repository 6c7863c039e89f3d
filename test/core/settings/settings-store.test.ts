import { mkdtemp, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createLogger, type LogRecord } from '../../../main/core/logger';
import { DEFAULT_SETTINGS, type Settings } from '../../../main/core/model';
import { openSettingsStore } from '../../../main/core/settings/settings-store';

async function tempFile() {
  const dir = await mkdtemp(join(tmpdir(), 'rolecall-settings-'));
  return { dir, file: join(dir, 'settings.json') };
}

function recordingLogger() {
  const records: LogRecord[] = [];
  return { records, logger: createLogger((record) => records.push(record)) };
}

describe('openSettingsStore', () => {
  it('starts from the defaults when there is no file, and writes nothing until a change', async () => {
    const { dir, file } = await tempFile();
    const store = await openSettingsStore({ file });
    expect(store.current()).toEqual(DEFAULT_SETTINGS);
    expect(await readdir(dir)).toEqual([]);
  });

  it('saves a change atomically as readable JSON, owner-only, and reads it back in a new store', async () => {
    const { dir, file } = await tempFile();
    const store = await openSettingsStore({ file });
    const saved = await store.update({ startAtLogin: true, browser: { kind: 'chrome-profile', profileDirectory: 'Profile 2' } });
    expect(saved).toMatchObject({ startAtLogin: true, browser: { kind: 'chrome-profile', profileDirectory: 'Profile 2' } });
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual(saved);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect((await readdir(dir)).sort()).toEqual(['settings.json']);
    expect((await openSettingsStore({ file })).current()).toEqual(saved);
  });

  it('keeps the valid values of a file and falls back to the default for each bad one', async () => {
    const { file } = await tempFile();
    await writeFile(file, JSON.stringify({ refreshLeadMinutes: 30, sessionWarningMinutes: 500, signInMethod: 'telepathy', terminal: 'kitty', legacyKey: 1 }));
    const { records, logger } = recordingLogger();
    const store = await openSettingsStore({ file, logger });
    expect(store.current()).toEqual({ ...DEFAULT_SETTINGS, refreshLeadMinutes: 30, terminal: 'kitty' });
    expect(records.some((r) => r.level === 'warn' && String(r.fields.settings).includes('sessionWarningMinutes'))).toBe(true);
  });

  it('moves a file that is not JSON aside instead of overwriting it, and uses the defaults', async () => {
    const { dir, file } = await tempFile();
    await writeFile(file, '{ "startAtLogin": tru');
    const store = await openSettingsStore({ file });
    expect(store.current()).toEqual(DEFAULT_SETTINGS);
    expect(await readFile(join(dir, 'settings.json.unreadable'), 'utf8')).toBe('{ "startAtLogin": tru');
  });

  it.each<[string, unknown]>([
    ['an unknown key', { fontSize: 14 }],
    ['an inherited name', { toString: 'x' }],
    ['a value out of range', { refreshLeadMinutes: 0 }],
    ['a value of the wrong type', { startAtLogin: 'yes' }],
    ['a browser without its path', { browser: { kind: 'browser' } }],
    ['a default region that is not a region name', { defaultRegion: 'eu-west-1\n[profile x]' }],
    ['not an object', ['startAtLogin']],
  ])('refuses %s with a clear error and changes nothing', async (_label, patch) => {
    const { file } = await tempFile();
    const store = await openSettingsStore({ file });
    await store.update({ terminal: 'xterm' });
    const before = await readFile(file, 'utf8');
    await expect(store.update(patch as Partial<Settings>)).rejects.toMatchObject({ code: 'invalid-input' });
    expect(await readFile(file, 'utf8')).toBe(before);
    expect(store.current().terminal).toBe('xterm');
  });

  it('stores only the fields of the chosen browser kind', async () => {
    const { file } = await tempFile();
    const store = await openSettingsStore({ file });
    await store.update({ browser: { kind: 'default', path: '/usr/bin/evil' } as never });
    expect(JSON.parse(await readFile(file, 'utf8')).browser).toEqual({ kind: 'default' });
  });

  it('tells listeners which settings changed, and only when something did', async () => {
    const { file } = await tempFile();
    const store = await openSettingsStore({ file });
    const seen: string[][] = [];
    const stop = store.onChange((_settings, changed) => seen.push(changed));
    await store.update({ startAtLogin: true, terminal: 'auto' });
    await store.update({ startAtLogin: true });
    stop();
    await store.update({ startAtLogin: false });
    expect(seen).toEqual([['startAtLogin']]);
  });

  it("merges with another process's change made since this one last read", async () => {
    const { file } = await tempFile();
    const app = await openSettingsStore({ file });
    const cli = await openSettingsStore({ file });
    await cli.update({ defaultRegion: 'eu-central-1' });
    await app.update({ startAtLogin: true });
    expect(JSON.parse(await readFile(file, 'utf8'))).toMatchObject({ defaultRegion: 'eu-central-1', startAtLogin: true });
    expect(app.current().defaultRegion).toBe('eu-central-1');
  });

  it('keeps every change when many are made at once', async () => {
    const { file } = await tempFile();
    const store = await openSettingsStore({ file });
    await Promise.all([
      store.update({ refreshLeadMinutes: 5 }),
      store.update({ sessionWarningMinutes: 20 }),
      store.update({ terminal: 'wezterm' }),
      store.update({ defaultRegion: 'us-west-2' }),
    ]);
    expect(JSON.parse(await readFile(file, 'utf8'))).toMatchObject({ refreshLeadMinutes: 5, sessionWarningMinutes: 20, terminal: 'wezterm', defaultRegion: 'us-west-2' });
  });

  it('hands out copies: changing a returned object changes nothing stored', async () => {
    const { file } = await tempFile();
    const store = await openSettingsStore({ file });
    const copy = store.current();
    copy.terminal = 'mutated';
    (copy.browser as { kind: string }).kind = 'print';
    expect(store.current()).toEqual(DEFAULT_SETTINGS);
  });

  it('reload picks up a change written by another process and notifies', async () => {
    const { file } = await tempFile();
    const store = await openSettingsStore({ file });
    const seen: string[][] = [];
    store.onChange((_s, changed) => seen.push(changed));
    await writeFile(file, JSON.stringify({ ...DEFAULT_SETTINGS, signInMethod: 'pkce' }));
    expect((await store.reload()).signInMethod).toBe('pkce');
    expect(seen).toEqual([['signInMethod']]);
  });
});
