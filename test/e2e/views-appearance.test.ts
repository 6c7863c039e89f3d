import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousAccessibilityViolations } from './harness/axe';
import { demoScenario } from './harness/demo-scenario';
import { DEMO_NOW } from './harness/demo-organisation';
import { RendererHarness, type RendererPage } from './harness/renderer-page';
import { REPO_ROOT } from './harness/renderer-build';
import { ScriptedCore } from './harness/scripted-core';
import { openWindow, seeText, setPageTime } from './harness/window-driver';

const SCREENSHOTS = join(REPO_ROOT, 'assets', 'screenshots');

let harness: RendererHarness;
beforeAll(async () => {
  harness = await RendererHarness.start();
  mkdirSync(SCREENSHOTS, { recursive: true });
});
afterAll(async () => {
  await harness?.close();
});

/** Checks a view: no serious accessibility problem, nothing blocked by the CSP, no page error. */
async function checkView(app: RendererPage, view: string): Promise<void> {
  // Screenshots and axe look at a settled page: no caret blinking, no transition half-way.
  await app.page.evaluate(() => document.fonts.ready);
  expect({ view, violations: await seriousAccessibilityViolations(app.page) }).toEqual({ view, violations: [] });
  expect({ view, csp: await app.cspViolations(), offLoopback: app.refusedRequests, errors: app.pageErrors }).toEqual({ view, csp: [], offLoopback: [], errors: [] });
}

async function screenshot(app: RendererPage, name: string): Promise<void> {
  await app.page.mouse.move(0, 0);
  await app.page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), caret: 'hide', animations: 'disabled' });
}

describe.each(['light', 'dark'] as const)('the window in %s mode', (colorScheme) => {
  it('main view: accessible, within the CSP, and photographed', async () => {
    const app = await openWindow(harness, demoScenario(), { colorScheme });
    await seeText(app.page, '113 roles in 38 accounts');
    await checkView(app, 'main');
    await screenshot(app, `main-${colorScheme}`);
    await app.page.getByRole('combobox', { name: 'Search accounts and roles' }).fill('prod admin');
    await seeText(app.page, /roles? match/);
    await checkView(app, 'main, searching');
    await app.close();
  });

  it('sign-in view: the code, the add form with its errors, a failure; accessible and photographed', async () => {
    const core = demoScenario();
    core.instance('labs').session = { instanceId: 'labs', status: 'expired' };
    core.instance('labs').sync = null;
    const app = await openWindow(harness, core, { colorScheme });
    await app.page.getByRole('button', { name: 'Sign in to Acme Labs' }).click();
    await app.page.getByRole('heading', { name: 'Confirm this code in your browser' }).waitFor();
    await setPageTime(app, DEMO_NOW + 19_000);
    await seeText(app.page, '9:41');
    await checkView(app, 'sign-in code');
    await screenshot(app, `sign-in-${colorScheme}`);

    core.signInProgress({ type: 'failed', instanceId: 'labs', error: { code: 'sign-in-denied', message: 'Denied.' } });
    await app.page.getByRole('alert').filter({ hasText: 'Sign-in was denied' }).waitFor();
    await checkView(app, 'sign-in denied');

    await app.page.getByRole('button', { name: 'Add instance' }).click();
    await app.page.getByRole('button', { name: 'Add and sign in' }).click();
    await seeText(app.page, /^Enter the start URL/);
    await checkView(app, 'add instance with errors');
    await app.close();
  });

  it('settings view: accessible and photographed', async () => {
    const core = demoScenario();
    core.snapshotState.settings = { ...core.snapshotState.settings, defaultRegion: 'eu-west-1', browser: { kind: 'chrome-profile', profileDirectory: 'Work' } };
    const app = await openWindow(harness, core, { colorScheme });
    await app.page.getByRole('button', { name: 'Settings' }).click();
    await app.page.getByRole('heading', { name: 'Settings' }).waitFor();
    await checkView(app, 'settings');
    await screenshot(app, `settings-${colorScheme}`);
    await app.close();
  });

  it('first run: the welcome form is accessible', async () => {
    const app = await openWindow(harness, new ScriptedCore(), { colorScheme });
    await app.page.getByRole('heading', { name: 'Add your Identity Center' }).waitFor();
    await checkView(app, 'first run');
    await app.close();
  });
});
