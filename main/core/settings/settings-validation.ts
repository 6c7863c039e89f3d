/**
 * What a valid Settings value is. The IPC contract already checks every settings patch the
 * window sends; the store reuses that one definition for what it reads from disk and what any
 * caller asks it to write, so the window, the CLI and the file can never disagree.
 */
import { requestValidators } from '../../ipc/contract';
import { DEFAULT_SETTINGS, type BrowserChoice, type Settings } from '../model';

const SETTING_KEYS = Object.keys(DEFAULT_SETTINGS) as (keyof Settings)[];

/** True when `patch` is a plain object whose every key is a setting holding a valid value. */
export function isValidSettingsPatch(patch: unknown): patch is Partial<Settings> {
  return requestValidators['settings:update']([patch]);
}

/** True when `value` is a valid value for the setting `key`. */
export function isValidSettingValue<K extends keyof Settings>(key: K, value: unknown): value is Settings[K] {
  return isValidSettingsPatch({ [key]: value });
}

export interface StoredSettings {
  settings: Settings;
  /** Keys whose stored value was not valid and fell back to the default. */
  rejected: (keyof Settings)[];
  /** Keys in the file that are not settings (ignored, dropped at the next write). */
  unknown: string[];
}

/**
 * Settings from whatever a settings file held: every valid value kept, every missing or invalid
 * one replaced by its default, so one bad value never costs the user their other choices.
 */
export function settingsFromStored(raw: unknown): StoredSettings {
  const settings = cloneSettings(DEFAULT_SETTINGS);
  const rejected: (keyof Settings)[] = [];
  const unknown: string[] = [];
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return { settings, rejected: raw === undefined ? [] : [...SETTING_KEYS], unknown };
  }
  const record = raw as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    if (!(SETTING_KEYS as string[]).includes(key)) unknown.push(key);
  }
  for (const key of SETTING_KEYS) {
    if (!(key in record)) continue;
    const value = record[key];
    if (isValidSettingValue(key, value)) assign(settings, key, value);
    else rejected.push(key);
  }
  return { settings, rejected, unknown };
}

/** A deep copy: settings handed out can never be mutated into the store's own copy. */
export function cloneSettings(settings: Settings): Settings {
  return { ...settings, browser: cloneBrowserChoice(settings.browser) };
}

/** Only the fields of the chosen kind survive, so nothing unexpected is ever persisted. */
function cloneBrowserChoice(choice: BrowserChoice): BrowserChoice {
  switch (choice.kind) {
    case 'browser':
      return { kind: 'browser', path: choice.path };
    case 'chrome-profile':
      return choice.path === undefined
        ? { kind: 'chrome-profile', profileDirectory: choice.profileDirectory }
        : { kind: 'chrome-profile', path: choice.path, profileDirectory: choice.profileDirectory };
    case 'firefox-container':
      return choice.path === undefined ? { kind: 'firefox-container' } : { kind: 'firefox-container', path: choice.path };
    case 'default':
    case 'print':
      return { kind: choice.kind };
  }
}

/** `base` with `patch` applied (the patch must already be valid). */
export function applySettingsPatch(base: Settings, patch: Partial<Settings>): Settings {
  const next = cloneSettings(base);
  for (const key of SETTING_KEYS) {
    if (!Object.hasOwn(patch, key)) continue;
    const value = patch[key];
    if (value !== undefined) assign(next, key, value);
  }
  return cloneSettings(next);
}

/** The keys whose values differ between two settings. */
export function changedSettingKeys(a: Settings, b: Settings): (keyof Settings)[] {
  return SETTING_KEYS.filter((key) => JSON.stringify(a[key]) !== JSON.stringify(b[key]));
}

function assign<K extends keyof Settings>(target: Settings, key: K, value: Settings[K]): void {
  target[key] = value;
}
