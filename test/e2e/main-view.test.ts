import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acmeOnly, demoScenario, keyOf } from './harness/demo-scenario';
import { DEMO_NOW, demoAccounts } from './harness/demo-organisation';
import { RendererHarness } from './harness/renderer-page';
import { CANARY_ACCESS_KEY, CANARY_SECRET, CANARY_SESSION_TOKEN } from './harness/scripted-core';
import { listedRows, openWindow, seeText, setPageTime } from './harness/window-driver';

let harness: RendererHarness;
beforeAll(async () => {
  harness = await RendererHarness.start();
});
afterAll(async () => {
  await harness?.close();
});

describe('main view', () => {
  it('shows each instance with its session state and the time left, ticking', async () => {
    const app = await openWindow(harness, demoScenario());
    const acme = app.page.getByRole('article', { name: 'Acme', exact: true });
    const labs = app.page.getByRole('article', { name: 'Acme Labs' });
    await acme.getByText('Session ends in 7 h 42 min').waitFor();
    expect(await acme.locator('.status-pill').textContent()).toBe('Signed in');
    expect(await labs.locator('.status-pill').textContent()).toBe('Ending soon');
    await labs.getByText('Session ends in 8:12').waitFor();
    await setPageTime(app, DEMO_NOW + 60_000);
    await acme.getByText('Session ends in 7 h 41 min').waitFor();
    await labs.getByText('Session ends in 7:12').waitFor();
    await setPageTime(app, DEMO_NOW + 9 * 60_000);
    await labs.getByText('Session ended').waitFor();
    await labs.getByRole('button', { name: 'Sign in to Acme Labs' }).waitFor();
    expect(app.pageErrors).toEqual([]);
    await app.close();
  });

  it('lists favourites pinned on top, then recent roles, then every account with its permission sets', async () => {
    const app = await openWindow(harness, demoScenario());
    await seeText(app.page, '113 roles in 38 accounts');
    const rows = await listedRows(app.page);
    expect(rows.slice(0, 9)).toEqual([
      '# Favourites',
      'AdministratorAccess · Production',
      'AdministratorAccess · Staging',
      `${demoAccounts().find((a) => a.accountName === 'Log Archive')?.roles[0]} · Log Archive`,
      '# Recent',
      expect.stringMatching(/ · Payments Prod$/),
      expect.stringMatching(/ · Data Lake Prod$/),
      expect.stringMatching(/ · Shared Services$/),
      '# All accounts',
    ]);
    expect(rows[9]).toBe('@ Analytics');
    expect(rows[10]).toMatch(/^ {2}\w+Access$|^ {2}\w+$/);
    await app.close();
  });

  it('searches as you type over account name, id, role and e-mail, ranking and highlighting matches', async () => {
    const app = await openWindow(harness, acmeOnly());
    const search = app.page.getByRole('combobox', { name: 'Search accounts and roles' });
    await search.click();
    await app.page.keyboard.type('pay prod adm');
    await seeText(app.page, /^\d+ roles? match/);
    const rows = await listedRows(app.page);
    expect(rows[0]).toBe('AdministratorAccess · Payments Prod');
    expect(await app.page.locator('[role=row][aria-rowindex="1"] mark').allTextContents()).toEqual(['Adm', 'Pay', 'Prod', 'pay', 'prod']);

    await search.fill('');
    await app.page.keyboard.type('100002');
    expect((await listedRows(app.page)).every((r) => r.endsWith('· Staging'))).toBe(true);
    await search.fill('aws-log-archive@');
    expect(await listedRows(app.page)).toEqual(demoAccounts().find((a) => a.accountName === 'Log Archive')!.roles.sort().map((r) => `${r} · Log Archive`));
    await search.fill('no such thing');
    await seeText(app.page, 'No role matches “no such thing”.');

    await app.page.keyboard.press('Escape');
    await seeText(app.page, '95 roles in 32 accounts');
    expect(await search.inputValue()).toBe('');
    await app.close();
  });

  it('is driven from the keyboard: Ctrl+K, arrows, Enter for the console, Ctrl+Enter for a terminal', async () => {
    const core = acmeOnly();
    const app = await openWindow(harness, core);
    const { page } = app;
    await page.getByRole('button', { name: 'Settings' }).click();
    await page.getByRole('heading', { name: 'Settings' }).waitFor();
    await page.keyboard.press('Control+K');
    const search = page.getByRole('combobox', { name: 'Search accounts and roles' });
    await search.waitFor();
    // Focus moves once the main view has rendered, a moment after the box appears.
    await expect.poll(() => page.evaluate(() => document.activeElement?.id), { timeout: 2_000 }).toBe('role-search');

    await page.keyboard.type('production');
    await page.keyboard.press('ArrowDown');
    const active = await search.getAttribute('aria-activedescendant');
    expect(await page.locator(`#${active}`).getAttribute('aria-selected')).toBe('true');
    const title = await page.locator('#details-title').textContent();
    expect(await page.locator(`#${active} .row__title`).textContent()).toContain(title!);

    await page.keyboard.press('Enter');
    await expect.poll(() => core.consoles.length).toBe(1);
    expect(core.consoles[0]).toEqual({ role: { instanceId: 'acme', accountId: demoAccounts()[0]!.accountId, roleName: title }, options: {} });

    const details = page.getByRole('complementary', { name: title! });
    await details.getByLabel('Region').selectOption('us-west-2');
    await details.getByLabel('Open at').selectOption({ label: 'EC2' });
    await search.focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => core.consoles.length).toBe(2);
    expect(core.consoles[1]?.options).toEqual({ region: 'us-west-2', destination: 'ec2/home' });

    await page.keyboard.press('Control+Enter');
    await expect.poll(() => core.terminals.length).toBe(1);
    expect(core.terminals[0]?.roleName).toBe(title);
    await seeText(page, `Opening a terminal as ${title} in Production.`);

    // Tab goes from the search field (and its clear button) to the active row's buttons only.
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Clear search');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.closest('[role=row]')?.getAttribute('aria-selected'))).toBe('true');
    const before = await page.evaluate(() => document.activeElement?.closest('[role=row]')?.id);
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => page.evaluate(() => document.activeElement?.closest('[role=row]')?.id)).not.toBe(before);
    await page.keyboard.press('Escape');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('role-search');
    expect(await search.inputValue()).toBe('');
    await app.close();
  });

  it('pins a role when it is made a favourite, and unpins it', async () => {
    const core = acmeOnly();
    const app = await openWindow(harness, core);
    const row = app.page.locator('#role-grid [role=row].row--nested').filter({ hasText: 'AdministratorAccess' }).first();
    await row.click();
    const account = await app.page.locator('.facts dd').first().textContent();
    await row.getByRole('button', { name: `Favourite AdministratorAccess in ${account}` }).click();
    await expect.poll(() => listedRows(app.page).then((r) => r.slice(0, 2))).toEqual(['# Favourites', `AdministratorAccess · ${account}`]);
    expect(core.snapshotState.favourites).toEqual([keyOf(core.snapshotState.catalogs[0]!.accounts, account!, 'AdministratorAccess')]);
    expect(await app.page.getByRole('button', { name: 'Favourite', exact: true }).getAttribute('aria-pressed')).toBe('true');

    await app.page.getByRole('button', { name: 'Favourite', exact: true }).click();
    await expect.poll(() => listedRows(app.page).then((r) => r[0])).toBe('# All accounts');
    expect(core.snapshotState.favourites).toEqual([]);
    await app.close();
  });

  it('copies env through main without the keys ever reaching the page; adds, copies and removes a profile', async () => {
    const core = acmeOnly();
    const app = await openWindow(harness, core);
    const { page } = app;
    const search = page.getByRole('combobox', { name: 'Search accounts and roles' });
    await search.fill('staging admin');
    await page.locator('.details').getByLabel('Shell').selectOption('fish');
    await page.getByRole('button', { name: 'Copy env' }).click();
    await seeText(page, /^Copied environment variables for AdministratorAccess in Staging/);
    expect(core.clipboardText).toContain(`set -gx AWS_SECRET_ACCESS_KEY "${CANARY_SECRET}"`);

    await page.getByRole('button', { name: 'Add to ~/.aws/config' }).click();
    await seeText(page, 'Added the profile “Staging/AdministratorAccess” to your AWS config file.');
    await page.locator('.badge--profile', { hasText: 'Staging/AdministratorAccess' }).waitFor();
    await page.getByRole('button', { name: 'Copy name' }).click();
    await seeText(page, 'Copied the profile name “Staging/AdministratorAccess”.');
    expect(core.clipboardText).toBe('Staging/AdministratorAccess');
    await page.getByRole('button', { name: 'Remove from config' }).click();
    await page.getByRole('button', { name: 'Add to ~/.aws/config' }).waitFor();
    expect(core.snapshotState.profiles).toEqual({});

    const everything = JSON.stringify(app.traffic) + (await page.content()) + (await page.evaluate(() => document.body.innerText));
    for (const secret of [CANARY_ACCESS_KEY, CANARY_SECRET, CANARY_SESSION_TOKEN]) expect(everything).not.toContain(secret);
    expect(app.traffic.some((t) => t.kind === 'answer' && t.channel === 'role:copy-env')).toBe(true);
    await app.close();
  });

  it('keeps thousands of roles out of the DOM and keeps the scroll position', async () => {
    const core = acmeOnly();
    const { largeOrganisation } = await import('./harness/demo-organisation');
    core.snapshotState.catalogs = [{ instanceId: 'acme', accounts: largeOrganisation('acme', 2000, 3), syncedAt: DEMO_NOW }];
    const app = await openWindow(harness, core);
    const { page } = app;
    await seeText(page, '6,000 roles in 2,000 accounts');
    const grid = page.locator('#role-grid');
    expect(await grid.getAttribute('aria-rowcount')).toBe('8001');
    expect(await page.locator('#role-grid [role=row]').count()).toBeLessThan(40);

    await grid.evaluate((el) => (el.scrollTop = 200_000));
    await expect.poll(() => page.locator('#role-grid [role=row][aria-rowindex="4170"]').count()).toBe(1);
    expect(await page.locator('#role-grid [role=row]').count()).toBeLessThan(40);

    await page.getByRole('button', { name: 'Settings' }).click();
    await page.getByRole('button', { name: 'Roles' }).click();
    await expect.poll(() => grid.evaluate((el) => el.scrollTop)).toBe(200_000);

    const search = page.getByRole('combobox', { name: 'Search accounts and roles' });
    await search.fill('search');
    await expect.poll(() => grid.evaluate((el) => el.scrollTop)).toBe(0);
    await search.fill('');
    await expect.poll(() => grid.evaluate((el) => el.scrollTop)).toBe(200_000);
    await app.close();
  });

  it('shows a large sync’s accounts as they arrive: "340 of 1,000 accounts"', async () => {
    const { largeOrganisation } = await import('./harness/demo-organisation');
    const core = acmeOnly();
    core.snapshotState.catalogs = [];
    const organisation = largeOrganisation('acme', 1000, 3);
    const app = await openWindow(harness, core);
    const { page } = app;
    await seeText(page, 'No accounts yet');

    core.syncProgress({ type: 'started', instanceId: 'acme' });
    core.syncProgress({ type: 'accounts-listed', instanceId: 'acme', total: 1000 });
    organisation.slice(0, 340).forEach((account, i) => core.syncProgress({ type: 'account', instanceId: 'acme', account, done: i + 1, total: 1000 }));
    await page.getByRole('status', { name: 'Acme sync' }).getByText('340 of 1,000 accounts').waitFor();
    await seeText(page, '1,020 roles in 340 accounts');

    organisation.slice(340).forEach((account, i) => core.syncProgress({ type: 'account', instanceId: 'acme', account, done: 341 + i, total: 1000 }));
    core.syncProgress({ type: 'finished', instanceId: 'acme', accounts: 1000, roles: 3000, syncedAt: DEMO_NOW });
    await seeText(page, '3,000 roles in 1,000 accounts');
    core.snapshotState.catalogs = [{ instanceId: 'acme', accounts: organisation, syncedAt: DEMO_NOW }];
    core.publish();
    await seeText(page, '1,000 accounts · 3,000 roles');
    expect(await page.getByText(/of 1,000 accounts/).count()).toBe(0);

    // A failed sync keeps the last good list and says why.
    core.syncProgress({ type: 'started', instanceId: 'acme' });
    core.syncProgress({ type: 'account', instanceId: 'acme', account: { ...organisation[0]!, roles: ['OnlyThisOne'] }, done: 1, total: 1000 });
    core.syncProgress({ type: 'failed', instanceId: 'acme', error: { code: 'throttled', message: 'Identity Center kept throttling.' } });
    core.instance('acme').syncError = 'Identity Center kept throttling.';
    core.publish();
    await seeText(page, 'Last sync failed: Identity Center kept throttling. Showing the last good list.');
    await seeText(page, '3,000 roles in 1,000 accounts');
    expect(await page.getByText('OnlyThisOne').count()).toBe(0);
    await app.close();
  });
});
