import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../../main/core/aws-config/config-document';
import { invalidRoleKeys, managedSections, profileNamesByRole, roleKey } from '../../../main/core/aws-config/managed-profile';
import { lookupManagedProfile, lookupManagedProfileInFile } from '../../../main/core/aws-config/managed-profile-lookup';
import { largeConfig } from './support/large-config';

const role = { instanceId: 'acme', accountId: '111111111111', roleName: 'Admin' };
const managed = (header: string, eol = '\n') =>
  [header, 'credential_process = /usr/local/bin/rolecall credential-process --profile p', 'region = eu-west-1', 'rolecall_instance = acme', 'rolecall_account_id = 111111111111', 'rolecall_role_name = Admin', ''].join(eol);

describe('looking up a profile for credential_process', () => {
  it('finds a Rolecall profile and its role', () => {
    expect(lookupManagedProfile(`[default]\nregion = us-east-1\n\n${managed('[profile p]')}`, 'p')).toEqual({
      status: 'managed',
      profile: 'p',
      role,
      region: 'eu-west-1',
      credentialProcess: '/usr/local/bin/rolecall credential-process --profile p',
    });
  });

  it('reads CRLF files, a byte-order mark, a comment after the header and comments between keys', () => {
    expect(lookupManagedProfile(`\ufeff${managed('[profile p]', '\r\n')}`, 'p')).toMatchObject({ status: 'managed', role });
    const commented = managed('[profile p]   # written by Rolecall').replace('region', '; a note\n  # another\nregion');
    expect(lookupManagedProfile(commented, 'p')).toMatchObject({ status: 'managed', role, region: 'eu-west-1' });
  });

  it('tells a profile Rolecall does not manage from one that does not exist', () => {
    const text = '[default]\nregion = us-east-1\n[profile mine]\nregion = eu-west-1\n';
    expect(lookupManagedProfile(text, 'mine')).toEqual({ status: 'unmanaged', profile: 'mine' });
    expect(lookupManagedProfile(text, 'default')).toEqual({ status: 'unmanaged', profile: 'default' });
    expect(lookupManagedProfile(text, 'other')).toEqual({ status: 'missing', profile: 'other' });
    // `[profile mine-too]` and `[profile min]` are other profiles.
    expect(lookupManagedProfile('[profile mine-too]\nrolecall_instance = acme\n', 'mine')).toEqual({ status: 'missing', profile: 'mine' });
  });

  it('says which keys a damaged Rolecall profile is missing', () => {
    const damaged = managed('[profile p]').replace('rolecall_account_id = 111111111111\n', '');
    expect(lookupManagedProfile(damaged, 'p')).toEqual({ status: 'incomplete', profile: 'p', missing: ['rolecall_account_id'] });
  });

  it('answers as botocore for headers written by hand (quoted, spaced, indented)', () => {
    expect(lookupManagedProfile(managed('[profile "p"]'), 'p')).toMatchObject({ status: 'managed', role });
    expect(lookupManagedProfile(managed('[profile   p ]'), 'p')).toMatchObject({ status: 'managed', role });
    expect(lookupManagedProfile(`[default]\n${managed('  [profile p]')}`, 'p')).toMatchObject({ status: 'managed', role });
    // botocore reads `[profile p] x]` as the section "profile p] x": not profile p.
    expect(lookupManagedProfile(managed('[profile p] x]'), 'p')).toEqual({ status: 'missing', profile: 'p' });
  });

  it('does not read past the section into the next one', () => {
    const text = `${managed('[profile p]').replace('rolecall_role_name = Admin\n', '')}[profile q]\nrolecall_role_name = Other\n`;
    expect(lookupManagedProfile(text, 'p')).toEqual({ status: 'incomplete', profile: 'p', missing: ['rolecall_role_name'] });
  });

  it('finds profiles anywhere in a config of ten thousand lines', () => {
    const { text, names } = largeConfig(10_000);
    expect(text.split('\n').length).toBeGreaterThanOrEqual(10_000);
    for (const name of [names[0]!, names[Math.floor(names.length / 2)]!, names[names.length - 1]!]) {
      expect(lookupManagedProfile(text, name)).toMatchObject({ status: 'managed', profile: name });
    }
    expect(lookupManagedProfile(text, 'absent/Role')).toEqual({ status: 'missing', profile: 'absent/Role' });
  });

  it('reads the file itself, and a missing file is a missing profile', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'rolecall-lookup-'));
    await writeFile(join(dir, 'config'), managed('[profile p]'));
    expect(lookupManagedProfileInFile(join(dir, 'config'), 'p')).toMatchObject({ status: 'managed', role });
    expect(lookupManagedProfileInFile(join(dir, 'absent'), 'p')).toEqual({ status: 'missing', profile: 'p' });
    expect(() => lookupManagedProfileInFile(join(dir, 'config'), 'q')).not.toThrow();
    await writeFile(join(dir, 'broken'), '[default]\nnot a key\n');
    expect(() => lookupManagedProfileInFile(join(dir, 'broken'), 'q')).toThrow(expect.objectContaining({ code: 'config-malformed', line: 2 }));
  });

  it('gives no role for a profile whose rolecall_* values are not valid, and names those keys', () => {
    const edited = managed('[profile p]').replace('rolecall_account_id = 111111111111', 'rolecall_account_id = ../../x').replace('rolecall_role_name = Admin', 'rolecall_role_name = Admin#1');
    expect(managedSections(parseConfig(edited)).map((m) => m.role)).toEqual([undefined]);
    expect(invalidRoleKeys({ instanceId: 'acme', accountId: '../../x', roleName: 'Admin#1' })).toEqual(['rolecall_account_id', 'rolecall_role_name']);
    expect(invalidRoleKeys({ instanceId: 'Acme Prod', accountId: '111111111111', roleName: 'Admin' })).toEqual(['rolecall_instance']);
    expect(invalidRoleKeys({ instanceId: 'acme', accountId: '111111111111', roleName: 'Admin' })).toEqual([]);
  });

  it('lists the profile name of each role for `rolecall ls`', () => {
    const names = profileNamesByRole(parseConfig(`[profile mine]\nregion = x\n\n${managed('[profile p]')}\n${managed('[profile copy]')}`));
    expect([...names]).toEqual([[roleKey(role), 'p']]);
  });
});
