import { execFile } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { withFileLock } from '../../../main/core/fs/file-lock';

export const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const DIST = join(REPO_ROOT, 'dist');

/** The built window, read into memory: path inside dist/renderer → bytes. */
export type RendererFiles = ReadonlyMap<string, Buffer>;

export interface BuiltWindow {
  files: RendererFiles;
  /** The sandboxed preload bundle (`dist/preload/index.cjs`), as Electron would load it. */
  preload: string;
}

/**
 * Builds the renderer and the preload with the project's own build script and reads the
 * window's files into memory. A lock keeps test files that start together from reading
 * a half-written bundle; holding the bytes keeps a later rebuild from changing a running page.
 */
export async function buildWindow(): Promise<BuiltWindow> {
  return withFileLock(join(DIST, '.e2e-build.lock'), async () => {
    await promisify(execFile)(process.execPath, [join(REPO_ROOT, 'scripts', 'build.mjs'), 'renderer', 'preload'], {
      cwd: REPO_ROOT,
      env: { ...process.env, ROLECALL_BUILD_QUIET: '1' },
    });
    const root = join(DIST, 'renderer');
    const files = new Map<string, Buffer>();
    for (const path of await listFiles(root)) files.set(relative(root, path), await readFile(path));
    return { files, preload: await readFile(join(DIST, 'preload', 'index.cjs'), 'utf8') };
  }, { timeoutMs: 60_000 });
}

async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const nested = await Promise.all(entries.map((e) => (e.isDirectory() ? listFiles(join(dir, e.name)) : Promise.resolve([join(dir, e.name)]))));
  return nested.flat();
}
