import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IdentityCenterUnreachableError, SignInDeniedError, SignInExpiredError } from '../../main/core/auth/sign-in-errors';
import { acmeOnly } from './harness/demo-scenario';
import { DEMO_NOW } from './harness/demo-organisation';
import { RendererHarness, type RendererPage } from './harness/renderer-page';
import { deviceCode, ScriptedCore } from './harness/scripted-core';
import { openWindow, seeText, setPageTime } from './harness/window-driver';

let harness: RendererHarness;
beforeAll(async () => {
  harness = await RendererHarness.start();
});
afterAll(async () => {
  await harness?.close();
});

/** Acme signed out: its card offers "Sign in". */
function signedOutAcme(): ScriptedCore {
  const core = acmeOnly();
  core.instance('acme').session = { instanceId: 'acme', status: 'signed-out' };
  return core;
}

async function startSignIn(app: RendererPage): Promise<void> {
  await app.page.getByRole('button', { name: 'Sign in to Acme' }).first().click();
}

describe('sign-in view', () => {
  it('adds an instance with inline validation, then shows the code large and opens the verification page', async () => {
    const core = new ScriptedCore();
    const app = await openWindow(harness, core);
    const { page } = app;
    await page.getByRole('heading', { name: 'Add your Identity Center' }).waitFor();
    await page.getByRole('button', { name: 'Add and sign in' }).click();
    await seeText(page, 'Enter the start URL your administrator gave you, like https://d-1234567890.awsapps.com/start.');
    await seeText(page, 'Enter the region your Identity Center lives in, like us-east-1.');
    const startUrl = page.getByLabel('Start URL');
    expect(await startUrl.getAttribute('aria-invalid')).toBe('true');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('instance-startUrl');

    await startUrl.fill('https://d-9067c2b1a3.awsapps.com/start');
    await page.getByLabel('Region', { exact: true }).fill('mars-1');
    await page.getByRole('button', { name: 'Add and sign in' }).click();
    await seeText(page, '"mars-1" is not an AWS region. Regions look like us-east-1 or eu-west-2.');
    expect(core.callsTo('instances.add')).toEqual([]);

    await page.getByLabel('Region', { exact: true }).fill('eu-west-1');
    await page.getByLabel('Name (optional)').fill('Acme');
    await page.getByRole('button', { name: 'Add and sign in' }).click();
    await page.getByRole('heading', { name: 'Confirm this code in your browser' }).waitFor();
    expect(await page.locator('#user-code [aria-hidden=true]').textContent()).toBe('WDJB-MJHT');
    expect(await page.locator('#user-code .visually-hidden').textContent()).toBe('Code W D J B - M J H T');
    expect(core.callsTo('instances.add')).toEqual([[{ startUrl: 'https://d-9067c2b1a3.awsapps.com/start', region: 'eu-west-1', name: 'Acme' }]]);
    // The core opened the verification page: the window says so and does not open a second one.
    await seeText(page, 'The sign-in page is open in your browser.');
    expect(core.browserOpenedByCore).toEqual(['https://device.sso.eu-west-1.amazonaws.com/?user_code=WDJB-MJHT']);
    expect(core.openedLinks).toEqual([]);

    // The same start URL again: main's refusal is shown with the form, which keeps its values.
    await page.getByRole('button', { name: 'Add instance' }).click();
    await page.getByLabel('Start URL').fill('https://d-9067c2b1a3.awsapps.com/start');
    await page.getByLabel('Region', { exact: true }).fill('eu-west-1');
    await page.getByRole('button', { name: 'Add and sign in' }).click();
    await page.getByRole('alert').filter({ hasText: 'This start URL is already in Rolecall.' }).waitFor();
    expect(await page.getByLabel('Start URL').inputValue()).toBe('https://d-9067c2b1a3.awsapps.com/start');
    expect(app.pageErrors).toEqual([]);
    await app.close();
  });

  it('opens the verification page itself when the core could not', async () => {
    const core = signedOutAcme();
    core.opensBrowser = false;
    const app = await openWindow(harness, core);
    await startSignIn(app);
    await expect.poll(() => core.openedLinks).toEqual(['https://device.sso.eu-west-1.amazonaws.com/?user_code=WDJB-MJHT']);
    await seeText(app.page, 'The sign-in page is open in your browser.');
    await app.page.getByRole('button', { name: 'Open the page again' }).click();
    await expect.poll(() => core.openedLinks).toHaveLength(2);
    await app.close();
  });

  it('counts down to the code’s expiry, then offers a new code', async () => {
    const core = signedOutAcme();
    const app = await openWindow(harness, core);
    await startSignIn(app);
    await seeText(app.page, '10:00');
    await setPageTime(app, DEMO_NOW + 19_000);
    await seeText(app.page, '9:41');
    expect(await app.page.locator('.countdown .visually-hidden').textContent()).toBe('9 minutes 41 seconds');

    await setPageTime(app, DEMO_NOW + 601_000);
    await app.page.getByRole('alert').filter({ hasText: 'This code has expired.' }).waitFor();
    core.now = () => DEMO_NOW + 601_000;
    await app.page.getByRole('button', { name: 'Get a new code' }).click();
    await seeText(app.page, '10:00');
    expect(core.callsTo('sessions.signIn')).toEqual([['acme'], ['acme']]);
    await app.close();
  });

  it('copies the code for the user', async () => {
    const app = await openWindow(harness, signedOutAcme());
    await app.context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await startSignIn(app);
    await app.page.getByRole('button', { name: 'Copy code' }).click();
    await app.page.getByRole('button', { name: 'Copied' }).waitFor();
    expect(await app.page.evaluate(() => navigator.clipboard.readText())).toBe('WDJB-MJHT');
    await app.close();
  });

  it('says when the sign-in was denied, and starts again', async () => {
    const core = signedOutAcme();
    const signInAsUsual = core.onSignIn;
    core.onSignIn = async (instanceId) => {
      await signInAsUsual(instanceId);
      core.signInProgress({ type: 'failed', instanceId, error: new SignInDeniedError(instanceId).toJSON() });
    };
    const app = await openWindow(harness, core);
    await startSignIn(app);
    await app.page.getByRole('alert').filter({ hasText: 'Sign-in was denied' }).waitFor();
    core.onSignIn = signInAsUsual;
    await app.page.getByRole('button', { name: 'Try again' }).click();
    await app.page.getByRole('heading', { name: 'Confirm this code in your browser' }).waitFor();
    await app.close();
  });

  it('says when the code expired before it was approved', async () => {
    const core = signedOutAcme();
    core.onSignIn = async (instanceId) => core.signInProgress({ type: 'failed', instanceId, error: new SignInExpiredError(instanceId).toJSON() });
    const app = await openWindow(harness, core);
    await startSignIn(app);
    await app.page.getByRole('alert').filter({ hasText: 'The code expired' }).waitFor();
    await app.page.getByRole('button', { name: 'Get a new code' }).waitFor();
    await app.close();
  });

  it('says when Identity Center is out of reach, and retries', async () => {
    const core = signedOutAcme();
    const signInAsUsual = core.onSignIn;
    core.onSignIn = async () => {
      throw new IdentityCenterUnreachableError('oidc.eu-west-1.amazonaws.com', 'ENOTFOUND');
    };
    const app = await openWindow(harness, core);
    await startSignIn(app);
    await app.page.getByRole('alert').filter({ hasText: 'Identity Center is out of reach' }).waitFor();
    await seeText(app.page, 'Rolecall could not connect. Check your network or VPN, then retry.');
    await seeText(app.page, 'Rolecall cannot reach Identity Center at oidc.eu-west-1.amazonaws.com (ENOTFOUND).');
    core.onSignIn = signInAsUsual;
    await app.page.getByRole('button', { name: 'Retry' }).click();
    await app.page.getByRole('heading', { name: 'Confirm this code in your browser' }).waitFor();
    expect(core.callsTo('sessions.signIn')).toHaveLength(2);
    await app.close();
  });

  it('cancels a sign-in and goes back to the roles', async () => {
    const core = signedOutAcme();
    const app = await openWindow(harness, core);
    await startSignIn(app);
    await app.page.getByRole('heading', { name: 'Confirm this code in your browser' }).waitFor();
    await app.page.getByRole('button', { name: 'Cancel' }).click();
    await app.page.getByRole('combobox', { name: 'Search accounts and roles' }).waitFor();
    await expect.poll(() => core.callsTo('sessions.cancelSignIn')).toEqual([['acme']]);
    await app.close();
  });

  it('follows a browser sign-in without a code, and returns to the roles once signed in', async () => {
    const core = signedOutAcme();
    core.onSignIn = async (instanceId) => core.signInProgress({ type: 'browser-opened', instanceId, url: 'https://oidc.eu-west-1.amazonaws.com/authorize?client_id=x' });
    const app = await openWindow(harness, core);
    await startSignIn(app);
    await app.page.getByRole('heading', { name: 'Finish signing in in your browser' }).waitFor();
    core.instance('acme').session = { instanceId: 'acme', status: 'active', expiresAt: DEMO_NOW + 8 * 3600_000 };
    core.publish();
    core.signInProgress({ type: 'signed-in', instanceId: 'acme', expiresAt: DEMO_NOW + 8 * 3600_000 });
    await app.page.getByRole('status').filter({ hasText: 'Signed in to Acme.' }).waitFor();
    await app.page.getByRole('combobox', { name: 'Search accounts and roles' }).waitFor();
    await seeText(app.page, 'Session ends in 8 h');
    expect(deviceCode('acme', 0).type).toBe('authorization');
    await app.close();
  });
});
