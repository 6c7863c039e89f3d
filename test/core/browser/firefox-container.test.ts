import { describe, expect, it } from 'vitest';
import { CONTAINER_COLORS, CONTAINER_ICONS, containerForRole, grantedContainerUrl, stableHash } from '../../../main/core/browser/firefox-container';

/** How the Granted Containers extension reads its URL: the part after the scheme, as URLSearchParams. */
function readAsExtension(extUrl: string) {
  const prefix = 'ext+granted-containers:';
  expect(extUrl.startsWith(prefix)).toBe(true);
  const params = new URLSearchParams(extUrl.slice(prefix.length));
  return { name: params.get('name'), url: params.get('url'), color: params.get('color'), icon: params.get('icon') };
}

describe('Firefox containers', () => {
  it('hashes with 32-bit FNV-1a, the same everywhere', () => {
    expect(stableHash('')).toBe(0x811c9dc5);
    expect(stableHash('a')).toBe(0xe40c292c);
    expect(stableHash('foobar')).toBe(0xbf9cf968);
  });

  it('names a container after the account and role, colours it by account, and keeps both stable', () => {
    const prodAdmin = containerForRole({ accountId: '111122223333', accountName: 'acme-prod', roleName: 'AdministratorAccess' });
    const prodRead = containerForRole({ accountId: '111122223333', accountName: 'acme-prod', roleName: 'ReadOnlyAccess' });
    expect(prodAdmin.name).toBe('acme-prod/AdministratorAccess');
    expect(prodRead.color).toBe(prodAdmin.color);
    expect(CONTAINER_COLORS).toContain(prodAdmin.color);
    expect(CONTAINER_ICONS).toContain(prodAdmin.icon);
    expect(containerForRole({ accountId: '111122223333', accountName: 'acme-prod', roleName: 'AdministratorAccess' })).toEqual(prodAdmin);
    expect(containerForRole({ accountId: '444455556666', accountName: '', roleName: 'Dev\nOps' }).name).toBe('444455556666/DevOps');
    // Accounts spread over the colours rather than all landing on one.
    const colours = new Set(Array.from({ length: 40 }, (_, i) => containerForRole({ accountId: String(100000000000 + i * 7919), accountName: 'a', roleName: 'r' }).color));
    expect(colours.size).toBeGreaterThanOrEqual(6);
  });

  it('writes a URL the extension reads back exactly, whatever the names hold', () => {
    const url = 'https://signin.aws.amazon.com/federation?Action=login&Issuer=https%3A%2F%2Fx&Destination=https%3A%2F%2Fconsole.aws.amazon.com%2F%3Fa%3D1%26b%3D2&SigninToken=a+b/c=';
    const container = containerForRole({ accountId: '1', accountName: 'R&D = "prod" + 100% ünï', roleName: 'Admin Access#1' });
    const ext = grantedContainerUrl(url, container);
    expect(readAsExtension(ext)).toEqual({ name: 'R&D = "prod" + 100% ünï/Admin Access#1', url, color: container.color, icon: container.icon });
    expect(ext).toBe(
      `ext+granted-containers:name=R%26D%20%3D%20%22prod%22%20%2B%20100%25%20%C3%BCn%C3%AF%2FAdmin%20Access%231&url=${encodeURIComponent(url)}&color=${container.color}&icon=${container.icon}`,
    );
  });
});
