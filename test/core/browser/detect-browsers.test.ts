import { describe, expect, it } from 'vitest';
import { detectBrowsers } from '../../../main/core/browser/detect-browsers';

const on = (...paths: string[]) => (p: string) => paths.includes(p);

describe('detectBrowsers', () => {
  it('finds Linux browsers on PATH, Chrome family first', () => {
    const found = detectBrowsers({
      platform: 'linux',
      env: { PATH: '/home/me/bin:/usr/bin:relative/dir' },
      exists: on('/usr/bin/firefox-esr', '/usr/bin/chromium', '/home/me/bin/google-chrome-stable', 'relative/dir/brave'),
    });
    expect(found).toEqual([
      { id: 'chrome', name: 'Google Chrome', family: 'chromium', path: '/home/me/bin/google-chrome-stable' },
      { id: 'chromium', name: 'Chromium', family: 'chromium', path: '/usr/bin/chromium' },
      { id: 'firefox', name: 'Firefox', family: 'firefox', path: '/usr/bin/firefox-esr' },
    ]);
  });

  it('finds macOS app bundles in /Applications and ~/Applications', () => {
    const found = detectBrowsers({
      platform: 'darwin',
      env: { HOME: '/Users/me' },
      exists: on('/Users/me/Applications/Firefox.app/Contents/MacOS/firefox', '/Applications/Brave Browser.app/Contents/MacOS/Brave Browser', '/Applications/Safari.app'),
    });
    expect(found.map((b) => [b.id, b.path])).toEqual([
      ['brave', '/Applications/Brave Browser.app/Contents/MacOS/Brave Browser'],
      ['firefox', '/Users/me/Applications/Firefox.app/Contents/MacOS/firefox'],
      ['safari', '/Applications/Safari.app'],
    ]);
  });

  it('finds Windows browsers under Program Files and the local app data folder', () => {
    const found = detectBrowsers({
      platform: 'win32',
      env: { ProgramFiles: 'C:\\Program Files', 'ProgramFiles(x86)': 'C:\\Program Files (x86)', LOCALAPPDATA: 'C:\\Users\\me\\AppData\\Local' },
      exists: on('C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe', 'C:\\Users\\me\\AppData\\Local\\Google\\Chrome\\Application\\chrome.exe', 'C:\\Program Files\\Mozilla Firefox\\firefox.exe'),
    });
    expect(found.map((b) => [b.id, b.path])).toEqual([
      ['chrome', 'C:\\Users\\me\\AppData\\Local\\Google\\Chrome\\Application\\chrome.exe'],
      ['edge', 'C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe'],
      ['firefox', 'C:\\Program Files\\Mozilla Firefox\\firefox.exe'],
    ]);
  });

  it('finds nothing when nothing is installed', () => {
    expect(detectBrowsers({ platform: 'linux', env: { PATH: '/usr/bin' }, exists: () => false })).toEqual([]);
    expect(detectBrowsers({ platform: 'linux', env: {}, exists: () => true })).toEqual([]);
  });
});
