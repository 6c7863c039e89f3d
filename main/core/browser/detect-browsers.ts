/**
 * Which browsers are installed, per platform: a pure function of the environment and an
 * `exists` check over well-known install paths (and PATH on Linux).
 */
import { findOnPath, pathsFor, type Exists } from './find-executable';

export type BrowserFamily = 'chromium' | 'firefox' | 'safari';

export interface InstalledBrowser {
  /** Stable id: `chrome`, `chromium`, `brave`, `edge`, `vivaldi`, `firefox`, `firefox-developer`, `safari`. */
  id: string;
  name: string;
  family: BrowserFamily;
  /** The executable to run, or a macOS `.app` bundle (opened with `open -a`). */
  path: string;
}

interface Candidate {
  id: string;
  name: string;
  family: BrowserFamily;
  linux: string[];
  /** Relative to an Applications folder. */
  mac: string[];
  /** Relative to `%ProgramFiles%`, `%ProgramFiles(x86)%` and `%LOCALAPPDATA%`. */
  windows: string[];
}

// Chrome-family first: it is what most people use, and what the profile option needs.
const CANDIDATES: Candidate[] = [
  { id: 'chrome', name: 'Google Chrome', family: 'chromium', linux: ['google-chrome-stable', 'google-chrome'], mac: ['Google Chrome.app/Contents/MacOS/Google Chrome'], windows: ['Google\\Chrome\\Application\\chrome.exe'] },
  { id: 'edge', name: 'Microsoft Edge', family: 'chromium', linux: ['microsoft-edge-stable', 'microsoft-edge'], mac: ['Microsoft Edge.app/Contents/MacOS/Microsoft Edge'], windows: ['Microsoft\\Edge\\Application\\msedge.exe'] },
  { id: 'brave', name: 'Brave', family: 'chromium', linux: ['brave-browser', 'brave'], mac: ['Brave Browser.app/Contents/MacOS/Brave Browser'], windows: ['BraveSoftware\\Brave-Browser\\Application\\brave.exe'] },
  { id: 'vivaldi', name: 'Vivaldi', family: 'chromium', linux: ['vivaldi-stable', 'vivaldi'], mac: ['Vivaldi.app/Contents/MacOS/Vivaldi'], windows: ['Vivaldi\\Application\\vivaldi.exe'] },
  { id: 'chromium', name: 'Chromium', family: 'chromium', linux: ['chromium', 'chromium-browser'], mac: ['Chromium.app/Contents/MacOS/Chromium'], windows: ['Chromium\\Application\\chrome.exe'] },
  { id: 'firefox', name: 'Firefox', family: 'firefox', linux: ['firefox', 'firefox-esr'], mac: ['Firefox.app/Contents/MacOS/firefox'], windows: ['Mozilla Firefox\\firefox.exe'] },
  { id: 'firefox-developer', name: 'Firefox Developer Edition', family: 'firefox', linux: ['firefox-developer-edition'], mac: ['Firefox Developer Edition.app/Contents/MacOS/firefox'], windows: ['Firefox Developer Edition\\firefox.exe'] },
  { id: 'safari', name: 'Safari', family: 'safari', linux: [], mac: ['Safari.app'], windows: [] },
];

export interface DetectionInput {
  platform: NodeJS.Platform;
  env: Record<string, string | undefined>;
  exists: Exists;
}

/** Installed browsers in order of preference. */
export function detectBrowsers(input: DetectionInput): InstalledBrowser[] {
  const found: InstalledBrowser[] = [];
  for (const candidate of CANDIDATES) {
    const path = locate(candidate, input);
    if (path !== undefined) found.push({ id: candidate.id, name: candidate.name, family: candidate.family, path });
  }
  return found;
}

function locate(candidate: Candidate, { platform, env, exists }: DetectionInput): string | undefined {
  const paths = pathsFor(platform);
  switch (platform) {
    case 'darwin': {
      const roots = ['/Applications', ...(env.HOME ? [paths.join(env.HOME, 'Applications')] : [])];
      for (const root of roots) for (const rel of candidate.mac) if (exists(paths.join(root, rel))) return paths.join(root, rel);
      return undefined;
    }
    case 'win32': {
      const roots = [env.ProgramFiles, env['ProgramFiles(x86)'], env.LOCALAPPDATA].filter((r): r is string => r !== undefined && r !== '');
      for (const rel of candidate.windows) for (const root of roots) if (exists(paths.join(root, rel))) return paths.join(root, rel);
      return undefined;
    }
    default:
      return findOnPath(candidate.linux, env, platform, exists);
  }
}
