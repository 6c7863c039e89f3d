import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { InstanceRegistry } from '../../../main/core/instances/instance-registry';
import { MemorySecretStore } from '../../../main/core/secrets/secret-store';

let dir: string;
let secrets: MemorySecretStore;
let registry: InstanceRegistry;
let removed: string[];

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rolecall-instances-'));
  secrets = new MemorySecretStore();
  removed = [];
  registry = new InstanceRegistry({ appDataDir: dir, secrets, onRemoved: (id) => void removed.push(id) });
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const fileText = () => readFile(join(dir, 'instances.json'), 'utf8');

describe('InstanceRegistry', () => {
  it('adds instances with unique ids and keeps them as plain JSON', async () => {
    const a = await registry.add({ startUrl: 'https://d-1234567890.awsapps.com/start', region: 'eu-west-1' });
    const b = await registry.add({ startUrl: 'https://acme.awsapps.com/start', region: 'us-east-1', name: 'D-1234567890' });
    const c = await registry.add({ startUrl: 'https://sandbox.example.com/start', region: 'us-east-1', name: 'Sandbox', endpointUrl: 'http://127.0.0.1:4566' });
    expect([a.id, b.id, c.id]).toEqual(['d-1234567890', 'd-1234567890-2', 'sandbox']);
    expect(a.name).toBe('d-1234567890');
    expect(JSON.parse(await fileText())).toEqual({ version: 1, instances: [a, b, c] });
    expect(await registry.list()).toEqual([a, b, c]);
  });

  it('refuses the same start URL twice and bad input, changing nothing', async () => {
    await registry.add({ startUrl: 'https://acme.awsapps.com/start', region: 'us-east-1' });
    const before = await fileText();
    await expect(registry.add({ startUrl: 'https://acme.awsapps.com/start/', region: 'us-east-1' })).rejects.toMatchObject({ code: 'invalid-input', message: expect.stringContaining('already added as "acme"') });
    await expect(registry.add({ startUrl: 'https://other.awsapps.com/start', region: 'moon-1' })).rejects.toMatchObject({ code: 'invalid-input' });
    await expect(registry.add({ startUrl: 'https://other.awsapps.com/start', region: 'us-east-1', endpointUrl: 'http://192.168.1.5' })).rejects.toMatchObject({ code: 'invalid-input' });
    expect(await fileText()).toBe(before);
  });

  it('renames without changing the id', async () => {
    const added = await registry.add({ startUrl: 'https://acme.awsapps.com/start', region: 'us-east-1' });
    const renamed = await registry.rename(added.id, '  Acme production ');
    expect(renamed).toEqual({ ...added, name: 'Acme production' });
    expect(await registry.get('acme')).toEqual(renamed);
    await expect(registry.rename('nope', 'x')).rejects.toMatchObject({ code: 'instance-not-found' });
    await expect(registry.rename('acme', '   ')).rejects.toMatchObject({ code: 'invalid-input' });
  });

  it('removes an instance with every keychain item in its namespace, and only those', async () => {
    await registry.add({ startUrl: 'https://acme.awsapps.com/start', region: 'us-east-1' });
    await registry.add({ startUrl: 'https://beta.awsapps.com/start', region: 'us-east-1' });
    await secrets.set('acme', 'sso-token', 't');
    await secrets.set('acme', 'oidc-client:device', 'r');
    await secrets.set('acme/roles', '123456789012/Admin', 'k');
    await secrets.set('beta', 'sso-token', 'b');
    await registry.remove('acme');
    expect(await secrets.keys('acme')).toEqual([]);
    expect(await secrets.keys('acme/roles')).toEqual([]);
    expect(await secrets.keys('beta')).toEqual(['sso-token']);
    expect((await registry.list()).map((i) => i.id)).toEqual(['beta']);
    expect(removed).toEqual(['acme']);
    await expect(registry.remove('acme')).rejects.toMatchObject({ code: 'instance-not-found' });
  });

  it('refuses a damaged file with the reason instead of guessing', async () => {
    await writeFile(join(dir, 'instances.json'), JSON.stringify({ version: 1, instances: [{ id: 'x', name: 'X', startUrl: 'http://x.awsapps.com/start', region: 'us-east-1' }] }));
    await expect(registry.list()).rejects.toMatchObject({ code: 'instances-file-invalid', message: expect.stringContaining('must use https') });
    await writeFile(join(dir, 'instances.json'), '{"version":1,');
    await expect(registry.list()).rejects.toMatchObject({ code: 'instances-file-invalid', hint: expect.stringContaining('rolecall instances add') });
  });

  it('lands concurrent additions from several writers', async () => {
    const other = new InstanceRegistry({ appDataDir: dir, secrets });
    await Promise.all([
      registry.add({ startUrl: 'https://a.awsapps.com/start', region: 'us-east-1' }),
      other.add({ startUrl: 'https://b.awsapps.com/start', region: 'us-east-1' }),
      registry.add({ startUrl: 'https://c.awsapps.com/start', region: 'us-east-1' }),
      other.add({ startUrl: 'https://d.awsapps.com/start', region: 'us-east-1' }),
    ]);
    expect((await registry.list()).map((i) => i.id).sort()).toEqual(['a', 'b', 'c', 'd']);
  });
});
