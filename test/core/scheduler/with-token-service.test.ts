import { afterEach, describe, expect, it } from 'vitest';
import { credentialsNamespace } from '../../../main/core/credentials/credential-cache';
import { RoleCredentialsService } from '../../../main/core/credentials/role-credentials-service';
import { RefreshScheduler, type RefreshEvent } from '../../../main/core/scheduler/refresh-scheduler';
import { tokenServiceSession } from '../../../main/core/scheduler/token-service-session';
import { clearNamespace } from '../../../main/core/secrets/secret-records';
import { createPortalClientFactory } from '../../../main/core/sync/portal-client';
import { PortalLimiters } from '../../../main/core/sync/portal-limiters';
import { demoOrganization } from '../../identity-center';
import { driveClock, startAuthHarness, type AuthHarness } from '../auth/auth-harness';

const MINUTE = 60_000;
const portalClients = createPortalClientFactory();
// The harness's organisation; its first role (AdministratorAccess) gives hour-long credentials.
const account = demoOrganization({ accounts: 2, rolesPerAccount: 1 }).accounts[0]!;
const role = account.roles[0]!.name;

let h: AuthHarness | undefined;
let scheduler: RefreshScheduler | undefined;

afterEach(async () => {
  await scheduler?.stop();
  if (h) {
    await clearNamespace(h.secrets, credentialsNamespace(h.instance.id));
    await h.close();
  }
});

describe('RefreshScheduler with the TokenService', () => {
  it('keeps a 30-hour session and a role in use fresh through 24 emulated hours', async () => {
    h = await startAuthHarness({ lifetimes: { accessTokenSeconds: 3600, sessionSeconds: 30 * 3600 } });
    const harness = h;
    harness.ic.autoApprove('allow');
    await driveClock(harness.clock, harness.signIn.signIn(harness.instance.id, { noBrowser: true }));
    const credentials = new RoleCredentialsService({ store: harness.secrets, tokens: harness.tokens, portalClients, limiters: new PortalLimiters(), clock: harness.clock, dataDir: harness.appDir });
    scheduler = new RefreshScheduler({ clock: harness.clock, tokens: tokenServiceSession(harness.tokens), credentials });
    const events: RefreshEvent[] = [];
    scheduler.on((event) => events.push(event));
    await scheduler.useRole(harness.instance, account.accountId, role);

    const travel = async (ms: number) => {
      for (let moved = 0; moved < ms; moved += MINUTE) {
        await harness.ic.advanceClock(Math.min(MINUTE, ms - moved) / 1000);
        await scheduler!.settled();
      }
    };
    let seed = 7;
    const random = () => ((seed = (seed * 16807) % 2147483647) - 1) / 2147483646;
    for (let hour = 0; hour < 24; hour += 1) {
      const at = Math.floor(random() * 60);
      await travel(at * MINUTE);
      const keys = await credentials.get(harness.instance, account.accountId, role);
      expect(keys.expiration - harness.clock.now()).toBeGreaterThanOrEqual(5 * MINUTE);
      expect((await harness.tokens.sessionState(harness.instance.id)).status).toBe('active');
      await travel((60 - at) * MINUTE);
    }
    expect(harness.ic.requests().filter((r) => r.status === 401)).toEqual([]);
    expect(harness.ic.stats().operations.GetRoleCredentials).toBeLessThanOrEqual(Math.ceil((24 * 60) / 45) + 1);
    expect(events.filter((e) => e.type !== 'token-refreshed' && e.type !== 'credentials-refreshed')).toEqual([]);
    expect(events.filter((e) => e.type === 'token-refreshed').length).toBeGreaterThanOrEqual(31);
  });
});
