import { describe, expect, it } from 'vitest';
import { writeCachedCredentials } from '../../main/core/credentials/credential-cache';
import { KeychainSecretStore } from '../../main/core/secrets/keychain-store';
import { readCredentialsQuickly } from '../../main/cli/fast-keychain';

// The fast path reads the keychain without the core's store; it must find exactly what that
// store wrote, and nothing that is not fresh.
const env = { ...process.env, ROLECALL_KEYCHAIN_SERVICE: `rolecall-fast-${process.pid}` };
const role = { instanceId: 'acme', accountId: '111122223333', roleName: 'Admin' };

describe('the fast keychain read', () => {
  it('finds the credentials the core stored, and only while they are fresh', async () => {
    const store = new KeychainSecretStore({ env });
    const fresh = { accessKeyId: 'ASIAFAST', secretAccessKey: 'secret', sessionToken: 'token', expiration: Date.now() + 3_600_000 };
    try {
      expect(await readCredentialsQuickly(env, process.platform, role)).toBeNull();
      await writeCachedCredentials(store, role.instanceId, role.accountId, role.roleName, fresh);
      expect(await readCredentialsQuickly(env, process.platform, role)).toEqual(fresh);
      await writeCachedCredentials(store, role.instanceId, role.accountId, role.roleName, { ...fresh, expiration: Date.now() + 60_000 });
      expect(await readCredentialsQuickly(env, process.platform, role)).toBeNull();
      await store.set('acme/roles', '111122223333/Admin', 'not json');
      expect(await readCredentialsQuickly(env, process.platform, role)).toBeNull();
    } finally {
      await store.delete('acme/roles', '111122223333/Admin');
    }
  });
});
