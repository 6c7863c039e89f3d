import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rolecall, type CliResult } from './support/cli-harness';
import { dropCachedCredentials, endSessionOnServer, expireAccessToken } from './support/keychain-edits';
import { signedInSandbox, type SignedIn } from './support/signed-in';

// Terraform and parallel scripts start many credential_process calls at once. However many
// there are, Identity Center sees one GetRoleCredentials per role, one refresh per session,
// and, once the session is over, no sign-in at all without a display.
let world: SignedIn;

beforeAll(async () => {
  world = await signedInSandbox();
});
afterAll(async () => world?.ic.close());

function callers(count: number, profile: string, env: NodeJS.ProcessEnv = {}): Promise<CliResult[]> {
  return Promise.all(Array.from({ length: count }, () => rolecall(world.sandbox, ['credential-process', '--profile', profile], { env })));
}

const refreshes = () => world.ic.requests().filter((r) => r.operation === 'CreateToken' && r.grantType === 'refresh_token').length;

describe('concurrent credential_process callers', () => {
  it('100 callers with a cold cache all get the same credentials from one GetRoleCredentials', async () => {
    const role = world.roles[0]!;
    const before = world.ic.stats().operations.GetRoleCredentials;
    const results = await callers(100, role.profile);
    expect(results.map((r) => r.code)).toEqual(Array(100).fill(0));
    const keys = new Set(results.map((r) => (JSON.parse(r.stdout) as { AccessKeyId: string }).AccessKeyId));
    expect(keys.size).toBe(1);
    expect(world.ic.stats().operations.GetRoleCredentials - before).toBe(1);
  }, 120_000);

  it('20 callers after the access token expired share exactly one refresh', async () => {
    const role = world.roles[1]!;
    await dropCachedCredentials(world.sandbox, 'acme');
    await expireAccessToken(world.sandbox, 'acme');
    const refreshesBefore = refreshes();
    const fetchesBefore = world.ic.stats().operations.GetRoleCredentials;
    const results = await callers(20, role.profile);
    expect(results.map((r) => r.code)).toEqual(Array(20).fill(0));
    expect(refreshes() - refreshesBefore).toBe(1);
    expect(world.ic.stats().operations.GetRoleCredentials - fetchesBefore).toBe(1);
  }, 60_000);

  it('20 callers after the session ended, with no display, fail fast with one message and start no sign-in', async () => {
    const role = world.roles[2]!;
    const devicesBefore = world.ic.stats().operations.StartDeviceAuthorization;
    await dropCachedCredentials(world.sandbox, 'acme');
    await endSessionOnServer(world.sandbox, 'acme', world.ic.endpoint, world.ic.region);
    const results = await callers(20, role.profile);
    expect(results.map((r) => r.code)).toEqual(Array(20).fill(3));
    expect(new Set(results.map((r) => r.stderr)).size).toBe(1);
    expect(results[0]!.stderr).toBe('rolecall: Your Identity Center session for "acme" has ended.\n  Run `rolecall login acme` (or sign in from the Rolecall window).\n');
    expect(results.every((r) => r.stdout === '')).toBe(true);
    expect(world.ic.stats().operations.StartDeviceAuthorization - devicesBefore).toBe(0);
    // The first caller learnt it from Identity Center; the others from what it stored.
    expect(world.ic.requests().filter((r) => r.operation === 'CreateToken' && r.grantType === 'refresh_token' && r.status !== 200)).toHaveLength(1);
  }, 60_000);

  it('20 callers after the session ended, with a display, open one browser tab and all wait for that one sign-in', async () => {
    const role = world.roles[3]!;
    // A stand-in for the desktop's URL opener that notes each page it is asked to open.
    const bin = join(world.sandbox.dir, 'bin');
    const opened = join(world.sandbox.dir, 'opened.log');
    await mkdir(bin, { recursive: true });
    await writeFile(join(bin, 'xdg-open'), `#!/bin/sh\nprintf '%s\\n' "$1" >> '${opened}'\n`);
    await chmod(join(bin, 'xdg-open'), 0o755);
    const devicesBefore = world.ic.stats().operations.StartDeviceAuthorization;
    world.ic.autoApprove('allow');
    try {
      const results = await callers(20, role.profile, { DISPLAY: ':99', ROLECALL_NO_BROWSER: '', PATH: `${bin}:${process.env.PATH}` });
      expect(results.map((r) => r.code)).toEqual(Array(20).fill(0));
      expect(new Set(results.map((r) => (JSON.parse(r.stdout) as { AccessKeyId: string }).AccessKeyId)).size).toBe(1);
    } finally {
      world.ic.autoApprove(false);
    }
    expect(world.ic.stats().operations.StartDeviceAuthorization - devicesBefore).toBe(1);
    const pages = (await readFile(opened, 'utf8')).trim().split('\n');
    expect(pages).toEqual([expect.stringMatching(new RegExp(`^${world.ic.endpoint}/device\\?user_code=`))]);
  }, 60_000);
});
