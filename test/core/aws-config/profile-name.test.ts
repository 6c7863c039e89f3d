import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadSharedConfigFiles } from '@smithy/core/config';
import { describe, expect, it } from 'vitest';
import type { AccountWithRoles } from '../../../main/core/model';
import { parseConfig } from '../../../main/core/aws-config/config-document';
import { managedSections } from '../../../main/core/aws-config/managed-profile';
import type { ProfilePlanRequest } from '../../../main/core/aws-config/profile-plan';
import { planProfiles } from '../../../main/core/aws-config/profile-plan';
import { renderProfileName, sanitizeProfileName, validateProfileNameTemplate } from '../../../main/core/aws-config/profile-name';
import { readWithBotocore } from './support/botocore-oracle';

function account(accountId: string, accountName: string, roles: string[], instanceId = 'acme'): AccountWithRoles {
  return { instanceId, accountId, accountName, emailAddress: '', roles };
}

function write(text: string, accounts: AccountWithRoles[], extra: Partial<ProfilePlanRequest> = {}) {
  return planProfiles(parseConfig(text), {
    catalogs: [{ instanceId: 'acme', accounts }],
    selection: { kind: 'all' },
    commandPrefix: ['/usr/local/bin/rolecall'],
    platform: 'posix',
    ...extra,
  });
}

function names(text: string): Record<string, string> {
  return Object.fromEntries(managedSections(parseConfig(text)).map((m) => [`${m.role?.accountId}/${m.role?.roleName}`, m.name]));
}

const awkwardAccountNames = [
  'Production',
  'Data Lake (EU) #1',
  'team; billing',
  '[brackets] and "quotes"',
  "O'Reilly's = test",
  'Équipe données',
  '日本のアカウント',
  '  spaces  around  ',
  'tab\there',
  'slash/inside',
  '---',
  'default',
  '__proto__',
];

describe('profile names', () => {
  it('maps awkward account names to names botocore and the JS SDK both read back', async () => {
    const accounts = awkwardAccountNames.map((name, i) => account(String(100000000000 + i), name, ['Admin']));
    const text = write('', accounts, { template: '{accountName}' }).text;
    const written = Object.values(names(text));
    expect(new Set(written).size).toBe(accounts.length);
    for (const name of written) expect(name).toMatch(/^[A-Za-z0-9_.@+:/-]+$/);
    expect(written).not.toContain('default');
    expect(written).not.toContain('__proto__');

    const dir = await mkdtemp(join(tmpdir(), 'rolecall-names-'));
    const path = join(dir, 'config');
    await writeFile(path, text);
    const [botocore] = await readWithBotocore([path]);
    expect(botocore!.ok && Object.keys(botocore!.profiles).sort()).toEqual([...written].sort());
    const { configFile } = await loadSharedConfigFiles({ configFilepath: path, filepath: join(dir, 'none'), ignoreCache: true });
    expect(Object.keys(configFile).sort()).toEqual([...written].sort());
  });

  it('sanitises readably: accents dropped, runs of other characters become one dash', () => {
    expect(sanitizeProfileName('Data Lake (EU) #1/Admin')).toBe('Data-Lake-EU-1/Admin');
    expect(sanitizeProfileName('Équipe données/Viewer')).toBe('Equipe-donnees/Viewer');
    expect(sanitizeProfileName('  [x] ; y  ')).toBe('x-y');
    expect(sanitizeProfileName('日本')).toBe('');
    expect(renderProfileName('{accountName}', { instanceId: 'acme', accountId: '123456789012', accountName: '日本', roleName: 'Admin' })).toBe('123456789012-Admin');
    expect(renderProfileName('{instance}.{accountId}.{roleName}', { instanceId: 'acme', accountId: '123456789012', accountName: 'x', roleName: 'Admin' })).toBe('acme.123456789012.Admin');
  });

  it('rejects a template with an unknown placeholder or a stray brace, naming the problem', () => {
    expect(() => validateProfileNameTemplate('{account}/{roleName}')).toThrow(/unknown placeholder \{account\}/);
    expect(() => validateProfileNameTemplate('{roleName')).toThrow(/unmatched brace/);
    expect(() => validateProfileNameTemplate(' ')).toThrow(expect.objectContaining({ code: 'invalid-input' }));
    expect(() => write('', [account('111111111111', 'A', ['Admin'])], { template: '{nope}' })).toThrow(expect.objectContaining({ code: 'invalid-input' }));
  });

  it('gives two roles that map to one name distinct names suffixed with their account ids', () => {
    const text = write('', [account('111111111111', 'prod', ['Admin']), account('222222222222', 'Prod!', ['Admin'])], { template: '{accountName}/{roleName}' }).text;
    expect(names(text)).toEqual({ '111111111111/Admin': 'prod/Admin-111111111111', '222222222222/Admin': 'prod/Admin-222222222222' });
  });

  it('suffixes with the instance too when two instances hold the same account and role', () => {
    const plan = planProfiles(parseConfig(''), {
      catalogs: [
        { instanceId: 'acme', accounts: [account('111111111111', 'prod', ['Admin'], 'acme')] },
        { instanceId: 'beta', accounts: [account('111111111111', 'prod', ['Admin'], 'beta')] },
      ],
      selection: { kind: 'all' },
      commandPrefix: ['/usr/local/bin/rolecall'],
    });
    expect(plan.changes.map((c) => c.profile).sort()).toEqual(['prod/Admin-111111111111', 'prod/Admin-111111111111-beta']);
  });

  it('does not depend on the order the server listed the accounts in', () => {
    const accounts = [account('333333333333', 'prod', ['Admin', 'Dev']), account('111111111111', 'prod', ['Admin']), account('222222222222', 'dev', ['Admin'])];
    const forward = names(write('', accounts).text);
    const backward = names(write('', [...accounts].reverse().map((a) => ({ ...a, roles: [...a.roles].reverse() }))).text);
    expect(backward).toEqual(forward);
  });

  it('keeps every existing name when a colliding role appears later', () => {
    const first = write('', [account('111111111111', 'prod', ['Admin'])]).text;
    expect(names(first)).toEqual({ '111111111111/Admin': 'prod/Admin' });
    const second = write(first, [account('111111111111', 'prod', ['Admin']), account('222222222222', 'prod', ['Admin'])]);
    expect(names(second.text)).toEqual({ '111111111111/Admin': 'prod/Admin', '222222222222/Admin': 'prod/Admin-222222222222' });
    expect(second.changes.find((c) => c.kind === 'add')).toMatchObject({ profile: 'prod/Admin-222222222222', takenName: 'prod/Admin' });
  });

  it('keeps a name when the account is renamed, and renames (keeping the user\'s lines) when the template changes', () => {
    const first = write('', [account('111111111111', 'prod', ['Admin'])]).text;
    const withNote = first.replace('rolecall_instance', '# my note\nmy_key = 1\nrolecall_instance');
    const renamedAccount = write(withNote, [account('111111111111', 'production', ['Admin'])]);
    expect(renamedAccount.changed).toBe(false);
    const newTemplate = write(withNote, [account('111111111111', 'production', ['Admin'])], { template: '{roleName}@{accountName}' });
    expect(newTemplate.changes).toEqual([
      expect.objectContaining({ kind: 'update', profile: 'Admin@production', previousProfile: 'prod/Admin', keys: ['name', 'credential_process', 'rolecall_name_template'] }),
    ]);
    expect(newTemplate.text).toContain('[profile Admin@production]\ncredential_process = /usr/local/bin/rolecall credential-process --profile Admin@production\n# my note\nmy_key = 1\n');
    expect(newTemplate.text).not.toContain('prod/Admin');
  });

  it('never takes the name of a profile Rolecall does not manage, and leaves that profile alone', () => {
    const mine = '[profile prod/Admin]\nregion = eu-west-1 # mine\n';
    const plan = write(mine, [account('111111111111', 'prod', ['Admin'])]);
    expect(plan.text.startsWith(mine)).toBe(true);
    expect(names(plan.text)).toEqual({ '111111111111/Admin': 'prod/Admin-111111111111' });
  });

  it('refuses an explicitly requested name held by the user or by another role', () => {
    const accounts = [account('111111111111', 'prod', ['Admin', 'Dev'])];
    const roles = (profileName: string) => ({ kind: 'roles' as const, roles: [{ instanceId: 'acme', accountId: '111111111111', roleName: 'Dev', profileName }] });
    expect(() => write('[profile mine]\nregion = us-east-1\n', accounts, { selection: roles('mine') })).toThrow(expect.objectContaining({ code: 'profile-name-taken' }));
    const withAdmin = write('', accounts, { selection: { kind: 'roles', roles: [{ instanceId: 'acme', accountId: '111111111111', roleName: 'Admin' }] } }).text;
    expect(() => write(withAdmin, accounts, { selection: roles('prod/Admin') })).toThrow(expect.objectContaining({ code: 'profile-name-taken' }));
    expect(() => write('', accounts, { selection: roles('default') })).toThrow(expect.objectContaining({ code: 'invalid-input' }));
    expect(() => write('', accounts, { selection: roles('has space') })).toThrow(expect.objectContaining({ code: 'invalid-input' }));
  });

  it('pins an explicitly named profile: a later template change does not rename it', () => {
    const accounts = [account('111111111111', 'prod', ['Admin'])];
    const pinned = write('', accounts, { selection: { kind: 'roles', roles: [{ instanceId: 'acme', accountId: '111111111111', roleName: 'Admin', profileName: 'admin' }] } }).text;
    expect(pinned).not.toContain('rolecall_name_template');
    expect(write(pinned, accounts, { template: '{accountId}-{roleName}' }).changed).toBe(false);
  });
});
