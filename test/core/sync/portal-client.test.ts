import { ListAccountsCommand } from '@aws-sdk/client-sso';
import { afterEach, describe, expect, it } from 'vitest';
import { systemClock } from '../../../main/core/clock';
import { createPortalClientFactory } from '../../../main/core/sync/portal-client';
import { demoOrganization, startIdentityCenter, type IdentityCenter } from '../../identity-center';
import { emulatorInstance, EmulatorTokens } from './support/emulator-session';

let ic: IdentityCenter | undefined;
let tokens: EmulatorTokens | undefined;
const portalClients = createPortalClientFactory();

afterEach(async () => {
  tokens?.close();
  await ic?.close();
});

async function signedIn() {
  ic = await startIdentityCenter({ organization: demoOrganization({ accounts: 2, rolesPerAccount: 1 }) });
  tokens = await EmulatorTokens.signIn(ic, systemClock);
  return { ic, client: portalClients(emulatorInstance(ic)), accessToken: tokens.accessToken };
}

const attempts = (ic: IdentityCenter) => ic.requests().filter((r) => r.operation === 'ListAccounts').map((r) => r.status);

describe('portal clients', () => {
  it('hand a throttle straight back, so the limiter alone decides when to resend', async () => {
    const { ic, client, accessToken } = await signedIn();
    ic.setThrottle(1);
    await client.send(new ListAccountsCommand({ accessToken }));
    await expect(client.send(new ListAccountsCommand({ accessToken }))).rejects.toMatchObject({ name: 'TooManyRequestsException' });
    // One request for the refused call: the SDK did not retry it behind the limiter's back.
    expect(attempts(ic)).toEqual([200, 429]);
  });

  it('retry a passing server failure themselves', async () => {
    const { ic, client, accessToken } = await signedIn();
    ic.injectFault({ operation: 'ListAccounts', kind: 'http-500' });
    const page = await client.send(new ListAccountsCommand({ accessToken }));
    expect(page.accountList).toHaveLength(2);
    expect(attempts(ic)).toEqual([500, 200]);
  });

  it('are built once per instance and rebuilt when its endpoint changes', async () => {
    const { ic } = await signedIn();
    const instance = emulatorInstance(ic);
    expect(portalClients(instance)).toBe(portalClients({ ...instance, name: 'Renamed' }));
    expect(portalClients({ ...instance, endpointUrl: 'http://127.0.0.1:9' })).not.toBe(portalClients(instance));
  });
});
