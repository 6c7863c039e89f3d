import { LogoutCommand, SSOClient } from '@aws-sdk/client-sso';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { credentialsNamespace } from '../../../main/core/credentials/credential-cache';
import { RoleCredentialsService } from '../../../main/core/credentials/role-credentials-service';
import { clearNamespace } from '../../../main/core/secrets/secret-records';
import { CatalogSync } from '../../../main/core/sync/catalog-sync';
import { createPortalClientFactory } from '../../../main/core/sync/portal-client';
import { PortalLimiters } from '../../../main/core/sync/portal-limiters';
import { demoOrganization } from '../../identity-center';
import { driveClock, startAuthHarness, type AuthHarness } from '../auth/auth-harness';

// Sync and credentials on top of the real sign-in: TokenService tokens from a device flow,
// stored in the real keychain.
let h: AuthHarness;
const portalClients = createPortalClientFactory();

beforeEach(async () => {
  h = await startAuthHarness();
  h.ic.autoApprove('allow');
  await driveClock(h.clock, h.signIn.signIn(h.instance.id, { noBrowser: true }));
});

afterEach(async () => {
  await clearNamespace(h.secrets, credentialsNamespace(h.instance.id));
  await h.close();
});

function credentials() {
  return new RoleCredentialsService({ store: h.secrets, tokens: h.tokens, portalClients, limiters: new PortalLimiters(), clock: h.clock, dataDir: h.appDir });
}

describe('sync and role credentials with the TokenService', () => {
  it('lists the accounts and gets credentials with the signed-in session', async () => {
    const sync = new CatalogSync({ dataDir: h.appDir, portalClients, tokens: h.tokens, limiters: new PortalLimiters(), clock: h.clock });
    const { catalog } = await sync.sync(h.instance);
    expect(catalog.accounts).toHaveLength(2);
    const first = catalog.accounts[0]!;
    const keys = await credentials().get(h.instance, first.accountId, first.roles[0]!);
    expect(keys.expiration - h.clock.now()).toBeGreaterThan(5 * 60_000);
    expect(h.ic.requests().filter((r) => r.status === 401)).toEqual([]);
  });

  it('says "sign in again" when the portal session was ended elsewhere', async () => {
    const token = await h.tokens.getAccessToken(h.instance.id);
    const portal = new SSOClient({ region: h.ic.region, endpoint: h.ic.endpoint });
    try {
      await portal.send(new LogoutCommand({ accessToken: token }));
    } finally {
      portal.destroy();
    }
    const account = demoOrganization({ accounts: 2, rolesPerAccount: 1 }).accounts[0]!;
    const error = await credentials().get(h.instance, account.accountId, account.roles[0]!.name).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'session-ended', hint: `Run \`rolecall login ${h.instance.id}\` (or sign in from the Rolecall window).` });
    // The portal refused the token once, the refresh token was refused, and nothing else was tried.
    expect(h.ic.requests().filter((r) => r.operation === 'GetRoleCredentials').map((r) => r.status)).toEqual([401]);
    expect(h.ic.requests().filter((r) => r.operation === 'CreateToken' && r.grantType === 'refresh_token').map((r) => r.status)).toEqual([400]);
  });
});
