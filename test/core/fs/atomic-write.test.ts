import { spawnSync } from 'node:child_process';
import { chmod, mkdtemp, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { removeStaleTempFiles, writeFileAtomic } from '../../../main/core/fs/atomic-write';

describe('writeFileAtomic', () => {
  it('replaces the content, keeps the existing mode and leaves no temporary file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'rolecall-atomic-'));
    const path = join(dir, 'config');
    await writeFile(path, 'old');
    await chmod(path, 0o640);
    await writeFileAtomic(path, 'new content');
    expect(await readFile(path, 'utf8')).toBe('new content');
    expect((await stat(path)).mode & 0o777).toBe(0o640);
    expect(await readdir(dir)).toEqual(['config']);
  });

  it('creates new files readable by the owner only', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'rolecall-atomic-'));
    const path = join(dir, 'nested', 'state.json');
    await writeFileAtomic(path, '{}');
    expect((await stat(path)).mode & 0o777).toBe(0o600);
  });

  it('fails with a clear code when the folder is not writable, leaving the old file', async () => {
    if (process.getuid?.() === 0) {
      // root ignores permission bits; use a path under a file instead, which no user can write.
      const dir = await mkdtemp(join(tmpdir(), 'rolecall-atomic-'));
      await writeFile(join(dir, 'file'), 'x');
      await expect(writeFileAtomic(join(dir, 'file', 'child'), 'y')).rejects.toMatchObject({ code: 'file-write-failed' });
      return;
    }
    const dir = await mkdtemp(join(tmpdir(), 'rolecall-atomic-'));
    const path = join(dir, 'config');
    await writeFile(path, 'old');
    await chmod(dir, 0o500);
    await expect(writeFileAtomic(path, 'new')).rejects.toMatchObject({ code: 'file-not-writable' });
    expect(await readFile(path, 'utf8')).toBe('old');
  });

  it('removes the temporary files of dead writers only, and nothing else', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'rolecall-atomic-'));
    const path = join(dir, 'config');
    await writeFile(path, 'current');
    // A pid that has just exited, and one that runs (this process).
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout;
    const names = [`.config.${dead}.0123abcd.tmp`, `.config.${process.pid}.89abcdef.tmp`, `.config.rolecall-backup.${dead}.0123abcd.tmp`, `.other.${dead}.0123abcd.tmp`, `.config.${dead}.notes`];
    for (const name of names) await writeFile(join(dir, name), 'partial');
    expect(await removeStaleTempFiles(path)).toEqual([`.config.${dead}.0123abcd.tmp`]);
    expect((await readdir(dir)).sort()).toEqual(['config', ...names.slice(1)].sort());
    expect(await readFile(path, 'utf8')).toBe('current');
    expect(await removeStaleTempFiles(join(dir, 'missing', 'config'))).toEqual([]);
  });
});
