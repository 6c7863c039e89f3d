import { execFile } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import type { AccountWithRoles } from '../../../main/core/model';
import { parseConfig } from '../../../main/core/aws-config/config-document';
import { decodeConfig } from '../../../main/core/aws-config/config-file';
import type { ProfilePlanRequest } from '../../../main/core/aws-config/profile-plan';
import { planProfiles } from '../../../main/core/aws-config/profile-plan';
import { corpusFiles, sampleCatalogs } from './support/config-fixtures';

const run = promisify(execFile);

function account(accountId: string, accountName: string, roles: string[], instanceId = 'acme'): AccountWithRoles {
  return { instanceId, accountId, accountName, emailAddress: '', roles };
}

function plan(text: string, request: Partial<ProfilePlanRequest> = {}) {
  return planProfiles(parseConfig(text), {
    catalogs: [{ instanceId: 'acme', accounts: [account('111111111111', 'Prod', ['Admin', 'ReadOnly'])] }],
    selection: { kind: 'all' },
    commandPrefix: ['/usr/local/bin/rolecall'],
    platform: 'posix',
    ...request,
  });
}

const userConfig = `# my settings
[default]
region = us-east-1

[profile personal]
output = json
`;

describe('planning profiles', () => {
  it('prints a --dry-run diff in unified format', () => {
    const first = plan(userConfig, { selection: { kind: 'filter', filter: 'admin' }, region: 'eu-west-1' });
    expect(first.diff({ oldLabel: '~/.aws/config', newLabel: '~/.aws/config (after)' })).toBe(
      [
        '--- ~/.aws/config',
        '+++ ~/.aws/config (after)',
        '@@ -4,3 +4,11 @@',
        ' ',
        ' [profile personal]',
        ' output = json',
        '+',
        '+[profile Prod/Admin]',
        '+credential_process = /usr/local/bin/rolecall credential-process --profile Prod/Admin',
        '+region = eu-west-1',
        '+rolecall_instance = acme',
        '+rolecall_account_id = 111111111111',
        '+rolecall_role_name = Admin',
        '+rolecall_name_template = {accountName}/{roleName}',
        '',
      ].join('\n'),
    );
    expect(first.changes).toEqual([{ kind: 'add', profile: 'Prod/Admin', role: { instanceId: 'acme', accountId: '111111111111', roleName: 'Admin' } }]);
    const second = plan(first.text, { prune: true, catalogs: [{ instanceId: 'acme', accounts: [account('111111111111', 'Prod', ['ReadOnly'])] }] });
    expect(second.diff()).toBe(
      [
        '--- a/config',
        '+++ b/config',
        '@@ -4,11 +4,10 @@',
        ' ',
        ' [profile personal]',
        ' output = json',
        '-',
        '-[profile Prod/Admin]',
        '-credential_process = /usr/local/bin/rolecall credential-process --profile Prod/Admin',
        '-region = eu-west-1',
        '-rolecall_instance = acme',
        '-rolecall_account_id = 111111111111',
        '-rolecall_role_name = Admin',
        '-rolecall_name_template = {accountName}/{roleName}',
        '+',
        '+[profile Prod/ReadOnly]',
        '+credential_process = /usr/local/bin/rolecall credential-process --profile Prod/ReadOnly',
        '+rolecall_instance = acme',
        '+rolecall_account_id = 111111111111',
        '+rolecall_role_name = ReadOnly',
        '+rolecall_name_template = {accountName}/{roleName}',
        '',
      ].join('\n'),
    );
    expect(plan(first.text).diff()).not.toBe('');
    expect(plan(plan(first.text).text).diff()).toBe('');
  });

  it('prints diffs that `patch` applies to give exactly the written file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'rolecall-diff-'));
    // patch needs one line-ending style; the corpus files with only \n qualify.
    const files = corpusFiles().filter(({ bytes }) => !bytes.includes(0x0d) && bytes[0] !== 0xef);
    expect(files.length).toBeGreaterThan(15);
    for (const { name, bytes } of files) {
      const text = decodeConfig(bytes);
      const p = planProfiles(parseConfig(text), { catalogs: sampleCatalogs(), selection: { kind: 'all' }, commandPrefix: ['/usr/local/bin/rolecall'], prune: true, region: 'eu-west-1' });
      const target = join(dir, name);
      await writeFile(target, text);
      await writeFile(`${target}.diff`, p.diff());
      if (p.diff() !== '') await run('patch', ['--quiet', '--no-backup-if-mismatch', target, `${target}.diff`]);
      expect(await readFile(target, 'utf8'), name).toBe(p.text);
    }
  });

  it('prunes only Rolecall profiles of the listed instances whose role is gone, never the user\'s', () => {
    const catalogs = [
      { instanceId: 'acme', accounts: [account('111111111111', 'Prod', ['Admin', 'ReadOnly'])] },
      { instanceId: 'beta', accounts: [account('222222222222', 'Beta', ['Dev'], 'beta')] },
    ];
    const written = plan(userConfig, { catalogs }).text;
    const onlyAdmin = [{ instanceId: 'acme', accounts: [account('111111111111', 'Prod', ['Admin'])] }];
    const withoutPrune = plan(written, { catalogs: onlyAdmin });
    expect(withoutPrune.changes.map((c) => c.kind)).toEqual(['unchanged']);
    const pruned = plan(written, { catalogs: onlyAdmin, prune: true });
    expect(pruned.changes).toEqual([
      expect.objectContaining({ kind: 'unchanged', profile: 'Prod/Admin' }),
      expect.objectContaining({ kind: 'prune', profile: 'Prod/ReadOnly' }),
    ]);
    // beta's profile stays: its instance was not part of this run.
    expect(pruned.text).toContain('[profile Beta/Dev]');
    expect(pruned.text.startsWith(userConfig)).toBe(true);
    // A filter selects what to write, not what to prune: ReadOnly still exists, so it stays.
    expect(plan(written, { catalogs, prune: true, selection: { kind: 'filter', filter: 'admin' } }).changes.map((c) => c.kind)).toEqual(['unchanged']);
  });

  it('sets region and output when given and leaves a region the user set otherwise', () => {
    const written = plan('', { region: 'eu-west-1' }).text;
    const userRegion = written.replaceAll('region = eu-west-1', 'region = ap-south-1');
    expect(plan(userRegion).changed).toBe(false);
    const withOutput = plan(userRegion, { region: 'us-east-2', output: 'yaml' });
    expect(withOutput.changes.every((c) => c.kind === 'update' && c.keys.join() === 'region,output')).toBe(true);
    expect(parseConfig(withOutput.text).sections.every((s) => s.options.find((o) => o.key === 'region')?.value === 'us-east-2')).toBe(true);
  });

  it('fixes a profile pointing at a moved binary and a key the user garbled', () => {
    const written = plan(userConfig).text;
    const garbled = written
      .replace('credential_process = /usr/local/bin/rolecall credential-process --profile Prod/Admin', 'credential_process=/usr/local/bin/rolecall\n    --verbose')
      .replace('rolecall_role_name = Admin', 'rolecall_role_name = Admin\nrolecall_account_id_note = mine');
    const fixed = plan(garbled, { commandPrefix: ['/opt/Rolecall/rolecall'] });
    expect(fixed.changes).toEqual([
      expect.objectContaining({ kind: 'update', profile: 'Prod/Admin', keys: ['credential_process'] }),
      expect.objectContaining({ kind: 'update', profile: 'Prod/ReadOnly', keys: ['credential_process'] }),
    ]);
    // The text before the value (`credential_process=`) is the user's spelling and stays.
    expect(fixed.text).toContain('credential_process=/opt/Rolecall/rolecall credential-process --profile Prod/Admin\n');
    expect(fixed.text).not.toContain('--verbose');
    expect(fixed.text).toContain('rolecall_account_id_note = mine');
  });

  it('refuses bad input with a clear error and no plan', () => {
    expect(() => plan('', { region: 'eu west 1' })).toThrow(expect.objectContaining({ code: 'invalid-input' }));
    expect(() => plan('', { output: 'xml' })).toThrow(expect.objectContaining({ code: 'invalid-input' }));
    expect(() => plan('', { commandPrefix: [] })).toThrow(expect.objectContaining({ code: 'invalid-input' }));
    expect(() => plan('', { selection: { kind: 'roles', roles: [{ instanceId: 'acme', accountId: '111111111111', roleName: 'Gone' }] } })).toThrow(
      expect.objectContaining({ code: 'role-not-assigned', hint: expect.stringContaining('rolecall sync acme') }),
    );
  });

  it('writes nothing for a filter that matches no role', () => {
    const none = plan(userConfig, { selection: { kind: 'filter', filter: 'no-such-role' } });
    expect(none.changes).toEqual([]);
    expect(none.changed).toBe(false);
    expect(none.diff()).toBe('');
  });

  it('refuses to add a profile that would inherit a broken [DEFAULT] sub-block, naming its line', () => {
    const text = '[DEFAULT]\nregion =\n  not-a-pair\n';
    // botocore reads this file (no profile inherits the block yet)...
    expect(parseConfig(text).defaultSectionErrors).toEqual([expect.objectContaining({ key: 'region', line: 2 })]);
    // ...but not once a profile without its own region exists.
    expect(() => plan(text)).toThrow(expect.objectContaining({ code: 'config-malformed', line: 3 }));
    // A profile that sets region itself does not inherit it.
    expect(plan(text, { region: 'eu-west-1' }).changes.map((c) => c.kind)).toEqual(['add', 'add']);
  });
});
