import { writeFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { scanManagedProfileInFile } from '../../../main/core/aws-config/managed-profile-file-scan';
import { scanManagedProfile } from '../../../main/core/aws-config/managed-profile-scan';
import { configFileArb } from './support/config-arbitrary';
import { largeConfig } from './support/large-config';

// The credential_process keychain path reads only the end of the config file, from Rolecall's
// header on. Whatever the file, its answer must be the text scan's answer for the whole file.
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rolecall-file-scan-'));
});

/** Profile names worth asking for in `text`: every `[profile …]` header's name, near misses, and absent ones. */
function namesIn(text: string): string[] {
  const names = new Set(['absent', 'default', 'p']);
  for (const match of text.matchAll(/\[profile ([^\]\r\n]*)\]/g)) {
    const name = match[1]!;
    names.add(name);
    names.add(name.trim());
    names.add(`${name}x`);
  }
  return [...names];
}

describe('scanning the config file from its end', () => {
  it('answers as the whole-text scan for generated files, whatever the chunk size', () => {
    let file = 0;
    fc.assert(
      fc.property(configFileArb, fc.integer({ min: 1, max: 80 }), (text, chunkBytes) => {
        const path = join(dir, `generated-${(file += 1)}`);
        writeFileSync(path, text);
        for (const name of namesIn(text)) {
          expect(scanManagedProfileInFile(path, name, chunkBytes)).toEqual(scanManagedProfile(text, name));
        }
      }),
      { numRuns: 300 },
    );
  });

  it('finds the last header at a line start across chunk edges, after a byte-order mark, and in CRLF files', () => {
    const section = (header: string, role: string, eol = '\n') => [header, 'rolecall_instance = acme', 'rolecall_account_id = 111122223333', `rolecall_role_name = ${role}`, ''].join(eol);
    const cases = [
      `\ufeff${section('[profile p]', 'First')}`,
      `${section('[profile p]', 'First', '\r\n')}# [profile p] in a comment\r\n`,
      `${section('[profile p]', 'First')}${section('[profile p]', 'Second')}`,
      `${section('[profile p]', 'First')}x[profile p]\n`,
      `${section('[profile p]', 'First')}${section('[profile p] x]', 'Hand')}`,
      `[profile é]\nrolecall_instance = acme\nrolecall_account_id = 111122223333\nrolecall_role_name = Ü\n`,
    ];
    for (const [i, text] of cases.entries()) {
      const path = join(dir, `case-${i}`);
      writeFileSync(path, text);
      const name = i === 5 ? 'é' : 'p';
      for (const chunkBytes of [1, 2, 3, 5, 13, 64 * 1024]) {
        expect(scanManagedProfileInFile(path, name, chunkBytes), `case ${i}, chunks of ${chunkBytes}`).toEqual(scanManagedProfile(text, name));
      }
    }
    // The second of two sections wins, as in botocore; a header in a comment or mid-line is no header.
    expect(scanManagedProfileInFile(join(dir, 'case-2'), 'p')).toMatchObject({ status: 'managed', role: { roleName: 'Second' } });
    expect(scanManagedProfileInFile(join(dir, 'case-1'), 'p')).toMatchObject({ status: 'managed', role: { roleName: 'First' } });
    expect(scanManagedProfileInFile(join(dir, 'case-5'), 'é')).toMatchObject({ status: 'managed', role: { roleName: 'Ü' } });
  });

  it('finds profiles anywhere in a config of ten thousand lines', () => {
    const { text, names } = largeConfig(10_000);
    const path = join(dir, 'large');
    writeFileSync(path, text);
    for (const name of [names[0]!, names[Math.floor(names.length / 2)]!, names.at(-1)!, 'absent/Role']) {
      expect(scanManagedProfileInFile(path, name)).toEqual(scanManagedProfile(text, name));
    }
  });

  it('throws what reading throws: a missing file is ENOENT', () => {
    expect(() => scanManagedProfileInFile(join(dir, 'none'), 'p')).toThrow(expect.objectContaining({ code: 'ENOENT' }));
  });
});
