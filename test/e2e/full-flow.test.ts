/**
 * The acceptance run of the window, with everything real but Electron's transport: the
 * Identity Center emulator, the core facade (temp app data folder, temp AWS config file, the
 * real Secret Service under a keychain prefix of its own), the app services, the shell's IPC
 * handlers and registration, the built renderer with the real preload, and the broker. The
 * user's browser is a second Chromium context: the product's browser opener hands it URLs.
 * At the end the AWS CLI v2 uses the profile the window wrote.
 */
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAppBroker } from '../../main/core/app-services/app-broker';
import { createBrowserUrlOpener } from '../../main/core/app-services/browser-url-opener';
import { createAppServices } from '../../main/core/app-services/create-app-services';
import { fileExists } from '../../main/core/browser/find-executable';
import type { ProcessLauncher } from '../../main/core/browser/process-launcher';
import { deleteAllCachedCredentials } from '../../main/core/credentials/credential-cache';
import { createLogger, type LogRecord } from '../../main/core/logger';
import { createRolecallCore, type RolecallCore } from '../../main/core/rolecall-core';
import { clearNamespace } from '../../main/core/secrets/secret-records';
import { roleKey } from '../../main/ipc/contract';
import { builtCli } from '../cli/support/cli-harness';
import { demoOrganization, startIdentityCenter, type IdentityCenter } from '../identity-center';
import { mainProcessFor } from './harness/main-process';
import { RendererHarness, type RendererPage } from './harness/renderer-page';
import { listedRows, seeText } from './harness/window-driver';

const ACCOUNTS = 60;
const organisation = demoOrganization({ accounts: ACCOUNTS, rolesPerAccount: 3 });
// A role somewhere in the middle of the list, so search has work to do.
const target = organisation.accounts[37]!;
const targetRole = target.roles[1]!.name;

/** The list row of a role in an account (rows that show the account name). */
function roleRow(page: Page, roleName: string, accountName: string) {
  return page
    .locator('[role=row].row--role')
    .filter({ has: page.locator('.row__title', { hasText: new RegExp(`^${roleName}`) }) })
    .filter({ has: page.locator('.row__account', { hasText: new RegExp(`^${accountName}$`) }) });
}

let harness: RendererHarness;
let ic: IdentityCenter;
let dir: string;
let core: RolecallCore;
let browserContext: BrowserContext;
let cli: string;
const logs: LogRecord[] = [];

beforeAll(async () => {
  [harness, cli, ic] = await Promise.all([
    RendererHarness.start(),
    builtCli(),
    // Some latency per request, so the accounts arrive over a moment the window can show.
    startIdentityCenter({ organization: organisation, latencyMs: 15 }),
  ]);
  browserContext = await harness.browser.newContext();
}, 120_000);

afterAll(async () => {
  if (core) {
    for (const instance of await core.instances.list()) {
      await clearNamespace(core.secrets, instance.id);
      await deleteAllCachedCredentials(core.secrets, instance.id);
    }
    await core.close();
  }
  await browserContext?.close();
  await harness?.close();
  await ic?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('the window, end to end', () => {
  it('adds the sandbox, signs in with the device flow, finds a role, and hands it to the console, the shell and the AWS CLI', async () => {
    dir = await mkdtemp(join(tmpdir(), 'rolecall e2e '));
    const appDir = join(dir, 'app data');
    const configFile = join(dir, 'home', '.aws', 'config');
    await mkdir(join(dir, 'home', '.aws'), { recursive: true });
    const env: NodeJS.ProcessEnv = {
      PATH: process.env.PATH,
      HOME: join(dir, 'home'),
      ROLECALL_HOME: appDir,
      AWS_CONFIG_FILE: configFile,
      AWS_SHARED_CREDENTIALS_FILE: join(dir, 'home', '.aws', 'credentials'),
      ROLECALL_KEYCHAIN_SERVICE: `rolecall-e2e-${process.pid}-${Date.now().toString(36)}`,
      ...(process.env.DBUS_SESSION_BUS_ADDRESS ? { DBUS_SESSION_BUS_ADDRESS: process.env.DBUS_SESSION_BUS_ADDRESS } : {}),
      ...(process.env.XDG_RUNTIME_DIR ? { XDG_RUNTIME_DIR: process.env.XDG_RUNTIME_DIR } : {}),
      ...(process.env.XDG_DATA_HOME ? { XDG_DATA_HOME: process.env.XDG_DATA_HOME } : {}),
      AWS_EC2_METADATA_DISABLED: 'true',
    };

    // The user's browser: every URL the product's opener launches becomes a page here.
    const browserPages: Page[] = [];
    const launcher: ProcessLauncher = {
      async launch(_command, args) {
        const page = await browserContext.newPage();
        browserPages.push(page);
        await page.goto(args[args.length - 1]!);
      },
    };
    const logger = createLogger((record) => logs.push(record), { level: 'debug' });
    const late: { core?: RolecallCore } = {};
    const openUrl = createBrowserUrlOpener({ launcher, exists: fileExists, env, platform: 'linux', logger, browser: async () => (await late.core!.settings()).current().browser });
    core = late.core = createRolecallCore({ env, platform: 'linux', logger, openUrl, cliCommand: [process.execPath, cli] });
    const services = await createAppServices(core, { host: { launcher, exists: fileExists } });
    // The broker as the app runs it; the test only notes which roles it was asked for.
    const brokerAsked: string[] = [];
    const broker = await startAppBroker(core, {
      credentialsForCaller: (role, options) => {
        brokerAsked.push(roleKey(role));
        return services.credentialsForCaller(role, options);
      },
      onSessionGone: (listener) => services.onSessionGone(listener),
    });
    const clipboard: string[] = [];
    const app: RendererPage = await harness.open({ main: mainProcessFor(services, { writeText: (text) => clipboard.push(text) }) });
    const { page } = app;
    try {
      // 1. Add the sandbox instance: a first run opens on the form.
      await page.getByRole('heading', { name: 'Add your Identity Center' }).first().waitFor();
      await page.getByLabel('Start URL').fill(ic.startUrl);
      await page.getByLabel('Region').first().fill(ic.region);
      await page.getByLabel('Name (optional)').fill('Acme Sandbox');
      await page.getByText('Advanced').click();
      await page.getByLabel('Endpoint override').fill(ic.endpoint);
      await page.getByRole('button', { name: 'Add and sign in' }).click();

      // 2. Sign in: the code in the window is the one on the verification page; Allow there.
      const shownCode = (await page.locator('#user-code [aria-hidden="true"]').textContent({ timeout: 15_000 }))?.trim();
      expect(shownCode).toMatch(/^[A-Z0-9]{4}-[A-Z0-9]{4}$/);
      await expect.poll(() => browserPages.some((p) => p.url().includes('/device?user_code=')), { timeout: 15_000 }).toBe(true);
      const verification = browserPages.find((p) => p.url().includes('/device?user_code='))!;
      expect(await verification.getByTestId('user-code').textContent()).toBe(shownCode);
      await verification.getByTestId('allow').click();
      await verification.getByText('Request approved').waitFor();

      // 3. The accounts stream in: "N of 60 accounts", then the whole list.
      await page.getByRole('status', { name: 'Acme Sandbox sync' }).getByText(new RegExp(`^\\d+ of \\d+ accounts$`)).waitFor({ timeout: 20_000 });
      await seeText(page, `${ACCOUNTS * 3} roles in ${ACCOUNTS} accounts`);

      // 4. Search as you type.
      const search = page.getByRole('combobox', { name: 'Search accounts and roles' });
      await search.fill(`${target.accountName} ${targetRole}`);
      await expect.poll(() => listedRows(page).then((rows) => rows[0])).toBe(`${targetRole} · ${target.accountName}`);

      // 5. Favourite it: pinned in the window, kept in the app data folder.
      const row = roleRow(page, targetRole, target.accountName).first();
      await row.click();
      await row.getByRole('button', { name: `Favourite ${targetRole} in ${target.accountName}` }).click();
      const key = roleKey({ instanceId: 'acme-sandbox', accountId: target.accountId, roleName: targetRole });
      await expect.poll(async () => JSON.parse(await readFile(join(appDir, 'role-lists.json'), 'utf8').catch(() => '{}')).favourites).toEqual([key]);
      await search.fill('');
      await expect.poll(() => listedRows(page).then((rows) => rows.slice(0, 2))).toEqual(['# Favourites', `${targetRole} · ${target.accountName}`]);
      await search.fill(`${target.accountName} ${targetRole}`);
      await roleRow(page, targetRole, target.accountName).first().click();

      // 6. Open the console: the emulator's console page shows that account and role.
      const before = browserPages.length;
      await page.getByRole('button', { name: 'Open console' }).click();
      await expect.poll(() => browserPages.length, { timeout: 15_000 }).toBe(before + 1);
      const consolePage = browserPages[before]!;
      await consolePage.waitForURL(new RegExp(`^${ic.endpoint}/console/`));
      const consoleText = await consolePage.locator('body').innerText();
      expect(consoleText).toContain(target.accountId);
      expect(consoleText).toContain(targetRole);

      // 7. Copy env: the keys go to the clipboard, never to the page.
      await page.getByRole('button', { name: 'Copy env' }).click();
      await seeText(page, new RegExp(`^Copied environment variables for ${targetRole} in ${target.accountName}`));
      const snippet = clipboard[clipboard.length - 1]!;
      const secretKey = /^export AWS_SECRET_ACCESS_KEY='?([^'\n]+)'?$/m.exec(snippet)?.[1];
      expect(ic.issuedSecrets()).toContain(secretKey);
      expect(snippet).toMatch(/^export AWS_ACCESS_KEY_ID=/m);

      // 8. Write its profile: the bytes land in the temp config file.
      await page.getByRole('button', { name: 'Add to ~/.aws/config' }).click();
      const profile = `${target.accountName}/${targetRole}`;
      await seeText(page, `Added the profile “${profile}” to your AWS config file.`);
      const config = await readFile(configFile, 'utf8');
      expect(config).toContain(`[profile ${profile}]\ncredential_process = ${process.execPath} "${cli}" credential-process --profile ${profile}\n`);
      expect(config).toContain(`rolecall_account_id = ${target.accountId}\nrolecall_role_name = ${targetRole}\n`);

      // 9. The AWS CLI v2 signs a request with the profile (credential_process → rolecall → the app's broker).
      const { stdout } = await promisify(execFile)('/usr/bin/aws', ['sts', 'get-caller-identity', '--profile', profile, '--endpoint-url', ic.endpoint, '--region', ic.region, '--output', 'json'], {
        env,
        timeout: 60_000,
      });
      const identity = JSON.parse(stdout) as { Account: string; Arn: string };
      expect(identity.Account).toBe(target.accountId);
      expect(identity.Arn).toMatch(new RegExp(`^arn:aws:sts::${target.accountId}:assumed-role/AWSReservedSSO_${targetRole}_[0-9a-f]+/`));
      expect(brokerAsked).toEqual([key]);
      // Main opened the verification page through the product's browser opener; the window did not open it again.
      expect(browserPages.filter((p) => p.url().includes('/device')).length).toBe(1);

      // No secret ever reached the window: not its DOM, not what main sent it, not the log.
      const shown = JSON.stringify(app.traffic) + (await page.content()) + (await page.evaluate(() => document.body.innerText)) + JSON.stringify(logs);
      for (const secret of ic.issuedSecrets()) expect(shown).not.toContain(secret);
      expect(app.pageErrors).toEqual([]);
      expect(app.refusedRequests).toEqual([]);
    } finally {
      await app.close();
      await broker.close();
      await services.close();
    }
  }, 120_000);
});
