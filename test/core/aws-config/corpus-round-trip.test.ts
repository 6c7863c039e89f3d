import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadSharedConfigFiles } from '@smithy/core/config';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ConfigDocument } from '../../../main/core/aws-config/config-document';
import { parseConfig, renderConfig } from '../../../main/core/aws-config/config-document';
import { decodeConfig } from '../../../main/core/aws-config/config-file';
import { managedSections } from '../../../main/core/aws-config/managed-profile';
import { lookupManagedProfile } from '../../../main/core/aws-config/managed-profile-lookup';
import type { ProfilePlanRequest } from '../../../main/core/aws-config/profile-plan';
import { planProfiles } from '../../../main/core/aws-config/profile-plan';
import type { BotocoreReading } from './support/botocore-oracle';
import { readWithBotocore } from './support/botocore-oracle';
import { corpusFiles, outsideManaged, sameOutsideManaged, sampleCatalogs } from './support/config-fixtures';

const firstPrefix = [process.execPath, '/opt/Rolecall app/rolecall.js'];
const secondPrefix = ['/usr/bin/node', `/home/o'brien/my #1; tools/"rolecall".js`];

interface Stages {
  name: string;
  original: string;
  added: string;
  userEdited: string;
  /** The profile the simulated user edited. */
  editedProfile: string;
  updated: string;
  pruned: string;
}

const corpus = corpusFiles();
const inCatalog = new Set(sampleCatalogs().flatMap((c) => c.accounts.flatMap((a) => a.roles.map((r) => `${c.instanceId}/${a.accountId}/${r}`))));
const stages: Stages[] = [];
let readings: Map<string, BotocoreReading>;
let dir: string;

function plan(text: string, request: Partial<ProfilePlanRequest>) {
  return planProfiles(parseConfig(text), {
    catalogs: sampleCatalogs(),
    selection: { kind: 'all' },
    commandPrefix: firstPrefix,
    platform: 'posix',
    ...request,
  });
}

/** What a user might type into a Rolecall profile: a comment and a key of their own. */
function editInsideFirstManaged(text: string): { text: string; profile: string } {
  const document = parseConfig(text);
  const first = managedSections(document)[0]!;
  const lines = [...document.lines];
  const eol = lines[first.section.headerLine]!.eol;
  lines.splice(first.section.headerLine + 1, 0, { text: '# my own note', eol }, { text: 'my_team_tag = platform', eol });
  return { text: renderConfig({ bom: document.bom, lines }), profile: first.name };
}

function expectedArgv(prefix: string[], profile: string): string[] {
  return [...prefix, 'credential-process', '--profile', profile];
}

/** Our model's view in configparser's raw shape, to compare with botocore's. */
function rawSections(document: ConfigDocument): { sections: Record<string, Record<string, string>>; defaults: Record<string, string> } {
  const sections: Record<string, Record<string, string>> = {};
  const defaults: Record<string, string> = {};
  for (const section of document.sections) {
    const target = section.header === 'DEFAULT' ? defaults : (sections[section.header] ??= {});
    for (const option of section.options) target[option.key] = option.value;
  }
  return { sections, defaults };
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rolecall-corpus-'));
  const files: string[] = [];
  for (const { name, bytes } of corpus) {
    const original = decodeConfig(bytes);
    const added = plan(original, { region: 'eu-west-1' }).text;
    const edit = editInsideFirstManaged(added);
    const updated = plan(edit.text, { commandPrefix: secondPrefix, region: 'us-west-2', output: 'json' }).text;
    const catalogs = sampleCatalogs().slice(0, 1);
    catalogs[0]!.accounts = catalogs[0]!.accounts.filter((a) => a.accountId !== '222222222222');
    const pruned = plan(updated, { catalogs, commandPrefix: secondPrefix, prune: true }).text;
    stages.push({ name, original, added, userEdited: edit.text, editedProfile: edit.profile, updated, pruned });
    for (const [stage, text] of Object.entries({ original, added, updated, pruned })) {
      // botocore refuses any file that starts with a byte-order mark; it reads the rest.
      const path = join(dir, `${name}.${stage}`);
      await writeFile(path, text.replace(/^\ufeff/, ''));
      files.push(path);
    }
  }
  const results = await readWithBotocore(files);
  readings = new Map(files.map((file, i) => [file, results[i]!]));
}, 60_000);

function reading(name: string, stage: string): Extract<BotocoreReading, { ok: true }> {
  const result = readings.get(join(dir, `${name}.${stage}`))!;
  if (!result.ok) throw new Error(`botocore could not read ${name} (${stage}): ${result.error} line ${result.line}`);
  return result;
}

describe('the hand-written config corpus', () => {
  it('has at least 25 files', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(25);
  });

  it.each(corpus.map((c) => c.name))('%s: parsing then rendering gives back the same bytes', (name) => {
    const bytes = corpus.find((c) => c.name === name)!.bytes;
    const text = decodeConfig(bytes);
    expect(Buffer.from(renderConfig(parseConfig(text)), 'utf8').equals(bytes)).toBe(true);
  });

  it.each(corpus.map((c) => c.name))('%s: sections, keys and values read exactly as botocore reads them', (name) => {
    const stage = stages.find((s) => s.name === name)!;
    const ours = rawSections(parseConfig(stage.original.replace(/^\ufeff/, '')));
    const theirs = reading(name, 'original');
    expect(ours.sections).toEqual(theirs.sections);
    const profileNames = parseConfig(stage.original).sections.filter((s) => s.kind === 'profile' || s.kind === 'default').map((s) => s.name).filter((n) => n !== undefined);
    expect(new Set(profileNames)).toEqual(new Set(Object.keys(theirs.profiles)));
  });

  it.each(corpus.map((c) => c.name))('%s: adding, updating and pruning profiles leaves everything else byte for byte', (name) => {
    const s = stages.find((stage) => stage.name === name)!;
    expect(sameOutsideManaged(s.original, s.added)).toBe(true);
    expect(outsideManaged(s.updated)).toBe(outsideManaged(s.userEdited));
    expect(outsideManaged(s.pruned)).toBe(outsideManaged(s.updated));
    // The byte-order mark and the file's line-ending style survive.
    expect(s.pruned.startsWith('\ufeff')).toBe(s.original.startsWith('\ufeff'));
    if (s.original.includes('\r\n') && !/(^|[^\r])\n/.test(s.original)) expect(/(^|[^\r])\n/.test(s.pruned)).toBe(false);
  });

  it.each(corpus.map((c) => c.name))('%s: a user\'s own lines inside a Rolecall profile survive an update', (name) => {
    const s = stages.find((stage) => stage.name === name)!;
    const document = parseConfig(s.updated);
    const section = managedSections(document).find((m) => m.name === s.editedProfile)!.section;
    const body = document.lines.slice(section.headerLine, section.contentEndLine).map((l) => l.text);
    expect(body).toContain('# my own note');
    expect(body).toContain('my_team_tag = platform');
  });

  it.each(corpus.map((c) => c.name))('%s: writing the same profiles again changes nothing', (name) => {
    const s = stages.find((stage) => stage.name === name)!;
    const again = plan(s.updated, { commandPrefix: secondPrefix, region: 'us-west-2', output: 'json' });
    expect(again.changed).toBe(false);
    expect(again.text).toBe(s.updated);
    expect(again.changes.every((c) => c.kind === 'unchanged')).toBe(true);
  });

  it.each(corpus.map((c) => c.name))('%s: botocore reads every profile Rolecall wrote and runs the intended argv', (name) => {
    const s = stages.find((stage) => stage.name === name)!;
    for (const [stage, text, prefix] of [
      ['added', s.added, firstPrefix],
      ['updated', s.updated, secondPrefix],
      ['pruned', s.pruned, secondPrefix],
    ] as const) {
      const theirs = reading(name, stage);
      const managed = managedSections(parseConfig(text));
      expect(managed.length).toBeGreaterThan(0);
      for (const { name: profile, role } of managed) {
        if (theirs.profiles[profile]?.rolecall_instance === undefined) continue; // a later same-named section won
        // A profile for a role outside the catalog is not Rolecall's to rewrite (only to prune).
        if (!inCatalog.has(`${role?.instanceId}/${role?.accountId}/${role?.roleName}`)) continue;
        expect(theirs.argv[profile]).toEqual(expectedArgv([...prefix], profile));
      }
    }
    // Profiles Rolecall does not manage read the same before and after.
    const before = reading(name, 'original').profiles;
    const after = reading(name, 'pruned').profiles;
    for (const [profile, values] of Object.entries(before)) {
      if (values.rolecall_instance === undefined) expect(after[profile]).toEqual(values);
    }
  });

  it.each(corpus.map((c) => c.name))('%s: the JS SDK reads the credential_process Rolecall wrote', async (name) => {
    const s = stages.find((stage) => stage.name === name)!;
    const path = join(dir, `${name}.js-sdk`);
    await writeFile(path, s.updated);
    const { configFile } = await loadSharedConfigFiles({ configFilepath: path, filepath: join(dir, 'no-credentials'), ignoreCache: true });
    for (const { name: profile, section } of managedSections(parseConfig(s.updated))) {
      const ours = section.options.find((o) => o.key === 'credential_process')!.value;
      if (lookupManagedProfile(s.updated, profile).status !== 'managed') continue;
      expect(configFile[profile]?.credential_process).toBe(ours);
    }
  });

  it('prunes only the profile whose role is gone, and only in the instances listed', () => {
    const s = stages.find((stage) => stage.name === '16-existing-rolecall.config')!;
    const names = (text: string) => managedSections(parseConfig(text)).map((m) => m.name);
    expect(names(s.updated)).toEqual(expect.arrayContaining(['Sandbox/Developer', 'Retired/PowerUserAccess', 'Other/Admin', 'my-pinned-name']));
    expect(names(s.pruned)).not.toContain('Sandbox/Developer');
    expect(names(s.pruned)).not.toContain('Retired/PowerUserAccess');
    expect(names(s.pruned)).toEqual(expect.arrayContaining(['Other/Admin', 'my-pinned-name', 'Production/AdministratorAccess']));
  });
});
