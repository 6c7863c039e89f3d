import { readFile, writeFile } from 'node:fs/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RoleRef } from '../../../main/core/model';
import { roleKey } from '../../../main/ipc/contract';
import { driveClock } from '../auth/auth-harness';
import { CLI_COMMAND, everythingShown, startAppHarness, writeHandWrittenConfig, type AppHarness } from './support/app-harness';

let h: AppHarness;
let role: RoleRef;
let other: RoleRef;
let accountName: string;

beforeEach(async () => {
  h = await startAppHarness();
  const instance = await h.addSandbox();
  h.ic.autoApprove('allow');
  await driveClock(h.clock, h.services.sessions.signIn(instance.id));
  const state = await h.stateWhere((s) => s.catalogs.length === 1 && s.instances[0]?.sync === null, 'synced');
  const [first, second] = state.catalogs[0]!.accounts;
  accountName = first!.accountName;
  role = { instanceId: instance.id, accountId: first!.accountId, roleName: first!.roles[0]! };
  other = { instanceId: instance.id, accountId: second!.accountId, roleName: second!.roles[1]! };
  h.launches.length = 0;
});

afterEach(async () => {
  await h.close();
});

const requests = (operation: string) => h.ic.requests().filter((r) => r.operation === operation);

describe('acting as a role', () => {
  it('opens the console as the role on the emulator, through the browser opener', async () => {
    let landed = '';
    h.browser.open = async (url) => {
      const page = await fetch(url);
      landed = await page.text();
    };
    await h.services.roles.openConsole(role, { destination: 'ec2/home' });
    expect(h.launches).toHaveLength(1);
    expect(h.launches[0]?.command).toBe('/usr/bin/xdg-open');
    expect(h.launches[0]?.args[0]).toMatch(new RegExp(`^${h.ic.endpoint}/federation\\?Action=login&`));
    expect(landed).toContain(role.roleName);
    expect(landed).toContain(role.accountId);
    expect(requests('GetSigninToken').map((r) => r.status)).toEqual([200]);
    const state = await h.stateWhere((s) => s.recents[0] === roleKey(role), 'the console role in the recents');
    expect(state.recents).toEqual([roleKey(role)]);
  });

  it('refuses a hostile destination before fetching any credential', async () => {
    await expect(h.services.roles.openConsole(role, { destination: 'https://evil.example/console' })).rejects.toMatchObject({ code: 'invalid-destination' });
    await expect(h.services.roles.openConsole(role, { region: 'mars-1' })).rejects.toMatchObject({ code: 'unknown-region' });
    expect(requests('GetRoleCredentials')).toEqual([]);
    expect(h.launches).toEqual([]);
  });

  it('makes environment lines with the issued keys, never shown anywhere else', async () => {
    await h.services.settings.update({ defaultRegion: 'eu-west-2' });
    const snippet = await h.services.roles.environmentSnippet(role, 'bash');
    const issued = h.ic.issuedSecrets();
    const key = /^export AWS_SECRET_ACCESS_KEY=(.+)$/m.exec(snippet)?.[1]?.replace(/^'|'$/g, '');
    expect(issued).toContain(key);
    expect(snippet).toMatch(/^export AWS_REGION='eu-west-2'$/m);
    expect(snippet).toMatch(/^unset AWS_PROFILE$/m);
    await h.stateWhere((s) => s.recents[0] === roleKey(role), 'the role in the recents');
    await h.services.roles.environmentSnippet(other, 'fish');
    const state = await h.stateWhere((s) => s.recents[0] === roleKey(other), 'the other role first');
    expect(state.recents).toEqual([roleKey(other), roleKey(role)]);
    for (const secret of issued) expect(everythingShown(h)).not.toContain(secret);
  });

  it('opens a terminal with the role profile, adding the profile first when it has none', async () => {
    await h.services.settings.update({ terminal: 'xterm' });
    await h.services.roles.openTerminal(role);
    expect(h.launches).toHaveLength(1);
    const launch = h.launches[0]!;
    expect(launch.command).toBe('/usr/bin/xterm');
    expect(launch.args).toContain(`${accountName} / ${role.roleName}`);
    expect(launch.options?.env?.AWS_PROFILE).toBe(`${accountName}/${role.roleName}`);
    expect(await readFile(h.configFile, 'utf8')).toContain(`[profile ${accountName}/${role.roleName}]`);
    const state = await h.stateWhere((s) => s.recents[0] === roleKey(role) && s.profiles[roleKey(role)] !== undefined, 'profile and recents');
    expect(state.profiles[roleKey(role)]).toBe(`${accountName}/${role.roleName}`);
  });

  it('says which terminal is missing before writing any profile', async () => {
    await h.services.settings.update({ terminal: 'kitty' });
    await expect(h.services.roles.openTerminal(role)).rejects.toMatchObject({ code: 'terminal-not-found' });
    await expect(readFile(h.configFile, 'utf8')).rejects.toMatchObject({ code: 'ENOENT' });
    expect(h.launches).toEqual([]);
  });

  it('pins favourites and keeps them, with the recents, across a restart', async () => {
    await h.services.favourites.setFavourite(role, true);
    await h.services.favourites.setFavourite(other, true);
    await h.services.favourites.setFavourite(role, false);
    await h.services.roles.environmentSnippet(role, 'zsh');
    const state = await h.stateWhere((s) => s.favourites.length === 1 && s.recents.length === 1, 'one favourite, one recent');
    expect(state.favourites).toEqual([roleKey(other)]);
    const file = JSON.parse(await readFile(`${h.appDir}/role-lists.json`, 'utf8'));
    expect(file).toEqual({ version: 1, favourites: [roleKey(other)], recents: [roleKey(role)] });

    await h.restart({ background: false });
    const after = await h.services.state.snapshot();
    expect(after.favourites).toEqual([roleKey(other)]);
    expect(after.recents).toEqual([roleKey(role)]);
  });

  it('refuses to pin a role of an instance that does not exist', async () => {
    await expect(h.services.favourites.setFavourite({ ...role, instanceId: 'nowhere' }, true)).rejects.toMatchObject({ code: 'instance-not-found' });
  });
});

describe("a role's profile in the AWS config file", () => {
  it('writes the profile with the settings template and region, shows its name, and removes it byte for byte', async () => {
    const original = await writeHandWrittenConfig(h.configFile);
    await h.services.settings.update({ profileNameTemplate: '{instance}-{accountName}-{roleName}', defaultRegion: 'eu-central-1' });
    await expect(h.services.profiles.profileName(role)).rejects.toMatchObject({ code: 'profile-not-found' });

    const { profile } = await h.services.profiles.write(role);
    expect(profile).toBe(`acme-${accountName}-${role.roleName}`);
    const written = await readFile(h.configFile, 'utf8');
    expect(written.startsWith(original)).toBe(true);
    expect(written.slice(original.length)).toBe(
      [
        '',
        `[profile ${profile}]`,
        `credential_process = ${CLI_COMMAND.join(' ')} credential-process --profile ${profile}`,
        'region = eu-central-1',
        'rolecall_instance = acme',
        `rolecall_account_id = ${role.accountId}`,
        `rolecall_role_name = ${role.roleName}`,
        'rolecall_name_template = {instance}-{accountName}-{roleName}',
        '',
      ].join('\n'),
    );
    expect(await h.services.profiles.profileName(role)).toBe(profile);
    await h.stateWhere((s) => s.profiles[roleKey(role)] === profile, 'the profile name in the state');

    await h.services.profiles.remove(role);
    expect(await readFile(h.configFile, 'utf8')).toBe(original);
    await h.stateWhere((s) => Object.keys(s.profiles).length === 0, 'no profile in the state');
    // Removing again changes nothing and is not an error.
    await h.services.profiles.remove(role);
    expect(await readFile(h.configFile, 'utf8')).toBe(original);
  });

  it('sees profiles written outside the app the next time the state is read', async () => {
    await h.services.profiles.write(role);
    const text = await readFile(h.configFile, 'utf8');
    await writeFile(h.configFile, text.replace(`[profile ${accountName}/${role.roleName}]`, '[profile renamed-by-hand]'));
    expect((await h.services.state.snapshot()).profiles).toEqual({ [roleKey(role)]: 'renamed-by-hand' });
  });

  it('refuses a role that is not in the account list, changing nothing', async () => {
    await expect(h.services.profiles.write({ ...role, roleName: 'NotAssigned' })).rejects.toMatchObject({ code: 'role-not-assigned' });
    await expect(readFile(h.configFile, 'utf8')).rejects.toMatchObject({ code: 'ENOENT' });
  });
});

describe('links', () => {
  it('opens pages of the sandbox instance and AWS, and refuses anything else', async () => {
    await h.services.links.openExternal(`${h.ic.endpoint}/device?user_code=ABCD-EFGH`);
    await h.services.links.openExternal('https://console.aws.amazon.com/console/home');
    expect(h.launches.map((l) => l.args[0])).toEqual([`${h.ic.endpoint}/device?user_code=ABCD-EFGH`, 'https://console.aws.amazon.com/console/home']);
    for (const refused of ['https://evil.example/', 'http://127.0.0.1:1/elsewhere', 'https://console.aws.amazon.com.evil.example/', 'javascript:alert(1)']) {
      await expect(h.services.links.openExternal(refused)).rejects.toMatchObject({ code: 'url-not-allowed' });
    }
    expect(h.launches).toHaveLength(2);
  });
});

describe('renaming an instance', () => {
  it('shows the new name, and refuses an empty one', async () => {
    await h.services.instances.rename(role.instanceId, 'Acme Production');
    await h.stateWhere((s) => s.instances[0]?.name === 'Acme Production', 'the new name');
    await expect(h.services.instances.rename(role.instanceId, '   ')).rejects.toMatchObject({ code: 'invalid-input' });
    await expect(h.services.instances.rename('nowhere', 'X')).rejects.toMatchObject({ code: 'instance-not-found' });
    expect((await h.services.state.snapshot()).instances.map((i) => [i.id, i.name])).toEqual([['acme', 'Acme Production']]);
  });
});

describe('removing an instance', () => {
  it('takes its sign-in, cached keys, account list, favourites and recents along', async () => {
    await h.services.favourites.setFavourite(role, true);
    await h.services.roles.environmentSnippet(role, 'bash');
    expect(await h.secrets.keys(`${role.instanceId}/roles`)).not.toEqual([]);

    await h.services.instances.remove(role.instanceId);
    const state = await h.stateWhere((s) => s.instances.length === 0, 'no instance');
    expect(state).toMatchObject({ catalogs: [], favourites: [], recents: [] });
    expect(await h.secrets.keys(role.instanceId)).toEqual([]);
    expect(await h.secrets.keys(`${role.instanceId}/roles`)).toEqual([]);
  });
});
