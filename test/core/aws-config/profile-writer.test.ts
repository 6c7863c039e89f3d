import type { ChildProcessByStdio } from 'node:child_process';
import { execFile, spawn } from 'node:child_process';
import { chmod, lstat, mkdtemp, readdir, readFile, readlink, stat, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import type { AccountWithRoles } from '../../../main/core/model';
import { parseConfig } from '../../../main/core/aws-config/config-document';
import { managedSections } from '../../../main/core/aws-config/managed-profile';
import type { ProfilePlanRequest } from '../../../main/core/aws-config/profile-plan';
import { previewProfiles, writeProfiles } from '../../../main/core/aws-config/profile-writer';
import { readWithBotocore } from './support/botocore-oracle';
import { corpusDir, malformedDir } from './support/config-fixtures';

const run = promisify(execFile);
const child = join(import.meta.dirname, 'support', 'profile-writer-child.ts');
const isRoot = process.getuid?.() === 0;

function account(accountId: string, roles: string[], instanceId = 'acme'): AccountWithRoles {
  return { instanceId, accountId, accountName: instanceId, emailAddress: '', roles };
}

function request(instanceId = 'acme', roles = ['Admin', 'ReadOnly'], accountId = '111111111111'): ProfilePlanRequest {
  return {
    catalogs: [{ instanceId, accounts: [account(accountId, roles, instanceId)] }],
    selection: { kind: 'all' },
    commandPrefix: ['/usr/local/bin/rolecall'],
    region: 'eu-west-1',
  };
}

async function tempConfig(content?: string): Promise<{ dir: string; path: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'rolecall-writer-'));
  const path = join(dir, 'config');
  if (content !== undefined) await writeFile(path, content);
  return { dir, path };
}

const userConfig = '# mine\r\n[default]\r\nregion = us-east-1\r\n\r\n[profile personal]\r\noutput = json\r\n';

function profileNames(text: string): string[] {
  return managedSections(parseConfig(text)).map((m) => m.name);
}

/** Starts the child writer and resolves each stdout line as it comes. */
function startWriter(args: string[]): { process: ChildProcessByStdio<Writable, Readable, null>; line: () => Promise<string>; exit: Promise<number | null> } {
  // `node --import tsx` runs the script in this very process, so killing it kills the writer.
  const proc = spawn(process.execPath, ['--import', 'tsx', child, ...args], { stdio: ['pipe', 'pipe', 'inherit'] });
  const queue: string[] = [];
  const waiting: Array<(line: string) => void> = [];
  let buffer = '';
  proc.stdout.setEncoding('utf8');
  proc.stdout.on('data', (chunk: string) => {
    buffer += chunk;
    for (let at = buffer.indexOf('\n'); at >= 0; at = buffer.indexOf('\n')) {
      const line = buffer.slice(0, at);
      buffer = buffer.slice(at + 1);
      const next = waiting.shift();
      if (next) next(line);
      else queue.push(line);
    }
  });
  const exit = new Promise<number | null>((resolve) => proc.on('exit', (code) => resolve(code)));
  return {
    process: proc,
    line: () => (queue.length > 0 ? Promise.resolve(queue.shift() as string) : new Promise((resolve) => waiting.push(resolve))),
    exit,
  };
}

function awsConfigureSet(configPath: string, args: string[]): Promise<unknown> {
  return run('/usr/bin/aws', ['configure', 'set', ...args], {
    env: { PATH: process.env.PATH, HOME: join(configPath, '..'), AWS_CONFIG_FILE: configPath, AWS_SHARED_CREDENTIALS_FILE: `${configPath}.credentials` },
  });
}

describe('writing profiles to the config file', () => {
  it('creates a missing file (and folder) readable by the owner only', async () => {
    const { dir } = await tempConfig();
    const path = join(dir, '.aws', 'config');
    const result = await writeProfiles(path, request());
    expect(result).toMatchObject({ written: true, backupPath: undefined });
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    expect(profileNames(await readFile(path, 'utf8'))).toEqual(['acme/Admin', 'acme/ReadOnly']);
    expect(await readdir(join(dir, '.aws'))).toEqual(['config']);
  });

  it('keeps the file\'s mode, saves the previous content as a private backup, and writes nothing when nothing changes', async () => {
    const { dir, path } = await tempConfig(userConfig);
    await chmod(path, 0o644);
    const result = await writeProfiles(path, request());
    expect(result.written).toBe(true);
    expect(result.backupPath).toBe(`${path}.rolecall-backup`);
    expect(await readFile(`${path}.rolecall-backup`, 'utf8')).toBe(userConfig);
    expect((await stat(`${path}.rolecall-backup`)).mode & 0o777).toBe(0o600);
    expect((await stat(path)).mode & 0o777).toBe(0o644);
    const written = await readFile(path, 'utf8');
    expect(written.startsWith(userConfig)).toBe(true);
    expect(written).not.toMatch(/[^\r]\n/);

    const before = await stat(path);
    const again = await writeProfiles(path, request());
    expect(again).toMatchObject({ written: false, backupPath: undefined });
    expect((await stat(path)).mtimeMs).toBe(before.mtimeMs);
    expect(await readFile(`${path}.rolecall-backup`, 'utf8')).toBe(userConfig);
    expect((await readdir(dir)).sort()).toEqual(['config', 'config.rolecall-backup']);
  });

  it('writes through a symbolic link, so a config kept in a dotfiles folder stays linked', async () => {
    const { dir, path } = await tempConfig(userConfig);
    const link = join(dir, 'linked-config');
    await symlink(path, link);
    await writeProfiles(link, request());
    expect((await lstat(link)).isSymbolicLink()).toBe(true);
    expect(await readlink(link)).toBe(path);
    expect(profileNames(await readFile(path, 'utf8'))).toEqual(['acme/Admin', 'acme/ReadOnly']);
  });

  it('previews a --dry-run without touching the file', async () => {
    const { dir, path } = await tempConfig(userConfig);
    const preview = await previewProfiles(path, request());
    expect(preview.diff()).toContain('+[profile acme/Admin]');
    expect(await readFile(path, 'utf8')).toBe(userConfig);
    expect(await readdir(dir)).toEqual(['config']);
  });

  it.each([
    ['no-delimiter.config', 4],
    ['duplicate-section.config', 7],
    ['sub-block-without-equals.config', 5],
    ['before-first-section.config', 2],
    ['not-utf8.config', 3],
    ['crlf-no-delimiter.config', 5],
  ])('leaves the malformed file %s alone and names line %i', async (name, line) => {
    const bytes = await readFile(join(malformedDir, name));
    const { dir, path } = await tempConfig();
    await writeFile(path, bytes);
    const failure = writeProfiles(path, request());
    await expect(failure).rejects.toMatchObject({ code: 'config-malformed', line, path, message: expect.stringContaining(`line ${line}`) });
    expect((await readFile(path)).equals(bytes)).toBe(true);
    expect(await readdir(dir)).toEqual(['config']);
  });

  it('every malformed corpus file is one botocore refuses too', async () => {
    const names = (await readdir(malformedDir)).filter((n) => n.endsWith('.config'));
    const readings = await readWithBotocore(names.map((n) => join(malformedDir, n)));
    expect(readings.every((r) => !r.ok)).toBe(true);
    expect(names.length).toBeGreaterThanOrEqual(8);
  });

  it('refuses a read-only config with a clear error and changes nothing', async () => {
    const { dir, path } = await tempConfig(userConfig);
    await chmod(path, 0o444);
    await expect(writeProfiles(path, request())).rejects.toMatchObject({
      code: 'config-not-writable',
      message: expect.stringContaining('read-only'),
      hint: expect.stringContaining('chmod'),
    });
    expect(await readFile(path, 'utf8')).toBe(userConfig);
    expect(await readdir(dir)).toEqual(['config']);
  });

  it('refuses a config in a folder it cannot write, with a clear error and nothing changed', async () => {
    const { dir, path } = await tempConfig(userConfig);
    // root ignores permission bits: a "folder" that is a file cannot be written by anyone.
    const target = isRoot ? join(path, 'config') : path;
    if (!isRoot) await chmod(dir, 0o500);
    try {
      await expect(writeProfiles(target, request())).rejects.toMatchObject({ code: 'config-not-writable' });
    } finally {
      await chmod(dir, 0o700);
    }
    expect(await readFile(path, 'utf8')).toBe(userConfig);
    expect(await readdir(dir)).toEqual(['config']);
  });

  it('starts again from the new content when another program writes the file just before the rename', async () => {
    const { path } = await tempConfig(userConfig);
    let attempts = 0;
    const result = await writeProfiles(path, request(), {
      hooks: {
        async beforeRename() {
          attempts += 1;
          // What `aws configure set` does: rewrite the file in place, without Rolecall's lock.
          if (attempts === 1) await writeFile(path, userConfig.replace('output = json', 'output = yaml'));
        },
      },
    });
    expect(attempts).toBe(2);
    const text = await readFile(path, 'utf8');
    expect(text).toContain('output = yaml');
    expect(profileNames(text)).toEqual(['acme/Admin', 'acme/ReadOnly']);
    expect(result.written).toBe(true);
    expect(await readFile(`${path}.rolecall-backup`, 'utf8')).toContain('output = yaml');
  });

  it('serialises writers in one process: both sets of profiles end up in the file', async () => {
    const { path } = await tempConfig(userConfig);
    await Promise.all([writeProfiles(path, request('acme')), writeProfiles(path, request('beta', ['Dev'], '222222222222'))]);
    expect(profileNames(await readFile(path, 'utf8')).sort()).toEqual(['acme/Admin', 'acme/ReadOnly', 'beta/Dev']);
  });

  it('leaves the old file when a writer is killed between writing and renaming, and the next writer goes on', async () => {
    const { dir, path } = await tempConfig(userConfig);
    const writer = startWriter([path, 'acme', '111111111111', 'Admin', '--pause']);
    const paused = await writer.line();
    expect(paused).toMatch(/^paused /);
    const tempPath = paused.slice('paused '.length);
    // The new content is complete on disk, only the rename is missing.
    expect(profileNames(await readFile(tempPath, 'utf8'))).toEqual(['acme/Admin']);
    writer.process.kill('SIGKILL');
    await writer.exit;
    expect(await readFile(path, 'utf8')).toBe(userConfig);

    // The dead writer's lock is taken over at once (its pid is gone).
    await writeProfiles(path, request('beta', ['Dev'], '222222222222'));
    const text = await readFile(path, 'utf8');
    expect(text.startsWith(userConfig)).toBe(true);
    expect(profileNames(text)).toEqual(['beta/Dev']);
    expect((await readdir(dir)).filter((n) => n.endsWith('.rolecall-lock'))).toEqual([]);
    // …and removes the temporary file the dead writer left.
    expect(await readdir(dir)).not.toContain(basename(tempPath));
  });

  it('keeps every change when two Rolecall processes and `aws configure set` write at once', async () => {
    const { path } = await tempConfig(userConfig.replaceAll('\r\n', '\n'));
    // Writer A stops just before its rename, holding the lock.
    const a = startWriter([path, 'acme', '111111111111', 'Admin,ReadOnly', '--pause']);
    expect(await a.line()).toMatch(/^paused /);
    // Meanwhile the AWS CLI rewrites the file in place (it knows nothing of Rolecall's lock)
    // and writer B queues for the lock.
    await awsConfigureSet(path, ['region', 'eu-west-3', '--profile', 'personal']);
    const b = startWriter([path, 'beta', '222222222222', 'Dev']);
    // A goes on: it must notice the AWS CLI's write and merge with it, not overwrite it; the
    // AWS CLI adds a new profile while B runs.
    a.process.stdin.write('go\n');
    const [aDone, bDone] = await Promise.all([a.line(), b.line(), awsConfigureSet(path, ['output', 'text', '--profile', 'fresh'])]);
    expect(aDone).toMatch(/^done /);
    expect(bDone).toMatch(/^done /);
    expect(await Promise.all([a.exit, b.exit])).toEqual([0, 0]);

    const text = await readFile(path, 'utf8');
    expect(profileNames(text).sort()).toEqual(['acme/Admin', 'acme/ReadOnly', 'beta/Dev']);
    const [reading] = await readWithBotocore([path]);
    expect(reading!.ok).toBe(true);
    if (!reading!.ok) return;
    expect(reading!.profiles.personal).toEqual({ output: 'json', region: 'eu-west-3' });
    expect(reading!.profiles.fresh).toEqual({ output: 'text' });
    expect(reading!.profiles['beta/Dev']?.rolecall_instance).toBe('beta');
    expect(reading!.profiles['acme/Admin']?.region).toBe('eu-west-1');
  });

  it('keeps every change when the writers and the AWS CLI all start at the same moment', async () => {
    const { path } = await tempConfig(await readFile(join(corpusDir, '27-consultant.config'), 'utf8'));
    const writers = [startWriter([path, 'acme', '111111111111', 'Admin,ReadOnly']), startWriter([path, 'beta', '222222222222', 'Dev'])];
    await Promise.all([
      ...writers.map((w) => w.exit),
      awsConfigureSet(path, ['region', 'eu-west-3', '--profile', 'client-a']),
      awsConfigureSet(path, ['output', 'text', '--profile', 'brand-new']),
    ]);
    const [reading] = await readWithBotocore([path]);
    expect(reading!.ok).toBe(true);
    if (!reading!.ok) return;
    expect(Object.keys(reading!.profiles)).toEqual(expect.arrayContaining(['acme/Admin', 'acme/ReadOnly', 'beta/Dev', 'brand-new', 'client-a-prod', 'china']));
    expect(reading!.profiles['client-a']?.region).toBe('eu-west-3');
    expect(reading!.profiles['brand-new']).toEqual({ output: 'text' });
  });
});
