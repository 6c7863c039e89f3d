import { randomBytes } from 'node:crypto';
import { link, mkdir, open, readFile, rename, rm, stat, utimes } from 'node:fs/promises';
import { dirname } from 'node:path';
import { StorageError, systemErrorCode } from '../errors';
import { isProcessAlive } from './process-alive';

export interface FileLockOptions {
  /** Give up waiting after this long. Default 30 s. */
  timeoutMs?: number;
  /** A lock whose holder has not touched it for this long is taken over. Default 20 s. */
  staleMs?: number;
  /** Aborts the wait. */
  signal?: AbortSignal;
}

/**
 * Runs `fn` while holding an exclusive lock that works across processes: a lock file created
 * with O_EXCL that holds the owner's pid. The holder touches it regularly; a lock whose owner
 * died or stopped touching it is taken over, so a crash never leaves Rolecall stuck.
 */
export async function withFileLock<T>(lockPath: string, fn: () => Promise<T>, options: FileLockOptions = {}): Promise<T> {
  const release = await acquireFileLock(lockPath, options);
  try {
    return await fn();
  } finally {
    await release();
  }
}

/** Takes the lock and returns the function that releases it. */
export async function acquireFileLock(lockPath: string, options: FileLockOptions = {}): Promise<() => Promise<void>> {
  const timeoutMs = options.timeoutMs ?? 30_000;
  const staleMs = options.staleMs ?? 20_000;
  const deadline = Date.now() + timeoutMs;
  const owner = `${process.pid}:${randomBytes(6).toString('hex')}`;
  await mkdir(dirname(lockPath), { recursive: true });
  let wait = 2;
  for (;;) {
    options.signal?.throwIfAborted();
    if (await tryCreate(lockPath, owner)) break;
    await breakIfStale(lockPath, staleMs);
    if (Date.now() >= deadline) {
      throw new StorageError('lock-timeout', `Another Rolecall process has held ${lockPath} for over ${Math.round(timeoutMs / 1000)} s.`, {
        hint: 'Wait for it to finish, or end the stuck rolecall process.',
      });
    }
    await new Promise((resolve) => setTimeout(resolve, wait + Math.random() * wait));
    wait = Math.min(wait * 2, 50);
  }
  const heartbeat = setInterval(() => {
    const now = new Date();
    utimes(lockPath, now, now).catch(() => undefined);
  }, Math.max(1000, staleMs / 4));
  heartbeat.unref();
  return async () => {
    clearInterval(heartbeat);
    try {
      if ((await readFile(lockPath, 'utf8')) === owner) await rm(lockPath, { force: true });
    } catch (error) {
      if (systemErrorCode(error) !== 'ENOENT') throw error;
    }
  };
}

async function tryCreate(lockPath: string, owner: string): Promise<boolean> {
  try {
    const handle = await open(lockPath, 'wx', 0o600);
    try {
      await handle.writeFile(owner);
    } finally {
      await handle.close();
    }
    return true;
  } catch (error) {
    const code = systemErrorCode(error);
    if (code === 'EEXIST') return false;
    if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') {
      throw new StorageError('file-not-writable', `Rolecall cannot create its lock file ${lockPath}: permission denied.`, {
        hint: `Check the permissions of ${dirname(lockPath)}.`,
        cause: error,
      });
    }
    throw error;
  }
}

async function breakIfStale(lockPath: string, staleMs: number): Promise<void> {
  let content: string;
  let modified: number;
  try {
    content = await readFile(lockPath, 'utf8');
    modified = (await stat(lockPath)).mtimeMs;
  } catch (error) {
    if (systemErrorCode(error) === 'ENOENT') return;
    throw error;
  }
  const pid = Number.parseInt(content.split(':')[0] ?? '', 10);
  const ownerGone = Number.isInteger(pid) && pid > 0 && !isProcessAlive(pid);
  // An empty file is a lock whose creator has not written its pid yet: leave it alone.
  if (content === '' || (!ownerGone && Date.now() - modified < staleMs)) return;
  // Move the stale lock aside atomically, then make sure it is the one we judged stale; if a
  // fresh lock slipped in between, put it back.
  const aside = `${lockPath}.stale-${randomBytes(4).toString('hex')}`;
  try {
    await rename(lockPath, aside);
  } catch (error) {
    if (systemErrorCode(error) === 'ENOENT') return;
    throw error;
  }
  try {
    if ((await readFile(aside, 'utf8')) !== content) {
      // Put the fresh lock back, unless yet another process has taken the lock meanwhile.
      await link(aside, lockPath).catch((error: unknown) => {
        if (systemErrorCode(error) !== 'EEXIST') throw error;
      });
    }
  } finally {
    await rm(aside, { force: true });
  }
}
