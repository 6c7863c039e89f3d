import { LogoutCommand, SSOClient } from '@aws-sdk/client-sso';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RoleRef } from '../../../main/core/model';
import { answerDevicePage, driveClock } from '../auth/auth-harness';
import { everythingShown, startAppHarness, type AppHarness } from './support/app-harness';

let h: AppHarness;

beforeEach(async () => {
  // No scheduler: its refreshes would race the revocation below.
  h = await startAppHarness({ deps: { background: false } });
});

afterEach(async () => {
  await h.close();
});

/** An error as far as anyone could see it: its fields, its stack, and its causes'. */
function described(error: unknown, depth = 0): unknown {
  if (!(error instanceof Error) || depth > 5) return String(error);
  const { message, stack, name } = error;
  return { name, message, stack, ...(error as object), cause: described((error as { cause?: unknown }).cause, depth + 1) };
}

describe('sign-in methods', () => {
  it('signs in with the method the settings name: authorization code with PKCE through the loopback redirect', async () => {
    const instance = await h.addSandbox();
    await h.services.settings.update({ signInMethod: 'pkce' });
    h.ic.autoApprove('allow');
    // The "browser" follows the authorize page's redirect to Rolecall's loopback callback.
    h.browser.open = async (url) => void setImmediate(() => void fetch(url).then((page) => page.text()));
    await h.services.sessions.signIn(instance.id);

    expect(new URL(h.launches[0]!.args[0]!).pathname).toBe('/authorize');
    expect(h.ic.requests().filter((r) => r.operation === 'CreateToken').map((r) => r.grantType)).toEqual(['authorization_code']);
    expect(h.ic.requests().some((r) => r.operation === 'StartDeviceAuthorization')).toBe(false);
    await h.stateWhere((s) => s.instances[0]?.session.status === 'active', 'signed in');
  });
});

describe('secrets', () => {
  it('never reach the state, the events, the log or an error, whatever fails', async () => {
    const instance = await h.addSandbox();
    const errors: unknown[] = [];
    const failing = async (operation: () => Promise<unknown>) => {
      const error = await operation().then(
        () => new Error('expected a failure'),
        (e: unknown) => e,
      );
      expect(error).toHaveProperty('code');
      errors.push(error);
    };

    h.browser.open = async (url) => void (await answerDevicePage(url, 'deny'));
    await failing(() => driveClock(h.clock, h.services.sessions.signIn(instance.id)));
    h.browser.open = async (url) => void (await answerDevicePage(url, 'allow'));
    await driveClock(h.clock, h.services.sessions.signIn(instance.id));
    const state = await h.stateWhere((s) => s.catalogs.length === 1 && s.instances[0]?.sync === null, 'synced');
    const account = state.catalogs[0]!.accounts[0]!;
    const role: RoleRef = { instanceId: instance.id, accountId: account.accountId, roleName: account.roles[0]! };
    await h.services.roles.environmentSnippet(role, 'powershell');

    await failing(() => h.services.roles.openConsole(role, { destination: 'https://console.aws.amazon.com.evil.example/' }));
    await failing(() => h.services.profiles.write({ ...role, roleName: 'Missing' }));
    h.ic.injectFault({ operation: 'ListAccounts', kind: 'http-500', times: 50 });
    await failing(() => h.settle(h.services.catalog.sync(instance.id)));

    // The portal session ends elsewhere: the next fetch is refused, and so is the refresh.
    const token = await h.core.tokens.getAccessToken(instance.id);
    const portal = new SSOClient({ region: h.ic.region, endpoint: h.ic.endpoint });
    try {
      await portal.send(new LogoutCommand({ accessToken: token }));
    } finally {
      portal.destroy();
    }
    // Keys not cached yet: the portal refuses the token, the refresh is refused, the session has ended.
    const other: RoleRef = { ...role, roleName: account.roles[1]! };
    await failing(() => h.services.roles.environmentSnippet(other, 'bash'));
    expect(errors[errors.length - 1]).toMatchObject({ code: 'session-ended' });
    await failing(() => h.services.roles.openConsole(other, {}));
    await h.stateWhere((s) => s.instances[0]?.session.status === 'expired', 'the ended session');

    const issued = h.ic.issuedSecrets();
    expect(issued.length).toBeGreaterThan(5);
    const shown = everythingShown(h, [errors.map((e) => described(e)), await h.services.state.snapshot()]);
    for (const secret of issued) expect(shown).not.toContain(secret);
  });
});
