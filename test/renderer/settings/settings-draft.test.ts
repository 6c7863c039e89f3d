import { describe, expect, it } from 'vitest';
import { PROFILE_NAME_PLACEHOLDERS, renderProfileName } from '../../../main/core/aws-config/profile-name';
import { requestValidators } from '../../../main/ipc/contract';
import { DEFAULT_SETTINGS, type Settings } from '../../../main/core/model';
import { checkSettingsDraft, draftFromSettings, previewProfileName, settingsPatch, TEMPLATE_FIELDS } from '../../../renderer/settings/settings-draft';

describe('settings form', () => {
  it('round-trips every kind of browser choice through the form', () => {
    const choices: Settings['browser'][] = [
      { kind: 'default' },
      { kind: 'print' },
      { kind: 'browser', path: '/usr/bin/firefox' },
      { kind: 'chrome-profile', profileDirectory: 'Profile 1' },
      { kind: 'chrome-profile', path: '/opt/chrome', profileDirectory: 'Work' },
      { kind: 'firefox-container' },
      { kind: 'firefox-container', path: '/usr/bin/firefox' },
    ];
    for (const browser of choices) {
      const settings = { ...DEFAULT_SETTINGS, browser, defaultRegion: 'eu-west-2' };
      expect(checkSettingsDraft(draftFromSettings(settings))).toEqual({ ok: true, settings });
    }
  });

  it('sends only what changed, in a shape main accepts', () => {
    const draft = { ...draftFromSettings(DEFAULT_SETTINGS), refreshLeadMinutes: '20', terminal: 'xterm' };
    const check = checkSettingsDraft(draft);
    expect(check.ok).toBe(true);
    if (!check.ok) return;
    const patch = settingsPatch(DEFAULT_SETTINGS, check.settings);
    expect(patch).toEqual({ refreshLeadMinutes: 20, terminal: 'xterm' });
    expect(requestValidators['settings:update']([patch])).toBe(true);
  });

  it('refuses values main would refuse, with a message per field', () => {
    const check = checkSettingsDraft({
      ...draftFromSettings(DEFAULT_SETTINGS),
      refreshLeadMinutes: '0',
      sessionWarningMinutes: '2.5',
      profileNameTemplate: '{account}/{roleName}',
      terminal: ' ',
      browserKind: 'chrome-profile',
      chromeProfileDirectory: '',
    });
    expect(check.ok ? [] : Object.keys(check.errors).sort()).toEqual(['chromeProfileDirectory', 'profileNameTemplate', 'refreshLeadMinutes', 'sessionWarningMinutes', 'terminal']);
  });

  it('knows the same template placeholders as the core, and previews names as the core writes them', () => {
    expect(Object.keys(TEMPLATE_FIELDS).sort()).toEqual([...PROFILE_NAME_PLACEHOLDERS].sort());
    const sample = { instanceId: TEMPLATE_FIELDS.instance!, accountId: TEMPLATE_FIELDS.accountId!, accountName: TEMPLATE_FIELDS.accountName!, roleName: TEMPLATE_FIELDS.roleName! };
    for (const template of ['{accountName}/{roleName}', '{instance}-{accountId}-{roleName}', 'aws:{accountName}.{roleName}']) {
      expect(previewProfileName(template)).toBe(renderProfileName(template, sample));
    }
  });
});

describe('terminal choices', () => {
  it('offer the terminal launcher’s own ids and names, per platform, in its order', async () => {
    const { PLATFORM_TERMINALS, TERMINAL_NAMES } = await import('../../../main/core/terminal/terminals');
    const { TERMINAL_CHOICES, windowPlatform } = await import('../../../renderer/settings/terminal-choices');
    for (const platform of ['darwin', 'linux', 'win32'] as const) {
      expect(TERMINAL_CHOICES[platform]).toEqual(PLATFORM_TERMINALS[platform].map((id) => ({ id, name: TERMINAL_NAMES[id] })));
    }
    expect(windowPlatform('MacIntel')).toBe('darwin');
    expect(windowPlatform('Win32')).toBe('win32');
    expect(windowPlatform('Linux x86_64')).toBe('linux');
  });
});
