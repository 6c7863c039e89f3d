import { constants } from 'node:fs';
import { access, chmod, readFile, realpath, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { isRolecallError, RolecallError, StorageError, systemErrorCode } from '../errors';
import { removeStaleTempFiles, writeFileAtomic } from '../fs/atomic-write';
import { withFileLock } from '../fs/file-lock';
import type { Logger } from '../logger';
import { silentLogger } from '../logger';
import type { ConfigDocument } from './config-document';
import { parseConfig } from './config-document';
import { ConfigFileBusyError, ConfigFileMalformedError, ConfigFileNotWritableError } from './config-errors';

/** The config file as read: its exact bytes and the document parsed from them. */
export interface ConfigSnapshot {
  /** The file written to (symbolic links resolved, so a linked dotfile stays linked). */
  path: string;
  exists: boolean;
  bytes: Buffer;
  text: string;
}

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** Reads the config file; a missing file reads as empty. Throws ConfigFileMalformedError for bytes that are not UTF-8. */
export async function readConfigSnapshot(path: string): Promise<ConfigSnapshot> {
  const target = await resolveTarget(path);
  let bytes: Buffer;
  try {
    bytes = await readFile(target);
  } catch (error) {
    if (systemErrorCode(error) === 'ENOENT') return { path: target, exists: false, bytes: Buffer.alloc(0), text: '' };
    if (systemErrorCode(error) === 'EACCES') {
      throw new StorageError('config-not-readable', `Rolecall cannot read the AWS config file ${target}: permission denied.`, {
        hint: 'Make the file readable by your user.',
        cause: error,
      });
    }
    throw error;
  }
  return { path: target, exists: true, bytes, text: decodeConfig(bytes, target) };
}

/** The file's text; bytes that are not UTF-8 fail the way they fail botocore. */
export function decodeConfig(bytes: Uint8Array, path?: string): string {
  try {
    return utf8.decode(bytes);
  } catch (error) {
    const line = firstInvalidUtf8Line(bytes);
    throw Object.assign(
      new ConfigFileMalformedError({
        ...(path === undefined ? {} : { path }),
        line,
        reason: 'the file is not valid UTF-8 text.',
        hint: 'Save the file as UTF-8 (the AWS CLI cannot read it either). Rolecall changed nothing.',
      }),
      { cause: error },
    );
  }
}

/** Reads and parses the config file without locking (for `--dry-run` and status). */
export async function loadConfigDocument(path: string): Promise<{ snapshot: ConfigSnapshot; document: ConfigDocument }> {
  const snapshot = await readConfigSnapshot(path);
  return { snapshot, document: parseConfig(snapshot.text, { source: snapshot.path }) };
}

/** What an edit decides for the content it was given. */
export interface ConfigEditOutcome<T> {
  /** The new file content, or null to leave the file as it is. */
  text: string | null;
  result: T;
}

export interface ConfigWriteHooks {
  /** Called with the temporary file's path after it is written and before it replaces the config. */
  beforeRename?(tempPath: string): Promise<void>;
}

export interface EditConfigOptions {
  /** Lock file; default `<config>.rolecall-lock` beside the config. */
  lockPath?: string;
  /** Where the previous content is kept (mode 0600, one copy); default `<config>.rolecall-backup`. */
  backupPath?: string;
  /** How long to wait for another Rolecall writer; default 30 s. */
  lockTimeoutMs?: number;
  hooks?: ConfigWriteHooks;
  logger?: Logger;
}

export interface ConfigEditResult<T> {
  result: T;
  /** True when the file was replaced. */
  written: boolean;
  path: string;
  backupPath: string | undefined;
}

const MAX_ATTEMPTS = 8;

/**
 * Applies `edit` to the config file safely against concurrent writers:
 * 1. takes a lock file beside the config (other Rolecall processes wait);
 * 2. reads the file fresh and lets `edit` compute the new content from it;
 * 3. keeps the previous content in the backup file (mode 0600);
 * 4. writes the new content to a temporary file, checks right before renaming it over the
 *    config that the file still holds what step 2 read (programs that do not take Rolecall's
 *    lock, such as `aws configure set`, may have written meanwhile), and starts again from
 *    step 2 if not;
 * 5. reads the file back after the rename and starts again if another program's write replaced
 *    it and `edit` still has something to do.
 * A crash at any point leaves the old or the new file, never a part of one. A file that cannot
 * be parsed or written is left exactly as it was, with an error naming the cause.
 */
export async function editConfigFile<T>(
  path: string,
  edit: (document: ConfigDocument, snapshot: ConfigSnapshot) => ConfigEditOutcome<T>,
  options: EditConfigOptions = {},
): Promise<ConfigEditResult<T>> {
  const logger = options.logger ?? silentLogger;
  const target = await resolveTarget(path);
  const lockPath = options.lockPath ?? `${target}.rolecall-lock`;
  const backupPath = options.backupPath ?? `${target}.rolecall-backup`;
  return withLock(target, lockPath, options.lockTimeoutMs, async () => {
    let written = false;
    let backedUp = false;
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt += 1) {
      const snapshot = await readConfigSnapshot(target);
      const document = parseConfig(snapshot.text, { source: target });
      const outcome = edit(document, snapshot);
      if (outcome.text === null || outcome.text === snapshot.text) {
        return { result: outcome.result, written, path: target, backupPath: backedUp ? backupPath : undefined };
      }
      await assertWritable(target, snapshot.exists);
      if (attempt === 1) await removeLeftovers([target, backupPath], logger);
      if (snapshot.exists) {
        await writeBackup(target, backupPath, snapshot.bytes);
        backedUp = true;
      }
      const next = Buffer.from(outcome.text, 'utf8');
      try {
        await writeFileAtomic(target, next, {
          mode: 0o600,
          beforeRename: async (tempPath) => {
            await options.hooks?.beforeRename?.(tempPath);
            if (!(await stillHolds(target, snapshot))) throw new ConfigChangedError();
          },
        });
      } catch (error) {
        if (error instanceof ConfigChangedError) {
          logger.info('aws config changed while writing, starting again', { attempt });
          continue;
        }
        throw translateWriteError(target, error);
      }
      written = true;
      if (await holdsBytes(target, next)) {
        return { result: outcome.result, written, path: target, backupPath: backedUp ? backupPath : undefined };
      }
      // Another program wrote after the rename: go round again so our change is not lost.
      logger.info('aws config replaced by another program after writing, checking again', { attempt });
    }
    throw new ConfigFileBusyError(target);
  });
}

/**
 * Temporary files of writers killed before their rename (of the config and of its backup).
 * Only called under the writers' lock, so no live Rolecall writer has one in flight; a file
 * whose pid still runs is kept all the same. A failure here never stops the write.
 */
async function removeLeftovers(paths: string[], logger: Logger): Promise<void> {
  for (const path of paths) {
    try {
      const removed = await removeStaleTempFiles(path);
      if (removed.length > 0) logger.info('removed temporary files left by an interrupted write', { count: removed.length });
    } catch (error) {
      logger.warn('could not remove temporary files left by an interrupted write', { errorCode: systemErrorCode(error) ?? 'unknown' });
    }
  }
}

class ConfigChangedError extends RolecallError {
  constructor() {
    super('config-changed', 'The AWS config file changed while it was being written.');
  }
}

async function withLock<T>(target: string, lockPath: string, timeoutMs: number | undefined, fn: () => Promise<T>): Promise<T> {
  try {
    return await withFileLock(lockPath, fn, timeoutMs === undefined ? {} : { timeoutMs });
  } catch (error) {
    if (error instanceof RolecallError && !isRolecallError(error, 'file-not-writable')) throw error;
    if (error instanceof ConfigFileNotWritableError) throw error;
    const code = systemErrorCode(error);
    if (isRolecallError(error, 'file-not-writable') || code === 'EACCES' || code === 'EPERM' || code === 'EROFS' || code === 'ENOTDIR' || code === 'EEXIST') {
      throw new ConfigFileNotWritableError(target, `its folder ${dirname(lockPath)} is not a folder Rolecall can write to`, error);
    }
    throw error;
  }
}

async function resolveTarget(path: string): Promise<string> {
  try {
    return await realpath(path);
  } catch (error) {
    // A missing file (or folder) is created later; a "folder" that is a file fails there, clearly.
    if (systemErrorCode(error) === 'ENOENT' || systemErrorCode(error) === 'ENOTDIR') return path;
    throw error;
  }
}

async function holdsBytes(path: string, bytes: Buffer): Promise<boolean> {
  try {
    return (await readFile(path)).equals(bytes);
  } catch (error) {
    if (systemErrorCode(error) === 'ENOENT') return false;
    throw error;
  }
}

async function stillHolds(path: string, snapshot: ConfigSnapshot): Promise<boolean> {
  try {
    return (await readFile(path)).equals(snapshot.bytes) && snapshot.exists;
  } catch (error) {
    if (systemErrorCode(error) === 'ENOENT') return !snapshot.exists;
    throw error;
  }
}

/**
 * A read-only config (no write permission bit) is a choice the user made: it is refused even
 * where the rename would succeed (a writable folder, or running as root).
 */
async function assertWritable(path: string, exists: boolean): Promise<void> {
  if (exists) {
    const info = await stat(path);
    if ((info.mode & 0o222) === 0) throw new ConfigFileNotWritableError(path, 'the file is read-only');
    try {
      await access(path, constants.W_OK);
    } catch (error) {
      throw new ConfigFileNotWritableError(path, 'permission denied', error);
    }
  }
  try {
    await access(dirname(path), constants.W_OK);
  } catch (error) {
    throw new ConfigFileNotWritableError(path, `its folder ${dirname(path)} is not writable`, error);
  }
}

async function writeBackup(target: string, backupPath: string, bytes: Buffer): Promise<void> {
  try {
    await writeFileAtomic(backupPath, bytes, { mode: 0o600 });
    // An older backup may have had another mode; the copy holds the user's config, keep it private.
    await chmod(backupPath, 0o600);
  } catch (error) {
    throw translateWriteError(target, error);
  }
}

function translateWriteError(target: string, error: unknown): unknown {
  if (isRolecallError(error, 'file-not-writable')) return new ConfigFileNotWritableError(target, 'permission denied', error);
  return error;
}

function firstInvalidUtf8Line(bytes: Uint8Array): number {
  let line = 1;
  let start = 0;
  for (let i = 0; i <= bytes.length; i += 1) {
    if (i === bytes.length || bytes[i] === 0x0a) {
      try {
        utf8.decode(bytes.subarray(start, i));
      } catch {
        return line;
      }
      line += 1;
      start = i + 1;
    }
  }
  return line;
}
