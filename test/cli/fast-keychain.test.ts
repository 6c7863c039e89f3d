import { writeFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { writeCachedCredentials } from '../../main/core/credentials/credential-cache';
import { KeychainSecretStore } from '../../main/core/secrets/keychain-store';
import { createSandbox, rolecall } from './support/cli-harness';
import { LOADED_NET, moduleProbeEnv } from './support/module-probe';

// credential_process reads the keychain cache without the core's store: it must find exactly
// what that store wrote, and hand out nothing that is not fresh. With no instance added, any
// answer other than a cache hit ends in "no such instance".
describe('the credential_process cache read', () => {
  it('answers with what the core stored, only while it is fresh', async () => {
    const sandbox = await createSandbox();
    await writeFile(sandbox.configFile, '[profile hand]\ncredential_process = rolecall credential-process --profile hand\nrolecall_instance = acme\nrolecall_account_id = 111122223333\nrolecall_role_name = Admin\n');
    const store = new KeychainSecretStore({ env: sandbox.env });
    const stored = { accessKeyId: 'ASIAFAST', secretAccessKey: 'secret', sessionToken: 'token', expiration: Date.now() + 3_600_000 };
    const call = () => rolecall(sandbox, ['credential-process', '--profile', 'hand']);
    try {
      await writeCachedCredentials(store, 'acme', '111122223333', 'Admin', stored);
      const hit = await call();
      expect(hit.code).toBe(0);
      expect(JSON.parse(hit.stdout)).toEqual({
        Version: 1,
        AccessKeyId: 'ASIAFAST',
        SecretAccessKey: 'secret',
        SessionToken: 'token',
        Expiration: new Date(stored.expiration).toISOString(),
      });
      if (process.platform === 'linux') {
        // The hit came from this path, which loads none of Node's socket modules.
        const probe = await moduleProbeEnv(sandbox.dir);
        expect(await rolecall(sandbox, ['credential-process', '--profile', 'hand'], { env: probe })).toMatchObject({ code: 0, stdout: hit.stdout, stderr: '[]' });
        // With pending deprecations on, `net` carries the Secret Service conversation instead, silently.
        const pending = await rolecall(sandbox, ['credential-process', '--profile', 'hand'], { env: { ...probe, NODE_PENDING_DEPRECATION: '1' } });
        expect(pending).toMatchObject({ code: 0, stdout: hit.stdout, stderr: LOADED_NET });
      }
      await writeCachedCredentials(store, 'acme', '111122223333', 'Admin', { ...stored, expiration: Date.now() + 60_000 });
      expect(await call()).toMatchObject({ code: 6, stdout: '', stderr: expect.stringContaining('There is no Identity Center instance "acme"') });
      // A header written by hand in a form only the whole-file parser reads: the full CLI answers.
      await writeCachedCredentials(store, 'acme', '111122223333', 'Admin', stored);
      await writeFile(sandbox.configFile, '[profile "hand"]\nrolecall_instance = acme\nrolecall_account_id = 111122223333\nrolecall_role_name = Admin\n');
      const quoted = await call();
      expect(quoted.code).toBe(0);
      expect(JSON.parse(quoted.stdout)).toMatchObject({ AccessKeyId: 'ASIAFAST' });
      await store.set('acme/roles', '111122223333/Admin', 'not json');
      expect(await call()).toMatchObject({ code: 6, stdout: '' });
    } finally {
      await store.delete('acme/roles', '111122223333/Admin');
    }
  });
});
