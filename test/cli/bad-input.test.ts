import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../main/core/clock';
import { rolecall, type CliResult } from './support/cli-harness';
import { dropCachedCredentials } from './support/keychain-edits';
import { ok, signedInSandbox, type SignedIn } from './support/signed-in';
import { makeUnwritable } from './support/unwritable';

// Each mistake gets one clear message (and its hint) on stderr, a non-zero exit code that
// says what kind of problem it is, nothing on stdout, and no change to the config file.
let world: SignedIn;
let config: string;

beforeAll(async () => {
  world = await signedInSandbox();
  config = await readFile(world.sandbox.configFile, 'utf8');
});
afterAll(async () => world?.ic.close());

function expectRefused(result: CliResult, code: number, message: RegExp): void {
  expect(result.stdout).toBe('');
  expect(result.stderr).toMatch(/^rolecall: .+\n {2}\S.*\n$/);
  expect(result.stderr).toMatch(message);
  expect(result.stderr).not.toMatch(/\n\s+at /);
  expect(result.code).toBe(code);
}

async function managedProfileFor(instance: string, accountId: string, roleName: string): Promise<string> {
  const file = join(world.sandbox.dir, `config-${instance}-${roleName}`);
  await writeFile(file, `[profile hand]\ncredential_process = rolecall credential-process --profile hand\nrolecall_instance = ${instance}\nrolecall_account_id = ${accountId}\nrolecall_role_name = ${roleName}\n`);
  return file;
}

describe('bad input', () => {
  it('an unknown profile', async () => {
    const result = await rolecall(world.sandbox, ['credential-process', '--profile', 'no-such-profile']);
    expectRefused(result, 6, /There is no profile "no-such-profile" in .*config\.\n {2}Run `rolecall ls`/);
    expect(await readFile(world.sandbox.configFile, 'utf8')).toBe(config);
  });

  it('a profile Rolecall does not manage', async () => {
    const file = join(world.sandbox.dir, 'config-unmanaged');
    const text = '# mine\n[profile mine]\nregion = eu-west-1\ncredential_process = /opt/other-tool\n';
    await writeFile(file, text);
    const result = await rolecall(world.sandbox, ['credential-process', '--profile', 'mine'], { env: { AWS_CONFIG_FILE: file } });
    expectRefused(result, 6, /The profile "mine" in .* is not managed by Rolecall/);
    expect(await readFile(file, 'utf8')).toBe(text);
  });

  it('a Rolecall profile whose rolecall_* keys were edited into something unusable', async () => {
    const file = await managedProfileFor('acme', '123', '../../escape');
    const text = await readFile(file, 'utf8');
    const result = await rolecall(world.sandbox, ['credential-process', '--profile', 'hand'], { env: { AWS_CONFIG_FILE: file } });
    expectRefused(result, 5, /The Rolecall profile "hand" in .* lacks a valid rolecall_instance, rolecall_account_id and rolecall_role_name\.\n {2}Run `rolecall profiles write`/);
    expect(await readFile(file, 'utf8')).toBe(text);
    expect(await readdir(join(world.sandbox.appDir, 'locks'))).not.toContain('escape.lock');
  });

  it('a config file botocore cannot parse either', async () => {
    const file = join(world.sandbox.dir, 'config-malformed');
    const text = `${config}\n[profile broken]\nthis line is neither an option nor a section\n`;
    await writeFile(file, text);
    const result = await rolecall(world.sandbox, ['profiles', 'write', '--all'], { env: { AWS_CONFIG_FILE: file } });
    expectRefused(result, 5, /The AWS config file cannot be read \(.*config-malformed, line \d+\)/);
    expect(await readFile(file, 'utf8')).toBe(text);
  });

  it('a config file that cannot be written', async () => {
    const dir = join(world.sandbox.dir, 'read-only');
    await mkdir(dir);
    const file = join(dir, 'config');
    const text = '# Profiles are added below.\n[default]\nregion = eu-west-1\n';
    await writeFile(file, text);
    const undo = await makeUnwritable(file, dir);
    try {
      const result = await rolecall(world.sandbox, ['profiles', 'write', '--all'], { env: { AWS_CONFIG_FILE: file } });
      expectRefused(result, 5, /Rolecall cannot write the AWS config file .*read-only\/config/);
    } finally {
      await undo();
    }
    expect(await readFile(file, 'utf8')).toBe(text);
    expect(await readdir(dir)).toEqual(['config']);
  });

  it('the keychain is unavailable', async () => {
    const result = await rolecall(world.sandbox, ['credential-process', '--profile', world.roles[0]!.profile], {
      env: { DBUS_SESSION_BUS_ADDRESS: `unix:path=${join(world.sandbox.dir, 'no-bus')}` },
    });
    expectRefused(result, 4, /Rolecall cannot reach the keyring \(Secret Service\)/);
  });

  it('an instance that was added but never signed in', async () => {
    await ok(world.sandbox, ['instances', 'add', '--start-url', 'https://d-1111111111.awsapps.com/start', '--region', 'eu-west-1', '--name', 'beta', '--endpoint-url', world.ic.endpoint]);
    const before = world.ic.requests().length;
    const result = await rolecall(world.sandbox, ['credential-process', '--profile', 'hand'], { env: { AWS_CONFIG_FILE: await managedProfileFor('beta', '111122223333', 'Admin') } });
    expectRefused(result, 3, /You have not signed in to Identity Center instance "beta" yet\.\n {2}Run `rolecall login beta`/);
    expect(world.ic.requests().length).toBe(before);
  });

  it('a role that is no longer assigned', async () => {
    const account = world.roles[0]!.accountId;
    const result = await rolecall(world.sandbox, ['credential-process', '--profile', 'hand'], { env: { AWS_CONFIG_FILE: await managedProfileFor('acme', account, 'RetiredRole') } });
    expectRefused(result, 6, new RegExp(`The role "RetiredRole" in account ${account} is no longer assigned to you`));
  });

  it('Identity Center keeps throttling', async () => {
    await dropCachedCredentials(world.sandbox, 'acme');
    world.ic.setThrottle(0.001);
    try {
      // The first call takes the one request the emulator's bucket holds.
      await ok(world.sandbox, ['credential-process', '--profile', world.roles[0]!.profile]);
      const result = await rolecall(world.sandbox, ['credential-process', '--profile', world.roles[1]!.profile]);
      expectRefused(result, 7, /kept refusing GetRoleCredentials calls as too many/);
    } finally {
      world.ic.setThrottle(null);
    }
  });
});

describe('bad input against a moved clock or a stopped Identity Center', () => {
  let skewed: SignedIn;
  beforeAll(async () => {
    skewed = await signedInSandbox({ tokenLifetimes: { sessionSeconds: 48 * 3600 } });
  });
  afterAll(async () => skewed?.ic.close());

  it('a clock far behind the server: doctor and credential_process both say so', async () => {
    await skewed.ic.advanceClock(13 * 3600);
    const doctor = await rolecall(skewed.sandbox, ['doctor']);
    expect(doctor.code).toBe(8);
    expect(doctor.stdout).toMatch(/FAIL {2}clock acme: This computer's clock is 46[78]\d\d s behind the server's\.\n {6}Turn on automatic time/);
    await dropCachedCredentials(skewed.sandbox, 'acme');
    const result = await rolecall(skewed.sandbox, ['credential-process', '--profile', skewed.roles[0]!.profile]);
    expectRefused(result, 8, /This computer's clock is about \d+ minutes behind Identity Center's/);
  });

  it('a clock far ahead of the server: credentials that arrive expired are blamed on the clock, not on the portal', async () => {
    const ahead = await signedInSandbox({ clock: { ...systemClock, now: () => Date.now() - 3 * 3600_000 } });
    try {
      const doctor = await rolecall(ahead.sandbox, ['doctor']);
      expect(doctor.code).toBe(8);
      expect(doctor.stdout).toMatch(/FAIL {2}clock acme: This computer's clock is 10[78]\d\d s ahead of the server's\./);
      const fetches = ahead.ic.stats().operations.GetRoleCredentials;
      const result = await rolecall(ahead.sandbox, ['credential-process', '--profile', ahead.roles[0]!.profile]);
      // Issued for an hour by the emulator's clock, three hours behind: expired two hours ago,
      // plus the shortest session there is.
      expectRefused(result, 8, /This computer's clock is at least 1[78]\d minutes ahead of Identity Center's: the role credentials it just issued have already expired by this clock\.\n {2}Turn on automatic time/);
      expect(ahead.ic.stats().operations.GetRoleCredentials).toBe(fetches + 1);
    } finally {
      await ahead.ic.close();
    }
  });

  it('Identity Center cannot be reached', async () => {
    await dropCachedCredentials(skewed.sandbox, 'acme');
    await skewed.ic.close();
    const result = await rolecall(skewed.sandbox, ['credential-process', '--profile', skewed.roles[1]!.profile]);
    expectRefused(result, 7, /Rolecall could not reach the Identity Center portal of "acme" \(http:\/\/127\.0\.0\.1:\d+\)/);
  });
});
