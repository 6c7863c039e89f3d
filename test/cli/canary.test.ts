import { LogoutCommand, SSOClient } from '@aws-sdk/client-sso';
import { afterAll, describe, expect, it } from 'vitest';
import { readStoredSession } from '../../main/core/auth/token-record';
import { demoOrganization, startIdentityCenter, type IdentityCenter } from '../identity-center';
import { filesUnder } from '../core/auth/auth-harness';
import { leaksIn, type Place } from '../support/secret-leaks';
import { createSandbox, rolecall, type CliResult } from './support/cli-harness';
import { dropCachedCredentials, sandboxKeychain } from './support/keychain-edits';

// The CLI prints what scripts read. Only credential-process (and, when asked with --print, a
// console link) may print a secret: everything else, on stdout or stderr, and every file the
// CLI leaves behind, must hold none of the secrets Identity Center issued.

let ic: IdentityCenter;
afterAll(async () => ic?.close());

describe('canary: the CLI prints secrets only where asked', () => {
  it('login, sync, profiles, status, ls and failures say nothing secret; credential-process says exactly the keys', async () => {
    ic = await startIdentityCenter({ organization: demoOrganization({ accounts: 2, rolesPerAccount: 2 }) });
    const sandbox = await createSandbox();
    const places: Place[] = [];
    const run = async (args: string[], expected: number): Promise<CliResult> => {
      const result = await rolecall(sandbox, args);
      expect(result.code, `rolecall ${args.join(' ')}: ${result.stderr}`).toBe(expected);
      places.push({ where: `stderr of rolecall ${args.join(' ')}`, text: result.stderr });
      return result;
    };
    const quiet = async (args: string[], expected = 0): Promise<CliResult> => {
      const result = await run(args, expected);
      places.push({ where: `stdout of rolecall ${args.join(' ')}`, text: result.stdout });
      return result;
    };

    ic.autoApprove('allow');
    const login = await quiet(['login', '--start-url', ic.startUrl, '--region', ic.region, '--endpoint-url', ic.endpoint, '--name', 'acme', '--no-browser', '--json']);
    ic.autoApprove(false);
    expect(login.stdout).toContain('"event":"signed-in"');
    await quiet(['sync', '--json']);
    await quiet(['profiles', 'write', '--all', '--json']);
    const roles = JSON.parse((await quiet(['ls', '--json'])).stdout) as { profile: string }[];
    await quiet(['status', '--json']);
    await quiet(['instances', 'list', '--json']);

    // The one command whose output is the keys: they are there, and they are what was issued.
    const keys = JSON.parse((await run(['credential-process', '--profile', roles[0]!.profile], 0)).stdout) as { SecretAccessKey: string; SessionToken: string };
    expect(ic.issuedSecrets()).toEqual(expect.arrayContaining([keys.SecretAccessKey, keys.SessionToken]));
    // A console link asked for on stdout carries a sign-in token, and nothing more secret.
    const link = await run(['console', '--profile', roles[1]!.profile, '--print'], 0);
    expect(link.stdout).toMatch(/SigninToken=CANARY/);
    expect(link.stdout).not.toContain(keys.SecretAccessKey);

    // Failures: an unknown profile, and a session Identity Center ended (Logout).
    await quiet(['credential-process', '--profile', 'nope'], 6);
    const stored = await readStoredSession(sandboxKeychain(sandbox), 'acme');
    if (stored?.kind !== 'token') throw new Error('not signed in');
    const portal = new SSOClient({ region: ic.region, endpoint: ic.endpoint, maxAttempts: 1 });
    await portal.send(new LogoutCommand({ accessToken: stored.accessToken })).finally(() => portal.destroy());
    await dropCachedCredentials(sandbox, 'acme');
    await quiet(['credential-process', '--profile', roles[0]!.profile], 3);
    await quiet(['sync', '--json'], 3);
    await quiet(['console', '--profile', roles[2]!.profile, '--print', '--json'], 3);
    await quiet(['status', '--json']);

    for (const file of await filesUnder(sandbox.dir)) places.push({ where: file.path, text: file.content });
    expect(places.some((p) => p.where === sandbox.configFile)).toBe(true);
    expect(leaksIn(places, ic.issuedSecrets())).toEqual([]);
  });
});
