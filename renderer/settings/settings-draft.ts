import type { BrowserChoice, Settings } from '../../main/core/model';

/** The settings form as typed: numbers stay text until they are checked. */
export interface SettingsDraft {
  startAtLogin: boolean;
  refreshLeadMinutes: string;
  sessionWarningMinutes: string;
  signInMethod: Settings['signInMethod'];
  profileNameTemplate: string;
  /** Empty: each instance's own region. */
  defaultRegion: string;
  terminal: string;
  browserKind: BrowserChoice['kind'];
  browserPath: string;
  chromeProfileDirectory: string;
}

export type SettingsField = keyof SettingsDraft;

export type SettingsCheck = { ok: true; settings: Settings } | { ok: false; errors: Partial<Record<SettingsField, string>> };

/** Placeholders a profile name template may use, with the sample the preview shows. */
export const TEMPLATE_FIELDS: Readonly<Record<string, string>> = {
  accountName: 'Production',
  accountId: '123456789012',
  roleName: 'AdministratorAccess',
  instance: 'acme',
};

export function draftFromSettings(settings: Settings): SettingsDraft {
  const browser = settings.browser;
  return {
    startAtLogin: settings.startAtLogin,
    refreshLeadMinutes: String(settings.refreshLeadMinutes),
    sessionWarningMinutes: String(settings.sessionWarningMinutes),
    signInMethod: settings.signInMethod,
    profileNameTemplate: settings.profileNameTemplate,
    defaultRegion: settings.defaultRegion ?? '',
    terminal: settings.terminal,
    browserKind: browser.kind,
    browserPath: 'path' in browser && browser.path !== undefined ? browser.path : '',
    chromeProfileDirectory: browser.kind === 'chrome-profile' ? browser.profileDirectory : '',
  };
}

/** Checks the form with the same limits main applies, and builds the settings it describes. */
export function checkSettingsDraft(draft: SettingsDraft): SettingsCheck {
  const errors: Partial<Record<SettingsField, string>> = {};
  const refresh = wholeNumber(draft.refreshLeadMinutes);
  if (refresh === null || refresh < 1 || refresh > 60) errors.refreshLeadMinutes = 'Enter a whole number of minutes from 1 to 60.';
  const warning = wholeNumber(draft.sessionWarningMinutes);
  if (warning === null || warning < 1 || warning > 120) errors.sessionWarningMinutes = 'Enter a whole number of minutes from 1 to 120.';
  const template = draft.profileNameTemplate.trim();
  if (template === '') errors.profileNameTemplate = 'A template is needed, for example {accountName}/{roleName}.';
  else if (template.length > 200) errors.profileNameTemplate = 'Keep the template under 200 characters.';
  else if (!template.includes('{roleName}')) errors.profileNameTemplate = 'Include {roleName}, or every role of an account would get the same profile name.';
  else {
    const unknown = unknownPlaceholders(template);
    if (unknown.length > 0) errors.profileNameTemplate = `Unknown placeholder ${unknown.map((u) => `{${u}}`).join(', ')}. Use ${Object.keys(TEMPLATE_FIELDS).map((k) => `{${k}}`).join(', ')}.`;
  }
  const terminal = draft.terminal.trim();
  if (terminal === '' || terminal.length > 64) errors.terminal = 'Choose a terminal, or "auto" to let Rolecall pick one.';
  const path = draft.browserPath.trim();
  if (draft.browserKind === 'browser' && path === '') errors.browserPath = 'Enter the path of the browser to use.';
  const profileDirectory = draft.chromeProfileDirectory.trim();
  if (draft.browserKind === 'chrome-profile' && profileDirectory === '') errors.chromeProfileDirectory = 'Enter the Chrome profile folder, for example "Profile 1".';

  if (Object.keys(errors).length > 0 || refresh === null || warning === null) return { ok: false, errors };
  return {
    ok: true,
    settings: {
      startAtLogin: draft.startAtLogin,
      refreshLeadMinutes: refresh,
      sessionWarningMinutes: warning,
      signInMethod: draft.signInMethod,
      profileNameTemplate: template,
      defaultRegion: draft.defaultRegion === '' ? null : draft.defaultRegion,
      terminal,
      browser: browserChoice(draft.browserKind, path, profileDirectory),
    },
  };
}

/** Only what changed, so saving never overwrites a setting changed elsewhere meanwhile. */
export function settingsPatch(before: Settings, after: Settings): Partial<Settings> {
  const patch: Partial<Settings> = {};
  for (const key of Object.keys(after) as (keyof Settings)[]) {
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) (patch as Record<string, unknown>)[key] = after[key];
  }
  return patch;
}

/** The template filled with a sample role, as the preview shows it. */
export function previewProfileName(template: string): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => TEMPLATE_FIELDS[name] ?? whole);
}

function unknownPlaceholders(template: string): string[] {
  return [...template.matchAll(/\{(\w*)\}/g)].map((m) => m[1] ?? '').filter((name) => !(name in TEMPLATE_FIELDS));
}

function browserChoice(kind: BrowserChoice['kind'], path: string, profileDirectory: string): BrowserChoice {
  switch (kind) {
    case 'default':
      return { kind };
    case 'print':
      return { kind };
    case 'browser':
      return { kind, path };
    case 'chrome-profile':
      return path === '' ? { kind, profileDirectory } : { kind, path, profileDirectory };
    case 'firefox-container':
      return path === '' ? { kind } : { kind, path };
  }
}

function wholeNumber(text: string): number | null {
  const trimmed = text.trim();
  return /^\d{1,4}$/.test(trimmed) ? Number(trimmed) : null;
}
