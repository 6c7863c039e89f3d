/**
 * Looking programs up on PATH. The lookups take `exists` rather than touching the disk, so
 * detection is a pure function of the environment and a list of files (tests pass a set);
 * `fileExists` is the real `exists`.
 */
import { lstatSync } from 'node:fs';
import { posix, win32 } from 'node:path';
import { systemErrorCode } from '../errors';

export type Exists = (path: string) => boolean;

/** The path module for `platform`, so Windows paths are built right on any host (and in tests). */
export function pathsFor(platform: NodeJS.Platform): typeof posix {
  return platform === 'win32' ? win32 : posix;
}

/** The directories of PATH (`Path` on Windows), in order, empty entries dropped. */
export function pathDirectories(env: Record<string, string | undefined>, platform: NodeJS.Platform): string[] {
  const raw = platform === 'win32' ? (env.Path ?? env.PATH ?? env.path ?? '') : (env.PATH ?? '');
  return raw.split(platform === 'win32' ? ';' : ':').filter((dir) => dir !== '' && pathsFor(platform).isAbsolute(dir));
}

/** The first `name` found on PATH, as an absolute path; on Windows `name` should carry its `.exe`. */
export function findOnPath(names: readonly string[], env: Record<string, string | undefined>, platform: NodeJS.Platform, exists: Exists): string | undefined {
  const dirs = pathDirectories(env, platform);
  for (const name of names) {
    for (const dir of dirs) {
      const candidate = pathsFor(platform).join(dir, name);
      if (exists(candidate)) return candidate;
    }
  }
  return undefined;
}

/**
 * The real `exists`: true when anything is at `path`. lstat, not stat, so Windows app
 * execution aliases (`WindowsApps\wt.exe`, which stat cannot follow) count.
 */
export function fileExists(path: string): boolean {
  try {
    lstatSync(path);
    return true;
  } catch (error) {
    if (systemErrorCode(error) === 'ENOENT' || systemErrorCode(error) === 'ENOTDIR') return false;
    // Unreadable (EACCES) still means something is there.
    return true;
  }
}
