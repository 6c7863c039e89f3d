import { randomBytes } from 'node:crypto';
import { chmod, mkdir, open, readdir, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { RolecallError, StorageError, systemErrorCode } from '../errors';
import { isProcessAlive } from './process-alive';

export interface AtomicWriteOptions {
  /** File mode for a new file; an existing file keeps its own mode. Default 0o600. */
  mode?: number;
  /**
   * Runs after the new content is on disk in the temporary file and before the rename: a last
   * check (throw to abandon the write; the temporary file is removed and a RolecallError is
   * passed on as is) or a test's pause point.
   */
  beforeRename?: (tempPath: string) => Promise<void>;
}

/**
 * Replaces `path` with `content` so that a reader (or a crash) sees the old file or the new
 * one, never a part: write a temporary file beside it, flush it to disk, then rename it over
 * the target. The existing file's mode is kept.
 */
export async function writeFileAtomic(path: string, content: string | Uint8Array, options: AtomicWriteOptions = {}): Promise<void> {
  const dir = dirname(path);
  let mode = options.mode ?? 0o600;
  try {
    mode = (await stat(path)).mode & 0o7777;
  } catch (error) {
    if (systemErrorCode(error) !== 'ENOENT') throw writeError(path, error);
  }
  const temp = join(dir, `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    await mkdir(dir, { recursive: true });
    const handle = await open(temp, 'wx', mode);
    try {
      await handle.writeFile(content);
      await handle.sync();
    } finally {
      await handle.close();
    }
    // The umask may have narrowed the mode given to open().
    await chmod(temp, mode);
    await options.beforeRename?.(temp);
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw writeError(path, error);
  }
}

/**
 * Removes the temporary files that writers of `path` killed before their rename left beside
 * it (`.<name>.<pid>.<hex>.tmp`), when their pid is no longer running: a live writer's file is
 * never touched. Returns the names removed. Call it where no other writer of `path` can be
 * under way (under the writers' lock).
 */
export async function removeStaleTempFiles(path: string): Promise<string[]> {
  const dir = dirname(path);
  const prefix = `.${basename(path)}.`;
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (error) {
    if (systemErrorCode(error) === 'ENOENT') return [];
    throw error;
  }
  const removed: string[] = [];
  for (const name of names) {
    if (!name.startsWith(prefix)) continue;
    const pid = /^(\d+)\.[0-9a-f]{8}\.tmp$/.exec(name.slice(prefix.length))?.[1];
    if (pid === undefined || isProcessAlive(Number(pid))) continue;
    await rm(join(dir, name), { force: true });
    removed.push(name);
  }
  return removed;
}

function writeError(path: string, error: unknown): RolecallError {
  if (error instanceof RolecallError) return error;
  const code = systemErrorCode(error);
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') {
    return new StorageError('file-not-writable', `Rolecall cannot write ${path}: permission denied.`, {
      hint: `Check the permissions of ${dirname(path)} and the file itself.`,
      cause: error,
    });
  }
  return new StorageError('file-write-failed', `Rolecall could not write ${path} (${code ?? 'unknown error'}).`, { cause: error });
}
