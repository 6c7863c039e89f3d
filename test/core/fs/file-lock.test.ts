import { spawn } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { acquireFileLock, withFileLock } from '../../../main/core/fs/file-lock';

const tsx = join(process.cwd(), 'node_modules', '.bin', 'tsx');

function run(scriptFile: string, args: string[]): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(tsx, [scriptFile, ...args], { stdio: ['ignore', 'ignore', 'inherit'] });
    child.on('error', reject);
    child.on('exit', (code) => resolve(code ?? -1));
  });
}

describe('withFileLock', () => {
  it('serialises read-modify-write across processes so no increment is lost', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'rolecall-lock-'));
    const counter = join(dir, 'counter');
    await writeFile(counter, '0');
    const script = `
      const { withFileLock } = await import(${JSON.stringify(join(process.cwd(), 'main/core/fs/file-lock.ts'))});
      const { readFile, writeFile } = await import('node:fs/promises');
      const [counter, lock] = process.argv.slice(-2);
      for (let i = 0; i < 10; i++) {
        await withFileLock(lock, async () => {
          const n = Number(await readFile(counter, 'utf8'));
          await new Promise((r) => setTimeout(r, 1));
          await writeFile(counter, String(n + 1));
        });
      }`;
    const scriptFile = join(dir, 'worker.mts');
    await writeFile(scriptFile, script);
    const codes = await Promise.all(Array.from({ length: 6 }, () => run(scriptFile, [counter, join(dir, 'lock')])));
    expect(codes).toEqual([0, 0, 0, 0, 0, 0]);
    expect(await readFile(counter, 'utf8')).toBe('60');
  });

  it('takes over a lock whose owner process is gone', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'rolecall-lock-'));
    const lock = join(dir, 'lock');
    // pid 2^22 - 1 is above Linux's default pid_max: no such process.
    await writeFile(lock, '4194303:deadbeef');
    const result = await withFileLock(lock, async () => 'ran', { timeoutMs: 2000 });
    expect(result).toBe('ran');
  });

  it('times out with a clear error while a live owner holds the lock', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'rolecall-lock-'));
    const lock = join(dir, 'lock');
    const release = await acquireFileLock(lock);
    try {
      await expect(withFileLock(lock, async () => 'never', { timeoutMs: 200 })).rejects.toMatchObject({ code: 'lock-timeout' });
    } finally {
      await release();
    }
    expect(await withFileLock(lock, async () => 'after release')).toBe('after release');
  });
});
