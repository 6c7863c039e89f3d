import { existsSync } from 'node:fs';
import { chmod, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STATIC_CREDENTIAL_VARIABLES } from '../../main/core/shell/env-snippets';
import { waitFor } from '../core/browser/wait-for';
import { startXvfb, type Xvfb } from '../support/xvfb';
import { rolecall, type CliResult } from './support/cli-harness';
import { ok, signedInSandbox, type SignedIn } from './support/signed-in';

let world: SignedIn;
let xvfb: Xvfb;
/** `ls --json` once only the first account's roles have profiles. */
let roles: { accountId: string; accountName: string; roleName: string; profile: string | null }[];

beforeAll(async () => {
  [world, xvfb] = await Promise.all([signedInSandbox({}, false), startXvfb()]);
  const first = world.roles[0]!.accountName;
  await ok(world.sandbox, ['profiles', 'write', first, '--region', 'eu-west-2']);
  roles = JSON.parse(await ok(world.sandbox, ['ls', '--json'])) as typeof roles;
});
afterAll(async () => {
  await xvfb?.stop();
  await world?.ic.close();
});

const terminalCli = (args: string[], env: NodeJS.ProcessEnv = {}): Promise<CliResult> => rolecall(world.sandbox, ['terminal', ...args], { env: { SHELL: '/bin/bash', ...env } });
const withProfile = () => roles.find((r) => r.profile !== null)!;
const withoutProfile = () => roles.find((r) => r.profile === null)!;

describe('rolecall terminal', () => {
  it('--print --json shows the program, argv and environment it would run, and starts nothing', async () => {
    const role = withProfile();
    const result = await terminalCli(['--profile', role.profile!, '--terminal', 'xterm', '--print', '--json']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({
      terminal: 'xterm',
      profile: role.profile,
      title: `${role.accountName} / ${role.roleName}`,
      command: '/usr/bin/xterm',
      args: ['-T', `${role.accountName} / ${role.roleName}`, '-e', '/bin/bash'],
      setEnv: { AWS_PROFILE: role.profile, AWS_REGION: 'eu-west-2', AWS_DEFAULT_REGION: 'eu-west-2' },
      unsetEnv: [...STATIC_CREDENTIAL_VARIABLES],
    });
  });

  it('--print takes an account id and role, finds the role’s profile, and quotes the command line', async () => {
    const role = withProfile();
    const result = await terminalCli(['--account', role.accountId, '--role', role.roleName, '--region', 'ap-southeast-2', '--terminal', 'xterm', '--print']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(
      [
        'Terminal: xterm',
        `Set: AWS_PROFILE=${role.profile}`,
        'Set: AWS_REGION=ap-southeast-2',
        'Set: AWS_DEFAULT_REGION=ap-southeast-2',
        `Unset: ${STATIC_CREDENTIAL_VARIABLES.join(' ')}`,
        `Command: /usr/bin/xterm -T '${role.accountName} / ${role.roleName}' -e /bin/bash`,
        '',
      ].join('\n'),
    );
  });

  it('refuses a role without a Rolecall profile, an unknown terminal, and a PATH with no terminal', async () => {
    const bare = withoutProfile();
    const noProfile = await terminalCli(['--account', bare.accountName, '--role', bare.roleName, '--print']);
    expect(noProfile.code).toBe(6);
    expect(noProfile.stdout).toBe('');
    expect(noProfile.stderr).toBe(
      `rolecall: The role ${bare.roleName} in account ${bare.accountId} has no Rolecall profile in ${world.sandbox.configFile}.\n` +
        `  Write one with \`rolecall profiles write "${bare.accountId} ${bare.roleName}" --instance acme\`, then try again.\n`,
    );

    const unknown = await terminalCli(['--profile', withProfile().profile!, '--terminal', 'hyperterm']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/^rolecall: "hyperterm" is not a terminal Rolecall can open here\.\n {2}Choose one of: auto, x-terminal-emulator, gnome-terminal, /);

    for (const args of [['--print'], []]) {
      const none = await terminalCli(['--profile', withProfile().profile!, ...args], { PATH: '' });
      expect(none.code).toBe(1);
      expect(none.stdout).toBe('');
      expect(none.stderr).toMatch(/^rolecall: No terminal Rolecall can open was found \(looked for .*xterm\)\.\n {2}Install a terminal/);
    }
  });

  it('opens a real xterm under Xvfb whose shell has AWS_PROFILE and AWS_REGION, no leftover keys, and the account and role as title', async () => {
    const role = withProfile();
    const title = `${role.accountName} / ${role.roleName}`;
    const envFile = join(world.sandbox.dir, 'shell env');
    const release = join(world.sandbox.dir, 'release');
    // Stands in for the user's shell: records its environment, then waits until the test has seen the window.
    const shell = join(world.sandbox.dir, 'login shell.sh');
    await writeFile(shell, '#!/bin/sh\nenv > "$ENV_FILE.tmp" && mv "$ENV_FILE.tmp" "$ENV_FILE"\nwhile [ ! -e "$RELEASE" ]; do sleep 0.05; done\n');
    await chmod(shell, 0o755);
    try {
      const result = await terminalCli(['--profile', role.profile!, '--terminal', 'xterm'], {
        SHELL: shell,
        DISPLAY: xvfb.display,
        ENV_FILE: envFile,
        RELEASE: release,
        AWS_ACCESS_KEY_ID: 'ASIALEFTOVER',
        AWS_SESSION_TOKEN: 'left-over',
        AWS_PROFILE: 'old',
      });
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
      expect(result.stdout).toBe(`Opened xterm as ${title} (AWS_PROFILE=${role.profile}).\n`);

      await waitFor(() => existsSync(envFile), 15_000, 'the shell writing its environment');
      const env = new Map(
        (await readFile(envFile, 'utf8'))
          .split('\n')
          .filter((line) => line.includes('='))
          .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)] as const),
      );
      expect(env.get('AWS_PROFILE')).toBe(role.profile);
      expect(env.get('AWS_REGION')).toBe('eu-west-2');
      expect(env.has('AWS_ACCESS_KEY_ID')).toBe(false);
      expect(env.has('AWS_SESSION_TOKEN')).toBe(false);
      // The shell can run the profile's credential_process: same app data folder and keychain.
      expect(env.get('ROLECALL_HOME')).toBe(world.sandbox.appDir);
      await waitFor(() => xvfb.windowTitles().includes(title), 10_000, 'the window title');
    } finally {
      await writeFile(release, '');
    }
    await waitFor(() => !xvfb.windowTitles().includes(title), 10_000, 'the window closing');
  });
});
