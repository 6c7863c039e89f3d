import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MAX_RECENTS, RoleLists, parseRoleLists, roleListsFile } from '../../../main/core/app-services/role-lists';
import { createLogger, type LogRecord } from '../../../main/core/logger';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rolecall-lists-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const key = (n: number) => `acme/${String(100000000000 + n)}/Role${n}`;

describe('favourites and recents', () => {
  it('keeps the newest recents first, bounded, and writes every change in order', async () => {
    const lists = new RoleLists({ file: roleListsFile(dir) });
    await lists.load();
    // Not awaited one by one: the file must still end with the last state.
    const writes = [];
    for (let n = 0; n < MAX_RECENTS + 5; n += 1) writes.push(lists.used(key(n)));
    writes.push(lists.used(key(3)), lists.setFavourite(key(7), true), lists.setFavourite(key(8), true), lists.setFavourite(key(7), false));
    await Promise.all(writes);
    const file = JSON.parse(await readFile(roleListsFile(dir), 'utf8'));
    expect(file.favourites).toEqual([key(8)]);
    expect(file.recents).toHaveLength(MAX_RECENTS);
    expect(file.recents.slice(0, 3)).toEqual([key(3), key(MAX_RECENTS + 4), key(MAX_RECENTS + 3)]);
    expect(await readdir(dir)).toEqual(['role-lists.json']);

    const reread = new RoleLists({ file: roleListsFile(dir) });
    expect(await reread.load()).toEqual({ favourites: file.favourites, recents: file.recents });
  });

  it('drops whatever is not a role key, and sets a damaged file aside', async () => {
    expect(parseRoleLists(JSON.stringify({ version: 1, favourites: [key(1), 'acme/12/x', key(1), '../../etc', 42], recents: ['a/b/c/d'] }))).toEqual({
      lists: { favourites: [key(1)], recents: [] },
      dropped: 5,
    });
    expect(parseRoleLists('{"version":2,"favourites":[],"recents":[]}')).toBeNull();

    await writeFile(roleListsFile(dir), '{ not json');
    const logs: LogRecord[] = [];
    const lists = new RoleLists({ file: roleListsFile(dir), logger: createLogger((r) => logs.push(r)) });
    expect(await lists.load()).toEqual({ favourites: [], recents: [] });
    expect(await readFile(`${roleListsFile(dir)}.unreadable`, 'utf8')).toBe('{ not json');
    expect(logs.map((l) => l.level)).toContain('warn');
    await lists.setFavourite(key(2), true);
    expect(JSON.parse(await readFile(roleListsFile(dir), 'utf8')).favourites).toEqual([key(2)]);
  });
});
