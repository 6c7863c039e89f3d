import { copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtCli, rolecall } from './support/cli-harness';
import { ok, signedInSandbox, type SignedIn } from './support/signed-in';

// `profiles write`, `ls` and `doctor` over a config file the user also edits by hand.
let world: SignedIn;
const handWritten = '# my settings\n[default]\nregion = eu-west-1\n\n[profile mine]\n; keep me\nregion = us-west-2\n';

beforeAll(async () => {
  world = await signedInSandbox({}, false);
  await writeFile(world.sandbox.configFile, handWritten);
});
afterAll(async () => world?.ic.close());

describe('rolecall profiles write', () => {
  it('--dry-run shows the diff and writes nothing', async () => {
    const out = await ok(world.sandbox, ['profiles', 'write', 'identity', '--dry-run']);
    expect(out).toMatch(/^--- .*config\n\+\+\+ .*config\n/);
    expect(out).toContain('+[profile identity-prod/AdministratorAccess]\n');
    expect(out).not.toContain('payments-prod');
    expect(out).toMatch(/2 added, 0 updated, 0 unchanged, 0 pruned \(dry run: nothing written\)\n$/);
    expect(await readFile(world.sandbox.configFile, 'utf8')).toBe(handWritten);
  });

  it('writes the selected roles after what the user wrote, which stays byte for byte', async () => {
    const out = JSON.parse(await ok(world.sandbox, ['profiles', 'write', 'identity', '--region', 'eu-central-1', '--json'])) as { written: boolean; changes: { kind: string; profile: string }[] };
    expect(out.written).toBe(true);
    expect(out.changes.map((c) => `${c.kind} ${c.profile}`)).toEqual(['add identity-prod/AdministratorAccess', 'add identity-prod/ReadOnlyAccess']);
    const text = await readFile(world.sandbox.configFile, 'utf8');
    expect(text.startsWith(handWritten)).toBe(true);
    expect(text).toContain('region = eu-central-1\n');
    const ls = JSON.parse(await ok(world.sandbox, ['ls', '--json', 'identity', 'admin'])) as unknown[];
    expect(ls).toEqual([{ instance: 'acme', accountId: expect.stringMatching(/^\d{12}$/), accountName: 'identity-prod', roleName: 'AdministratorAccess', profile: 'identity-prod/AdministratorAccess' }]);
  });

  it('--all adds the rest and leaves the written ones unchanged; running it again changes nothing', async () => {
    const first = await ok(world.sandbox, ['profiles', 'write', '--all']);
    expect(first).toMatch(/^2 added, 0 updated, 2 unchanged, 0 pruned in /);
    const text = await readFile(world.sandbox.configFile, 'utf8');
    expect(await ok(world.sandbox, ['profiles', 'write', '--all'])).toMatch(/^0 added, 0 updated, 4 unchanged, 0 pruned in /);
    expect(await readFile(world.sandbox.configFile, 'utf8')).toBe(text);
  });

  it('--prune removes profiles whose role is gone from the account list', async () => {
    const catalogFile = join(world.sandbox.appDir, 'catalogs', 'acme.json');
    const catalog = JSON.parse(await readFile(catalogFile, 'utf8')) as { accounts: { accountName: string; roles: string[] }[] };
    for (const account of catalog.accounts) if (account.accountName === 'payments-prod') account.roles = ['AdministratorAccess'];
    await writeFile(catalogFile, JSON.stringify(catalog));
    const out = JSON.parse(await ok(world.sandbox, ['profiles', 'write', '--prune', '--json'])) as { changes: { kind: string; profile: string }[] };
    expect(out.changes).toEqual([expect.objectContaining({ kind: 'prune', profile: 'payments-prod/ReadOnlyAccess' })]);
    const text = await readFile(world.sandbox.configFile, 'utf8');
    expect(text).not.toContain('payments-prod/ReadOnlyAccess');
    expect(text.startsWith(handWritten)).toBe(true);
  });

  it('needs --all or a filter', async () => {
    const result = await rolecall(world.sandbox, ['profiles', 'write']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/Choose the roles: --all, or a FILTER/);
  });
});

describe('rolecall doctor', () => {
  it('passes every check on a healthy set-up', async () => {
    const checks = JSON.parse(await ok(world.sandbox, ['doctor', '--json'])) as { check: string; status: string }[];
    expect(checks.map((c) => `${c.check}: ${c.status}`)).toEqual(['keychain: ok', 'config: ok', 'profiles: ok', 'endpoint acme Identity Center (sandbox): ok', 'clock acme: ok']);
  });

  it('finds profiles that run a Rolecall which is no longer there', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'rolecall moved '));
    const moved = join(dir, 'rolecall.js');
    await copyFile(await builtCli(), moved);
    await ok(world.sandbox, ['profiles', 'write', 'identity'], { ROLECALL_CLI_COMMAND: JSON.stringify([process.execPath, moved]) });
    await rm(dir, { recursive: true });
    const result = await rolecall(world.sandbox, ['doctor']);
    expect(result.code).toBe(5);
    expect(result.stdout).toMatch(/FAIL {2}profiles: 2 Rolecall profile\(s\) run a program that is not there any more: identity-prod\/AdministratorAccess, identity-prod\/ReadOnlyAccess\.\n {6}Run `rolecall profiles write --all`/);
    await ok(world.sandbox, ['profiles', 'write', '--all']);
    expect((await rolecall(world.sandbox, ['doctor'])).code).toBe(0);
  });
});
