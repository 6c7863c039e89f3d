import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { systemClock } from '../../../main/core/clock';
import { ROLE_NAME_PATTERN, type IdentityCenterInstance, type SyncEvent } from '../../../main/core/model';
import { requestValidators } from '../../../main/ipc/contract';
import { syncAccounts } from '../../../main/core/sync/account-sync';
import { createPortalClientFactory } from '../../../main/core/sync/portal-client';
import { PortalLimiters } from '../../../main/core/sync/portal-limiters';

// The emulator only ever lists names AWS allows; this portal on 127.0.0.1 answers whatever a
// test gives it, in the portal's wire format, so the official client parses it as it would AWS's.
let server: Server | undefined;
const portalClients = createPortalClientFactory();

afterEach(async () => {
  portalClients.destroy();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = undefined;
});

async function portalListing(roleNames: string[]): Promise<IdentityCenterInstance> {
  server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://127.0.0.1').pathname;
    response.setHeader('content-type', 'application/json');
    if (path === '/assignment/accounts') {
      response.end(JSON.stringify({ accountList: [{ accountId: '111111111111', accountName: 'prod', emailAddress: 'prod@example.com' }] }));
    } else if (path === '/assignment/roles') {
      response.end(JSON.stringify({ roleList: roleNames.map((roleName) => ({ roleName, accountId: '111111111111' })) }));
    } else {
      response.statusCode = 404;
      response.end('{}');
    }
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { id: 'acme', name: 'Acme', startUrl: 'https://acme.awsapps.com/start', region: 'eu-west-1', endpointUrl: `http://127.0.0.1:${port}` };
}

const deps = {
  portalClients,
  tokens: { getAccessToken: async () => 'token', refreshAfterUnauthorized: async () => 'token' },
  limiters: new PortalLimiters(),
  clock: systemClock,
};

describe('syncAccounts and the portal’s role names', () => {
  it('lists every role whose name the window, the broker and the CLI can act on', async () => {
    const names = ['AdministratorAccess', 'a+b=c,d.e@f-g_h', 'R'.repeat(64)];
    const { catalog } = await syncAccounts(await portalListing(names), deps);
    expect([...catalog.accounts[0]!.roles].sort()).toEqual([...names].sort());
    for (const roleName of names) expect(requestValidators['profile:write']([{ instanceId: 'acme', accountId: '111111111111', roleName }])).toBe(true);
  });

  it.each([
    ['a character AWS never allows in a permission set name', 'Ops#1'],
    ['a name longer than any permission set', 'R'.repeat(65)],
    ['a space', 'Read Only'],
  ])('refuses an answer with %s and keeps nothing of it', async (_what, name) => {
    expect(ROLE_NAME_PATTERN.test(name)).toBe(false);
    const events: SyncEvent[] = [];
    const error = await syncAccounts(await portalListing(['ReadOnlyAccess', name]), deps, (event) => events.push(event)).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'portal-bad-answer' });
    expect(events.at(-1)).toMatchObject({ type: 'failed', error: { code: 'portal-bad-answer' } });
  });
});
