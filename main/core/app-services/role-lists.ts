/**
 * The roles the user pinned (favourites) and used last (recents), kept as plain JSON in the
 * app data folder (`role-lists.json`): role keys only, nothing secret. Every change is written
 * atomically, one write at a time, in the order the changes were made.
 */
import { readFile, rename } from 'node:fs/promises';
import { join } from 'node:path';
import { StorageError, systemErrorCode } from '../errors';
import { writeFileAtomic } from '../fs/atomic-write';
import { silentLogger, type Logger } from '../logger';
import { isRoleRef } from '../../ipc/contract';

/** How many recently used roles are remembered. */
export const MAX_RECENTS = 20;
/** A bound on favourites, so a damaged file cannot make the window carry millions of keys. */
export const MAX_FAVOURITES = 1000;
const FORMAT_VERSION = 1;

export interface RoleListsState {
  favourites: readonly string[];
  /** Most recent first. */
  recents: readonly string[];
}

/** The file of an app data folder. */
export function roleListsFile(appDir: string): string {
  return join(appDir, 'role-lists.json');
}

/** True for a role key (`instanceId/accountId/roleName`) whose parts are each valid. */
export function isRoleKey(key: unknown): key is string {
  if (typeof key !== 'string') return false;
  const parts = key.split('/');
  return parts.length === 3 && isRoleRef({ instanceId: parts[0], accountId: parts[1], roleName: parts[2] });
}

export class RoleLists {
  private state: RoleListsState = { favourites: [], recents: [] };
  private writes: Promise<void> = Promise.resolve();
  private readonly logger: Logger;

  constructor(private readonly options: { file: string; logger?: Logger }) {
    this.logger = options.logger ?? silentLogger;
  }

  /** Reads the file; a missing one means empty lists, a damaged one is set aside and ignored. */
  async load(): Promise<RoleListsState> {
    let text: string;
    try {
      text = await readFile(this.options.file, 'utf8');
    } catch (error) {
      if (systemErrorCode(error) === 'ENOENT') return this.state;
      throw new StorageError('file-read-failed', `Rolecall could not read ${this.options.file} (${systemErrorCode(error) ?? 'unknown error'}).`, {
        hint: 'Check the permissions of the Rolecall data folder.',
        cause: error,
      });
    }
    const parsed = parseRoleLists(text);
    if (parsed === null) {
      // Kept for the user to look at; the next change writes a fresh file.
      const aside = `${this.options.file}.unreadable`;
      await rename(this.options.file, aside).catch((error: unknown) =>
        this.logger.warn('could not move the unreadable favourites file aside', { errorCode: systemErrorCode(error) ?? 'unknown' }),
      );
      this.logger.warn('favourites file is not valid; starting with empty lists', { movedTo: aside });
      return this.state;
    }
    if (parsed.dropped > 0) this.logger.warn('favourites file held entries that are not role keys; they were dropped', { dropped: parsed.dropped });
    this.state = parsed.lists;
    return this.state;
  }

  current(): RoleListsState {
    return this.state;
  }

  /** Pins or unpins a role; resolves once the file holds the change. */
  setFavourite(key: string, favourite: boolean): Promise<void> {
    const without = this.state.favourites.filter((k) => k !== key);
    const favourites = favourite ? [...without, key].slice(-MAX_FAVOURITES) : without;
    return this.replace({ ...this.state, favourites });
  }

  /** Moves a role to the front of the recents. */
  used(key: string): Promise<void> {
    if (this.state.recents[0] === key) return this.writes;
    return this.replace({ ...this.state, recents: [key, ...this.state.recents.filter((k) => k !== key)].slice(0, MAX_RECENTS) });
  }

  /** Drops every role of an instance (after it was removed). */
  forgetInstance(instanceId: string): Promise<void> {
    const mine = (key: string) => key.startsWith(`${instanceId}/`);
    if (!this.state.favourites.some(mine) && !this.state.recents.some(mine)) return this.writes;
    return this.replace({ favourites: this.state.favourites.filter((k) => !mine(k)), recents: this.state.recents.filter((k) => !mine(k)) });
  }

  /** Resolves once every change so far is on disk. */
  flushed(): Promise<void> {
    return this.writes.catch(() => undefined);
  }

  private replace(next: RoleListsState): Promise<void> {
    this.state = next;
    const text = `${JSON.stringify({ version: FORMAT_VERSION, favourites: next.favourites, recents: next.recents }, null, 2)}\n`;
    // Each write waits for the one before, so the file always ends with the newest lists.
    const write = this.writes.catch(() => undefined).then(() => writeFileAtomic(this.options.file, text, { mode: 0o600 }));
    this.writes = write;
    return write;
  }
}

/** The lists in a file's text, or null when it is not a role-lists file at all. */
export function parseRoleLists(text: string): { lists: RoleListsState; dropped: number } | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const record = value as Record<string, unknown>;
  if (record.version !== FORMAT_VERSION || !Array.isArray(record.favourites) || !Array.isArray(record.recents)) return null;
  let dropped = 0;
  const keep = (list: unknown[], max: number) => {
    const seen = new Set<string>();
    for (const key of list) {
      if (isRoleKey(key) && !seen.has(key)) seen.add(key);
      else dropped += 1;
    }
    return [...seen].slice(0, max);
  };
  const favourites = keep(record.favourites as unknown[], MAX_FAVOURITES);
  const recents = keep(record.recents as unknown[], MAX_RECENTS);
  return { lists: { favourites, recents }, dropped };
}
