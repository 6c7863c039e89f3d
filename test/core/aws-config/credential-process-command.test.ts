import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { fromProcess } from '@aws-sdk/credential-providers';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../../main/core/aws-config/config-document';
import { formatCommandLine, formatCredentialProcess, quoteArgument, splitCredentialProcess } from '../../../main/core/aws-config/credential-process-command';
import { planProfiles } from '../../../main/core/aws-config/profile-plan';
import { shlexSplit } from '../../../main/core/aws-config/shlex';
import { readWithBotocore } from './support/botocore-oracle';
import { sampleCatalogs } from './support/config-fixtures';

const run = promisify(execFile);

/** Folder names that break naive quoting, each a real folder holding a stand-in for Rolecall. */
const awkwardFolders = [
  'plain',
  'with spaces',
  `it's "quoted"`,
  'hash #1; semi ;x',
  'dollar $HOME and `id` and !bang',
  'back\\slash\\',
  'tab\there',
  'ünïcödé 漢字 🙂',
  ' leading and trailing ',
  '~tilde=equals*star?[glob]',
];

/** Prints Version 1 credentials whose secret is the argv it received, so tests see the split. */
const standIn = `process.stdout.write(JSON.stringify({
  Version: 1,
  AccessKeyId: 'AKIAEXAMPLESTANDIN',
  SecretAccessKey: JSON.stringify(process.argv.slice(2)),
  SessionToken: 'token',
  Expiration: new Date(Date.now() + 3600_000).toISOString(),
}));`;

interface Case {
  folder: string;
  script: string;
  configPath: string;
  profile: string;
  expectedArgs: string[];
}

let root: string;
const cases: Case[] = [];

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'rolecall-quote-'));
  for (const [i, folder] of awkwardFolders.entries()) {
    const dir = join(root, folder);
    await mkdir(dir, { recursive: true });
    const script = join(dir, 'rolecall.cjs');
    await writeFile(script, standIn);
    const catalogs = sampleCatalogs().slice(0, 1);
    const plan = planProfiles(parseConfig(''), {
      catalogs,
      selection: { kind: 'roles', roles: [{ instanceId: 'acme', accountId: '111111111111', roleName: 'AdministratorAccess', profileName: `Team/Admin-${i}` }] },
      commandPrefix: [process.execPath, script],
      platform: 'posix',
    });
    const configPath = join(root, `config-${i}`);
    await writeFile(configPath, plan.text);
    cases.push({ folder, script, configPath, profile: `Team/Admin-${i}`, expectedArgs: ['credential-process', '--profile', `Team/Admin-${i}`] });
  }
});

describe('the credential_process line', () => {
  it('splits back to the intended argv with botocore\'s shlex, for every awkward path', async () => {
    const readings = await readWithBotocore(cases.map((c) => c.configPath));
    readings.forEach((reading, i) => {
      const c = cases[i]!;
      expect(reading.ok, c.folder).toBe(true);
      if (!reading.ok) return;
      expect(reading.argv[c.profile], c.folder).toEqual([process.execPath, c.script, ...c.expectedArgs]);
    });
  });

  it('is run with the intended argv by the JS SDK (through /bin/sh), for every awkward path', async () => {
    for (const c of cases) {
      const credentials = await fromProcess({ profile: c.profile, configFilepath: c.configPath, filepath: join(root, 'no-credentials'), ignoreCache: true })();
      expect(JSON.parse(credentials.secretAccessKey), c.folder).toEqual(c.expectedArgs);
    }
  });

  it('is run with the intended argv by botocore\'s process provider, for every awkward path', async () => {
    const script = `
import json, os, sys
import botocore.session
out = []
for path, profile in json.load(sys.stdin):
    os.environ['AWS_CONFIG_FILE'] = path
    os.environ['AWS_SHARED_CREDENTIALS_FILE'] = path + '.none'
    creds = botocore.session.Session(profile=profile).get_credentials().get_frozen_credentials()
    out.append(json.loads(creds.secret_key))
json.dump(out, sys.stdout)
`;
    const child = execFile('python3', ['-c', script]);
    child.stdin?.end(JSON.stringify(cases.map((c) => [c.configPath, c.profile])));
    let stdout = '';
    child.stdout?.on('data', (chunk: string) => (stdout += chunk));
    const code = await new Promise((resolve) => child.on('exit', resolve));
    expect(code).toBe(0);
    const argvs = JSON.parse(stdout) as string[][];
    argvs.forEach((argv, i) => expect(argv, cases[i]!.folder).toEqual(cases[i]!.expectedArgs));
  });

  it('is run by the AWS CLI v2 (`aws configure export-credentials`) from a path with every awkward character', async () => {
    const c = cases.find((x) => x.folder.startsWith('dollar'))!;
    const { stdout } = await run('/usr/bin/aws', ['configure', 'export-credentials', '--profile', c.profile, '--format', 'process'], {
      env: { PATH: process.env.PATH, HOME: root, AWS_CONFIG_FILE: c.configPath, AWS_SHARED_CREDENTIALS_FILE: join(root, 'none') },
    });
    expect(JSON.parse(JSON.parse(stdout).SecretAccessKey)).toEqual(c.expectedArgs);
  });

  it('never puts whitespace before # or ; (the JS SDK would cut the line there)', () => {
    for (const folder of awkwardFolders) {
      const line = formatCredentialProcess(['/usr/bin/node', `/opt/${folder}/rolecall.js`], 'p', 'posix');
      expect(line).not.toMatch(/\s[#;]/);
      expect(shlexSplit(line)).toEqual(['/usr/bin/node', `/opt/${folder}/rolecall.js`, 'credential-process', '--profile', 'p']);
    }
  });

  it('leaves plain arguments bare and uses the double quotes the AWS docs show for spaces', () => {
    expect(formatCommandLine(['/usr/local/bin/rolecall', 'credential-process', '--profile', 'Prod/Admin'], 'posix')).toBe(
      '/usr/local/bin/rolecall credential-process --profile Prod/Admin',
    );
    expect(quoteArgument('/Applications/Rolecall.app/Contents/MacOS/Rolecall Helper', 'posix')).toBe('"/Applications/Rolecall.app/Contents/MacOS/Rolecall Helper"');
    expect(quoteArgument('', 'posix')).toBe('""');
  });

  it('refuses a path with a line break, which no config line can hold', () => {
    expect(() => quoteArgument('/tmp/a\nb', 'posix')).toThrow(expect.objectContaining({ code: 'invalid-input' }));
  });

  it('quotes for Windows so that botocore\'s Windows splitter reads the intended argv', async () => {
    const prefixes = [
      ['C:\\Program Files\\Rolecall\\Rolecall.exe'],
      ['C:\\Users\\o\'brien\\AppData\\Local\\Programs\\rolecall\\node.exe', 'C:\\tools #1; x\\rolecall.js'],
      ['C:\\trailing\\backslash dir\\', 'plain'],
    ];
    const paths: string[] = [];
    for (const [i, prefix] of prefixes.entries()) {
      const line = formatCredentialProcess(prefix, 'Team/Admin', 'win32');
      expect(line).not.toMatch(/\s[#;]/);
      const path = join(root, `win-${i}`);
      await writeFile(path, `[profile Team/Admin]\ncredential_process = ${line}\n`);
      paths.push(path);
    }
    const readings = await readWithBotocore(paths, 'win32');
    readings.forEach((reading, i) => {
      expect(reading.ok && reading.argv['Team/Admin']).toEqual([...prefixes[i]!, 'credential-process', '--profile', 'Team/Admin']);
    });
    expect(() => quoteArgument('C:\\a"b', 'win32')).toThrow(expect.objectContaining({ code: 'invalid-input' }));
  });

  it('splits a credential_process value exactly as botocore does on each platform', async () => {
    const values = [
      'a b  c',
      '"C:\\Program Files\\x.exe" --a "b c"',
      'a\\\\"b c" d',
      'a\\\\\\"b c',
      '"" empty',
      'trailing\\\\',
      'x"y z"w',
      "'single' \"double\" back\\ slash",
      '\ttabs\tand  spaces ',
      'unclosed "quote',
    ];
    const script = `
import json, sys
from botocore.compat import compat_shell_split
out = []
for value in json.load(sys.stdin):
    row = []
    for platform in ('linux', 'win32'):
        try:
            row.append(compat_shell_split(value, platform))
        except ValueError:
            row.append(None)
    out.append(row)
json.dump(out, sys.stdout)
`;
    const child = execFile('python3', ['-c', script]);
    child.stdin?.end(JSON.stringify(values));
    let stdout = '';
    child.stdout?.on('data', (chunk: string) => (stdout += chunk));
    await new Promise((resolve) => child.on('exit', resolve));
    const expected = JSON.parse(stdout) as Array<[string[] | null, string[] | null]>;
    const ours = (value: string, platform: 'posix' | 'win32') => {
      try {
        return splitCredentialProcess(value, platform);
      } catch {
        return null;
      }
    };
    values.forEach((value, i) => {
      expect([ours(value, 'posix'), ours(value, 'win32')], value).toEqual(expected[i]);
    });
  });
});
