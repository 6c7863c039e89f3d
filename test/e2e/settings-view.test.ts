import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousAccessibilityViolations } from './harness/axe';
import { acmeOnly, demoScenario } from './harness/demo-scenario';
import { RendererHarness } from './harness/renderer-page';
import { openWindow, seeText } from './harness/window-driver';

let harness: RendererHarness;
beforeAll(async () => {
  harness = await RendererHarness.start();
});
afterAll(async () => {
  await harness?.close();
});

describe('settings view', () => {
  it('shows the current settings, refuses bad values inline and saves only what changed', async () => {
    const core = acmeOnly();
    core.snapshotState.settings = { ...core.snapshotState.settings, refreshLeadMinutes: 10, defaultRegion: 'eu-west-1' };
    const app = await openWindow(harness, core);
    const { page } = app;
    await page.getByRole('button', { name: 'Settings' }).click();
    const settings = page.getByRole('region', { name: 'Settings' });
    await settings.waitFor();
    expect(await settings.getByLabel('Refresh ahead of expiry').inputValue()).toBe('10');
    expect(await settings.getByLabel('Default console region').inputValue()).toBe('eu-west-1');
    expect(await settings.getByRole('radio', { name: /^Device code/ }).isChecked()).toBe(true);
    expect(await settings.getByRole('button', { name: 'Save changes' }).isDisabled()).toBe(true);

    await settings.getByLabel('Refresh ahead of expiry').fill('0');
    await settings.getByLabel('Profile name template').fill('{account}/{roleName}');
    await settings.getByRole('button', { name: 'Save changes' }).click();
    await seeText(page, 'Enter a whole number of minutes from 1 to 60.');
    await seeText(page, 'Unknown placeholder {account}. Use {accountName}, {accountId}, {roleName}, {instance}.');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('setting-refreshLeadMinutes');
    expect(core.callsTo('settings.update')).toEqual([]);

    await settings.getByLabel('Refresh ahead of expiry').fill('20');
    await settings.getByLabel('Profile name template').fill('{instance}-{accountName}/{roleName}');
    await seeText(page, 'Preview: acme-Production/AdministratorAccess.');
    await settings.getByText('Start Rolecall when I log in').click();
    await settings.getByRole('radio', { name: /^Browser redirect/ }).check();
    await settings.getByLabel('Terminal').selectOption('xterm');
    await settings.getByLabel('Open the console and sign-in pages in').selectOption('chrome-profile');
    await settings.getByRole('button', { name: 'Save changes' }).click();
    await seeText(page, 'Enter the Chrome profile folder, for example "Profile 1".');
    await settings.getByLabel('Chrome profile folder').fill('Profile 2');
    await settings.getByRole('button', { name: 'Save changes' }).click();
    await settings.getByRole('status').filter({ hasText: 'Settings saved.' }).waitFor();

    expect(core.callsTo('settings.update')).toEqual([
      [
        {
          startAtLogin: true,
          refreshLeadMinutes: 20,
          signInMethod: 'pkce',
          profileNameTemplate: '{instance}-{accountName}/{roleName}',
          terminal: 'xterm',
          browser: { kind: 'chrome-profile', profileDirectory: 'Profile 2' },
        },
      ],
    ]);
    expect(await settings.getByRole('button', { name: 'Save changes' }).isDisabled()).toBe(true);
    await app.close();
  });

  it('shows main’s refusal when a save fails, keeping what was typed', async () => {
    const core = acmeOnly();
    core.settings.update = async () => {
      const { StorageError } = await import('../../main/core/errors');
      throw new StorageError('settings-not-writable', 'Rolecall cannot save its settings: the disk is full.');
    };
    const app = await openWindow(harness, core);
    await app.page.getByRole('button', { name: 'Settings' }).click();
    const settings = app.page.getByRole('region', { name: 'Settings' });
    await settings.getByLabel('Warn before a session ends').fill('30');
    await settings.getByRole('button', { name: 'Save changes' }).click();
    await settings.getByRole('alert').filter({ hasText: 'Rolecall cannot save its settings: the disk is full.' }).waitFor();
    expect(await settings.getByLabel('Warn before a session ends').inputValue()).toBe('30');
    await app.close();
  });

  it('renames an instance and removes one after a confirmation', async () => {
    const core = demoScenario();
    const app = await openWindow(harness, core);
    const { page } = app;
    await page.getByRole('button', { name: 'Settings' }).click();
    const instances = page.getByRole('region', { name: 'Identity Center instances' });
    const labs = instances.getByRole('listitem').filter({ hasText: 'https://acme-labs.awsapps.com/start' });
    await labs.getByLabel('Name').fill('Labs');
    await labs.getByRole('button', { name: 'Rename' }).click();
    await seeText(page, 'Renamed Acme Labs to Labs.');
    expect(core.callsTo('instances.rename')).toEqual([['labs', 'Labs']]);

    await labs.getByRole('button', { name: 'Remove…' }).click();
    await labs.getByRole('alert').filter({ hasText: 'Removing signs you out of Labs' }).waitFor();
    await labs.getByRole('button', { name: 'Keep' }).click();
    expect(core.callsTo('instances.remove')).toEqual([]);
    await labs.getByRole('button', { name: 'Remove…' }).click();
    await labs.getByRole('button', { name: 'Remove Labs' }).click();
    await seeText(page, 'Removed Labs.');
    expect(core.callsTo('instances.remove')).toEqual([['labs']]);
    await expect.poll(() => instances.getByRole('listitem').count()).toBe(1);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await app.close();
  });
});
