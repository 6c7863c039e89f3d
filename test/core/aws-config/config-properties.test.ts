import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ConfigDocument } from '../../../main/core/aws-config/config-document';
import { parseConfig, renderConfig } from '../../../main/core/aws-config/config-document';
import { ConfigFileMalformedError } from '../../../main/core/aws-config/config-errors';
import { lookupInDocument, lookupManagedProfile } from '../../../main/core/aws-config/managed-profile-lookup';
import type { ProfilePlanRequest } from '../../../main/core/aws-config/profile-plan';
import { planProfiles } from '../../../main/core/aws-config/profile-plan';
import { readWithBotocore } from './support/botocore-oracle';
import { configFileArb } from './support/config-arbitrary';
import { sameOutsideManaged, sampleCatalogs } from './support/config-fixtures';

function tryParse(text: string): ConfigDocument | undefined {
  try {
    return parseConfig(text);
  } catch (error) {
    if (error instanceof ConfigFileMalformedError) return undefined;
    throw error;
  }
}

const requestArb = fc.record({
  selection: fc.constantFrom<ProfilePlanRequest['selection']>({ kind: 'all' }, { kind: 'filter', filter: 'acme prod' }, { kind: 'filter', filter: 'developer' }),
  region: fc.constantFrom(undefined, 'eu-west-1', 'us-east-2'),
  prune: fc.boolean(),
  prefix: fc.constantFrom(['/usr/bin/node', '/opt/Rolecall/rolecall.js'], ['/usr/bin/node', "/tmp/my #1 'dir'/rolecall.js"]),
  catalogs: fc.constantFrom(sampleCatalogs(), sampleCatalogs().slice(0, 1)),
});

function toRequest(r: typeof requestArb extends fc.Arbitrary<infer T> ? T : never): ProfilePlanRequest {
  return { catalogs: r.catalogs, selection: r.selection, region: r.region, prune: r.prune, commandPrefix: r.prefix, platform: 'posix' };
}

describe('generated config files', () => {
  it('parsing then rendering without a change gives back the same text', () => {
    fc.assert(
      fc.property(configFileArb, (text) => {
        const document = tryParse(text);
        fc.pre(document !== undefined);
        expect(renderConfig(document as ConfigDocument)).toBe(text);
      }),
      { numRuns: 400 },
    );
  });

  it('writing profiles keeps everything outside Rolecall\'s profiles byte for byte, and a second run changes nothing', () => {
    fc.assert(
      fc.property(configFileArb, requestArb, (text, r) => {
        const document = tryParse(text);
        fc.pre(document !== undefined);
        const request = toRequest(r);
        let first: ReturnType<typeof planProfiles>;
        try {
          first = planProfiles(document as ConfigDocument, request);
        } catch (error) {
          // Only a [DEFAULT] section's broken sub-block, harmless until a profile exists, may stop a write.
          expect(error).toBeInstanceOf(ConfigFileMalformedError);
          expect(document!.sections.some((s) => s.header === 'DEFAULT')).toBe(true);
          return;
        }
        expect(sameOutsideManaged(text, first.text)).toBe(true);
        const second = planProfiles(parseConfig(first.text), request);
        expect(second.changed).toBe(false);
        expect(second.text).toBe(first.text);
        // Every profile written is found again by the credential_process lookup.
        for (const change of first.changes) {
          if (change.kind === 'prune') {
            expect(lookupManagedProfile(first.text, change.profile).status).not.toBe('managed');
            continue;
          }
          const found = lookupManagedProfile(first.text, change.profile);
          expect(found).toMatchObject({ status: 'managed', role: change.role });
        }
      }),
      { numRuns: 300 },
    );
  });

  it('the fast lookup answers like a full parse for every profile written the way Rolecall writes it', () => {
    fc.assert(
      fc.property(configFileArb, (text) => {
        const document = tryParse(text);
        fc.pre(document !== undefined);
        for (const section of (document as ConfigDocument).sections) {
          if (section.kind !== 'profile' || section.name === undefined) continue;
          // Only one spelling of the header, or the slow path's "last one wins" can differ.
          const spellings = (document as ConfigDocument).sections.filter((s) => s.kind === 'profile' && s.name === section.name);
          if (spellings.length > 1) continue;
          expect(lookupManagedProfile(text, section.name)).toEqual(lookupInDocument(document as ConfigDocument, section.name));
        }
      }),
      { numRuns: 300 },
    );
  });

  it('accepts exactly the files botocore accepts, reads the same values and names the same line', async () => {
    const samples = fc.sample(configFileArb, { numRuns: 400, seed: 4242 });
    const dir = await mkdtemp(join(tmpdir(), 'rolecall-prop-'));
    const paths = await Promise.all(
      samples.map(async (text, i) => {
        const path = join(dir, `sample-${i}.config`);
        // botocore refuses a leading byte-order mark; compare on the rest.
        await writeFile(path, text.replace(/^\ufeff/, ''));
        return path;
      }),
    );
    const readings = await readWithBotocore(paths);
    let accepted = 0;
    samples.forEach((text, i) => {
      const theirs = readings[i]!;
      let ours: ConfigDocument | undefined;
      let error: ConfigFileMalformedError | undefined;
      try {
        ours = parseConfig(text.replace(/^\ufeff/, ''));
      } catch (caught) {
        if (!(caught instanceof ConfigFileMalformedError)) throw caught;
        error = caught;
      }
      const context = `sample ${i}: ${JSON.stringify(text)}`;
      expect(ours !== undefined, context).toBe(theirs.ok);
      if (!theirs.ok) {
        if (theirs.line !== null) expect(error?.line, context).toBe(theirs.line);
        return;
      }
      accepted += 1;
      const sections: Record<string, Record<string, string>> = {};
      for (const section of ours!.sections) {
        if (section.header === 'DEFAULT') continue;
        const target = (sections[section.header] ??= {});
        for (const option of section.options) target[option.key] = option.value;
      }
      expect(sections, context).toEqual(theirs.sections);
    });
    // The generator must mostly produce files botocore takes, or the comparison says little.
    expect(accepted).toBeGreaterThan(samples.length / 2);
  });
});
