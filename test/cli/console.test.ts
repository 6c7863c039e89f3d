import { chmod, readFile, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { LogoutCommand, SSOClient } from '@aws-sdk/client-sso';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readStoredSession } from '../../main/core/auth/token-record';
import type { OrganizationSpec } from '../identity-center';
import { launchChromium } from '../e2e/harness/chromium';
import { waitFor } from '../core/browser/wait-for';
import { rolecall, type CliResult } from './support/cli-harness';
import { dropCachedCredentials, sandboxKeychain } from './support/keychain-edits';
import { signedInSandbox, signIn, type SignedIn } from './support/signed-in';

// Two accounts share a name, so naming an account by name can be ambiguous.
const organization: OrganizationSpec = {
  accounts: [
    { accountId: '111111111111', accountName: 'payments-prod', emailAddress: 'aws+payments@example.com', roles: [{ name: 'AdministratorAccess' }, { name: 'ReadOnlyAccess' }] },
    { accountId: '222222222222', accountName: 'data-lake-dev', emailAddress: 'aws+data@example.com', roles: [{ name: 'AdministratorAccess' }, { name: 'ReadOnlyAccess' }] },
    { accountId: '333333333333', accountName: 'shared', emailAddress: 'aws+shared1@example.com', roles: [{ name: 'ReadOnlyAccess' }] },
    { accountId: '444444444444', accountName: 'shared', emailAddress: 'aws+shared2@example.com', roles: [{ name: 'ReadOnlyAccess' }] },
  ],
};

let world: SignedIn;
let browser: Browser;
let page: Page | undefined;

beforeAll(async () => {
  [world, browser] = await Promise.all([signedInSandbox({ organization }), launchChromium()]);
});
afterAll(async () => {
  await browser?.close();
  await world?.ic.close();
});

const consoleCli = (args: string[], env?: NodeJS.ProcessEnv): Promise<CliResult> => rolecall(world.sandbox, ['console', ...args], env ? { env } : {});
const profileOf = (accountId: string, roleName: string) => world.roles.find((r) => r.accountId === accountId && r.roleName === roleName)!.profile;
/** What Identity Center handed out or started: role credentials, sign-in tokens, device sign-ins. */
const sensitiveCalls = () =>
  world.ic.requests().filter((r) => (r.operation === 'GetRoleCredentials' && r.status === 200) || r.operation === 'GetSigninToken' || r.operation === 'StartDeviceAuthorization').length;

/** Opens `url` in Chromium and reads what the emulator's console page shows. */
async function landOn(url: string): Promise<Record<string, string>> {
  page ??= await browser.newPage();
  const response = await page.goto(url, { waitUntil: 'domcontentloaded' });
  if (response?.status() !== 200) throw new Error(`the console page answered ${response?.status()}: ${await response?.text()}`);
  const shown: Record<string, string> = { path: new URL(page.url()).pathname };
  const fields = await page.$$eval('[data-testid]', (nodes) => nodes.map((n) => [n.getAttribute('data-testid') ?? '', n.textContent ?? ''] as const));
  for (const [id, text] of fields) if (id !== 'arn') shown[id] = text;
  return shown;
}

/** A refused command: its exit code and words, nothing on stdout, and nothing asked of Identity Center. */
async function expectRefused(args: string[], code: number, stderr: RegExp, env?: NodeJS.ProcessEnv): Promise<void> {
  const before = sensitiveCalls();
  const result = await consoleCli(args, env);
  expect(result.stderr).toMatch(stderr);
  expect(result.stderr).toMatch(/^rolecall: .+\n {2}\S.*\n$/);
  expect(result.code, result.stderr).toBe(code);
  expect(result.stdout).toBe('');
  expect(sensitiveCalls()).toBe(before);
}

describe('rolecall console', () => {
  it('prints a sign-in link that lands Chromium on the console home of the profile’s account and role', async () => {
    const profile = profileOf('111111111111', 'AdministratorAccess');
    const result = await consoleCli(['--profile', profile, '--print']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const lines = result.stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]!.startsWith(`${world.ic.endpoint}/federation?Action=login&Issuer=`)).toBe(true);

    expect(await landOn(lines[0]!)).toEqual({
      path: expect.stringMatching(/^\/console\/[\w-]+\/console\/home$/),
      'account-id': '111111111111',
      'account-name': 'payments-prod',
      'role-name': 'AdministratorAccess',
      region: 'us-east-1',
      destination: 'https://us-east-1.console.aws.amazon.com/console/home?region=us-east-1',
      issuer: world.ic.startUrl,
    });
    const federation = world.ic.requests().filter((r) => r.operation === 'GetSigninToken' || r.operation === 'FederationLogin');
    expect(federation.map((r) => [r.operation, r.status, r.accountId, r.roleName])).toEqual([
      ['GetSigninToken', 200, '111111111111', 'AdministratorAccess'],
      ['FederationLogin', 302, '111111111111', 'AdministratorAccess'],
    ]);
  });

  it('takes an account name and role, a region and a service path (--json)', async () => {
    const result = await consoleCli(['--account', 'data-lake-dev', '--role', 'readonlyaccess', '--region', 'eu-west-1', '--destination', 'ec2/home', '--print', '--json']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const answer = JSON.parse(result.stdout) as Record<string, unknown>;
    expect(answer).toEqual({
      instance: 'acme',
      accountId: '222222222222',
      accountName: 'data-lake-dev',
      roleName: 'ReadOnlyAccess',
      region: 'eu-west-1',
      opened: false,
      url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/federation\?Action=login&/),
    });
    expect(await landOn(answer.url as string)).toEqual({
      path: expect.stringMatching(/^\/console\/[\w-]+\/ec2\/home$/),
      'account-id': '222222222222',
      'account-name': 'data-lake-dev',
      'role-name': 'ReadOnlyAccess',
      region: 'eu-west-1',
      destination: 'https://eu-west-1.console.aws.amazon.com/ec2/home?region=eu-west-1',
      issuer: world.ic.startUrl,
    });
  });

  it('takes an account id, a region and a full console URL as the destination', async () => {
    const destination = 'https://eu-central-1.console.aws.amazon.com/lambda/home?region=eu-central-1#/functions';
    const result = await consoleCli(['--account', '444444444444', '--role', 'ReadOnlyAccess', '--region', 'eu-central-1', '--destination', destination, '--print']);
    expect(result.code, result.stderr).toBe(0);
    const shown = await landOn(result.stdout.trim());
    expect(shown).toMatchObject({ 'account-id': '444444444444', 'role-name': 'ReadOnlyAccess', region: 'eu-central-1', destination });
  });

  it('opens the link with the browser chosen in Settings, and prints no link', async () => {
    const recorder = join(world.sandbox.dir, 'fake browser');
    const received = join(world.sandbox.dir, 'browser-args.json');
    await writeFile(recorder, `#!${process.execPath}\nrequire('node:fs').writeFileSync(${JSON.stringify(received)}, JSON.stringify(process.argv.slice(2)));\n`);
    await chmod(recorder, 0o755);
    const settings = join(world.sandbox.appDir, 'settings.json');
    await writeFile(settings, JSON.stringify({ browser: { kind: 'browser', path: recorder } }));
    try {
      const result = await consoleCli(['--profile', profileOf('111111111111', 'ReadOnlyAccess'), '--destination', 'cloudwatch/home']);
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
      expect(result.stdout).toBe('Opened the AWS console as ReadOnlyAccess in payments-prod (us-east-1).\n');
      await waitFor(() => existsSync(received), 10_000, 'the browser being started');
      const args = JSON.parse(await readFile(received, 'utf8')) as string[];
      expect(args).toHaveLength(1);
      expect(await landOn(args[0]!)).toMatchObject({
        'account-id': '111111111111',
        'role-name': 'ReadOnlyAccess',
        destination: 'https://us-east-1.console.aws.amazon.com/cloudwatch/home?region=us-east-1',
      });
    } finally {
      await rm(settings, { force: true });
    }
  });

  describe('refuses, changing nothing', () => {
    it('an unknown region', async () => {
      await expectRefused(['--profile', profileOf('111111111111', 'AdministratorAccess'), '--region', 'mars-east-1', '--print'], 2, /"mars-east-1" is not an AWS region Rolecall knows/);
      await expectRefused(['--profile', profileOf('111111111111', 'AdministratorAccess'), '--region', 'us-east-1;id', '--print'], 2, /is not an AWS region Rolecall knows/);
    });

    it.each([
      ['javascript:alert(document.cookie)', /only https:\/\/ URLs are allowed, not javascript:/],
      ['https://evil.com/ec2/home', /evil\.com is not a console host/],
      ['//evil.com/ec2/home', /starts with \/\/, which would name another host/],
      ['https://console.aws.amazon.com.evil.com/', /is not a console host/],
      ['https://console.aws.amazon.com@evil.com/', /user name or password/],
      ['ec2/../../evil', /service path/],
    ])('the hostile destination %s', async (destination, reason) => {
      await expectRefused(['--profile', profileOf('111111111111', 'AdministratorAccess'), '--destination', destination, '--print'], 2, reason);
    });

    it('an account or role it does not know, or an account name two accounts share', async () => {
      await expectRefused(['--account', 'nope-prod', '--role', 'ReadOnlyAccess', '--print'], 6, /No account "nope-prod" is in the account lists/);
      await expectRefused(['--account', 'payments-prod', '--role', 'Billing', '--print'], 6, /You hold no role "Billing" in account payments-prod \(111111111111\)\.\n {2}Roles you hold there: AdministratorAccess, ReadOnlyAccess\./);
      await expectRefused(['--account', 'shared', '--role', 'ReadOnlyAccess', '--print'], 2, /"shared" names several accounts: shared \(333333333333\) in acme; shared \(444444444444\) in acme/);
      await expectRefused(['--account', '111111111111', '--role', 'ReadOnlyAccess', '--instance', 'other', '--print'], 6, /other/);
      await expectRefused(['--profile', 'no-such-profile', '--print'], 6, /There is no profile "no-such-profile"/);
      await expectRefused(['--profile', profileOf('111111111111', 'AdministratorAccess'), '--account', 'payments-prod', '--print'], 2, /Give --profile, or --account and --role, not both/);
      await expectRefused(['--account', 'payments-prod', '--print'], 2, /--account and --role go together/);
      await expectRefused(['--print'], 2, /Name the role: --profile NAME, or --account ACCOUNT --role ROLE/);
    });

    it('when no browser can be found', async () => {
      await expectRefused(['--profile', profileOf('111111111111', 'AdministratorAccess')], 1, /No default-browser opener \(xdg-open\) was found/, { PATH: '' });
    });

    it('a profile whose session was ended by Identity Center (Logout)', async () => {
      const stored = await readStoredSession(sandboxKeychain(world.sandbox), 'acme');
      if (stored?.kind !== 'token') throw new Error('the sandbox is not signed in');
      const portal = new SSOClient({ region: world.ic.region, endpoint: world.ic.endpoint, maxAttempts: 1 });
      await portal.send(new LogoutCommand({ accessToken: stored.accessToken })).finally(() => portal.destroy());
      await dropCachedCredentials(world.sandbox, 'acme');
      await expectRefused(['--profile', profileOf('111111111111', 'AdministratorAccess'), '--print'], 3, /^rolecall: Your Identity Center session for "acme" has ended\.\n {2}Run `rolecall login acme`/);
    });

    it('a profile whose session ran out (the clock moved past its end)', async () => {
      await signIn(world.ic, world.sandbox);
      await world.ic.advanceClock(9 * 3600);
      await dropCachedCredentials(world.sandbox, 'acme');
      await expectRefused(['--account', 'payments-prod', '--role', 'AdministratorAccess', '--print'], 3, /^rolecall: Your Identity Center session for "acme" has ended\./);
    });
  });
});
