import { spawn } from 'node:child_process';
import { chmod, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openUrl, planBrowserLaunch, type BrowserOpenerDeps, type HostSystem } from '../../../main/core/browser/browser-opener';
import { createDetachedLauncher, type ProcessLauncher } from '../../../main/core/browser/process-launcher';
import { fileExists } from '../../../main/core/browser/find-executable';
import { createLogger, type LogRecord } from '../../../main/core/logger';
import { waitFor } from './wait-for';

const LOGIN = 'https://eu-west-1.signin.aws.amazon.com/federation?Action=login&Issuer=https%3A%2F%2Fd-1.awsapps.com%2Fstart&Destination=https%3A%2F%2Feu-west-1.console.aws.amazon.com%2F&SigninToken=TOKEN-CANARY_a-b';
const role = { accountId: '111122223333', accountName: 'acme-prod', roleName: 'AdministratorAccess' };
const linux = (...files: string[]): HostSystem => ({ platform: 'linux', env: { PATH: '/usr/local/bin:/usr/bin' }, exists: (p) => files.includes(p) });

describe('planBrowserLaunch', () => {
  it('uses the system opener per platform, with the URL as one argument', () => {
    expect(planBrowserLaunch(LOGIN, { target: { kind: 'default' } }, linux('/usr/bin/xdg-open'))).toEqual({ kind: 'launch', command: '/usr/bin/xdg-open', args: [LOGIN] });
    expect(planBrowserLaunch(LOGIN, { target: { kind: 'default' } }, { platform: 'darwin', env: {}, exists: () => false })).toEqual({ kind: 'launch', command: '/usr/bin/open', args: [LOGIN] });
    expect(planBrowserLaunch(LOGIN, { target: { kind: 'default' } }, { platform: 'win32', env: { SystemRoot: 'C:\\Windows' }, exists: () => false })).toEqual({
      kind: 'launch',
      command: 'C:\\Windows\\System32\\rundll32.exe',
      args: ['url.dll,FileProtocolHandler', LOGIN],
    });
    expect(() => planBrowserLaunch(LOGIN, { target: { kind: 'default' } }, linux())).toThrow(expect.objectContaining({ code: 'browser-not-found' }));
  });

  it('runs a chosen browser, or opens a macOS app bundle with open -a', () => {
    expect(planBrowserLaunch(LOGIN, { target: { kind: 'browser', path: '/opt/vivaldi/vivaldi' } }, linux('/opt/vivaldi/vivaldi'))).toEqual({
      kind: 'launch', command: '/opt/vivaldi/vivaldi', args: [LOGIN],
    });
    const mac: HostSystem = { platform: 'darwin', env: {}, exists: () => true };
    expect(planBrowserLaunch(LOGIN, { target: { kind: 'browser', path: '/Applications/Safari.app' } }, mac)).toEqual({
      kind: 'launch', command: '/usr/bin/open', args: ['-a', '/Applications/Safari.app', LOGIN],
    });
    expect(() => planBrowserLaunch(LOGIN, { target: { kind: 'browser', path: '/opt/missing' } }, linux())).toThrow(expect.objectContaining({ code: 'browser-not-found' }));
    expect(() => planBrowserLaunch(LOGIN, { target: { kind: 'browser', path: 'firefox' } }, linux())).toThrow(expect.objectContaining({ code: 'invalid-input' }));
  });

  it('opens a Chrome-family profile directory, found or chosen', () => {
    expect(planBrowserLaunch(LOGIN, { target: { kind: 'chrome-profile', profileDirectory: 'Profile 2' } }, linux('/usr/bin/firefox', '/usr/bin/chromium'))).toEqual({
      kind: 'launch', command: '/usr/bin/chromium', args: ['--profile-directory=Profile 2', LOGIN],
    });
    const mac: HostSystem = { platform: 'darwin', env: {}, exists: () => true };
    expect(planBrowserLaunch(LOGIN, { target: { kind: 'chrome-profile', path: '/Applications/Google Chrome.app', profileDirectory: 'Default' } }, mac)).toEqual({
      kind: 'launch', command: '/usr/bin/open', args: ['-n', '-a', '/Applications/Google Chrome.app', '--args', '--profile-directory=Default', LOGIN],
    });
    expect(() => planBrowserLaunch(LOGIN, { target: { kind: 'chrome-profile', profileDirectory: 'Default' } }, linux('/usr/bin/firefox'))).toThrow(
      expect.objectContaining({ code: 'browser-not-found', message: 'No Chrome-family browser was found on this computer.' }),
    );
    expect(() => planBrowserLaunch(LOGIN, { target: { kind: 'chrome-profile', profileDirectory: ' ' } }, linux('/usr/bin/chromium'))).toThrow(expect.objectContaining({ code: 'invalid-input' }));
  });

  it('opens a Firefox container named after the role', () => {
    const plan = planBrowserLaunch(LOGIN, { target: { kind: 'firefox-container' }, role }, linux('/usr/bin/firefox'));
    expect(plan).toMatchObject({ kind: 'launch', command: '/usr/bin/firefox' });
    const arg = plan.kind === 'launch' ? plan.args[0]! : '';
    expect(new URLSearchParams(arg.slice('ext+granted-containers:'.length)).get('url')).toBe(LOGIN);
    expect(new URLSearchParams(arg.slice('ext+granted-containers:'.length)).get('name')).toBe('acme-prod/AdministratorAccess');
    expect(() => planBrowserLaunch(LOGIN, { target: { kind: 'firefox-container' } }, linux('/usr/bin/firefox'))).toThrow(expect.objectContaining({ code: 'invalid-input' }));
    expect(() => planBrowserLaunch(LOGIN, { target: { kind: 'firefox-container' }, role }, linux('/usr/bin/chromium'))).toThrow(expect.objectContaining({ code: 'browser-not-found' }));
  });

  it('prints or copies instead, still only for allowed URLs', () => {
    expect(planBrowserLaunch(LOGIN, { target: { kind: 'print' } }, linux())).toEqual({ kind: 'print', url: LOGIN });
    expect(planBrowserLaunch(LOGIN, { target: { kind: 'copy' } }, linux())).toEqual({ kind: 'copy', url: LOGIN });
    expect(() => planBrowserLaunch('https://evil.com/', { target: { kind: 'print' } }, linux())).toThrow(expect.objectContaining({ code: 'url-not-allowed' }));
  });
});

describe('openUrl', () => {
  function deps(host: HostSystem, launcher: ProcessLauncher, extra: Partial<BrowserOpenerDeps> = {}) {
    const records: LogRecord[] = [];
    return { records, deps: { ...host, launcher, logger: createLogger((r) => records.push(r)), ...extra } };
  }

  it.each([
    'http://signin.aws.amazon.com/federation',
    'https://console.aws.amazon.com.evil.com/',
    'https://evil.com/console.aws.amazon.com',
    'https://console.aws.amazon.com@evil.com/',
    'javascript:alert(1)',
    'file:///etc/passwd',
  ])('refuses %s and starts, prints and copies nothing', async (url) => {
    const started: string[][] = [];
    const printed: string[] = [];
    const launcher: ProcessLauncher = { launch: async (c, a) => void started.push([c, ...a]) };
    for (const kind of ['default', 'print', 'copy'] as const) {
      const { deps: d } = deps(linux('/usr/bin/xdg-open'), launcher, { print: (u) => printed.push(u), copy: async (u) => void printed.push(u) });
      await expect(openUrl(url, { target: { kind } }, d)).rejects.toMatchObject({ code: 'url-not-allowed' });
    }
    expect(started).toEqual([]);
    expect(printed).toEqual([]);
  });

  it('starts the browser with argv only (no shell reads the URL) and logs only the host', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'rolecall-browser-'));
    const out = join(dir, 'args');
    const fakeBrowser = join(dir, 'browser');
    await writeFile(fakeBrowser, `#!/bin/sh\nfor a in "$@"; do printf '%s\\n' "$a"; done > "${out}.tmp" && mv "${out}.tmp" "${out}"\n`);
    await chmod(fakeBrowser, 0o755);
    const url = `${LOGIN}&x=$(touch%20${dir}/pwned);y=\`id\`|z`;
    const { deps: d, records } = deps({ platform: 'linux', env: { PATH: '/usr/bin' }, exists: fileExists }, createDetachedLauncher(spawn));
    const result = await openUrl(url, { target: { kind: 'chrome-profile', path: fakeBrowser, profileDirectory: 'Profile 1' } }, d);
    expect(result).toEqual({ kind: 'launched', program: fakeBrowser });
    await waitFor(() => existsSync(out));
    expect((await readFile(out, 'utf8')).split('\n')).toEqual(['--profile-directory=Profile 1', url, '']);
    expect(existsSync(join(dir, 'pwned'))).toBe(false);
    expect(records.map((r) => r.fields)).toEqual([{ host: 'eu-west-1.signin.aws.amazon.com', choice: 'chrome-profile', program: 'browser' }]);
    expect(JSON.stringify(records)).not.toContain('TOKEN-CANARY');
  });

  it('prints and copies through the given writers', async () => {
    const printed: string[] = [];
    const copied: string[] = [];
    const launcher: ProcessLauncher = { launch: async () => undefined };
    const { deps: d } = deps(linux(), launcher, { print: (u) => printed.push(u), copy: async (u) => void copied.push(u) });
    expect(await openUrl(LOGIN, { target: { kind: 'print' } }, d)).toEqual({ kind: 'printed' });
    expect(await openUrl(LOGIN, { target: { kind: 'copy' } }, d)).toEqual({ kind: 'copied' });
    expect([printed, copied]).toEqual([[LOGIN], [LOGIN]]);
    const { deps: noWriters } = deps(linux(), launcher);
    await expect(openUrl(LOGIN, { target: { kind: 'print' } }, noWriters)).rejects.toMatchObject({ code: 'invalid-input' });
  });

  it('reports a browser program that cannot be started', async () => {
    const { deps: d } = deps({ platform: 'linux', env: {}, exists: () => true }, createDetachedLauncher(spawn));
    await expect(openUrl(LOGIN, { target: { kind: 'browser', path: '/nonexistent/rolecall-browser' } }, d)).rejects.toMatchObject({
      code: 'program-not-found',
      program: '/nonexistent/rolecall-browser',
    });
  });
});
