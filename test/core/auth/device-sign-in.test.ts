import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadOidcApi } from '../../../main/core/auth/oidc-api';
import { hasUsableAccessToken } from '../../../main/core/auth/session-state';
import { SignInService } from '../../../main/core/auth/sign-in-service';
import { TOKEN_KEY } from '../../../main/core/auth/token-record';
import type { SignInEvent } from '../../../main/core/model';
import { answerDevicePage, driveClock, filesUnder, startAuthHarness, until, type AuthHarness } from './auth-harness';

let h: AuthHarness;

beforeEach(async () => {
  h = await startAuthHarness();
});

afterEach(async () => {
  await h.close();
});

const createTokenPolls = () => h.ic.requests().filter((r) => r.operation === 'CreateToken' && r.grantType?.endsWith('device_code'));

describe('device authorization sign-in', () => {
  it('signs in end to end: shows the code, opens the page, stores tokens only in the keychain', async () => {
    const events: SignInEvent[] = [];
    h.browser.open = async (url) => void (await answerDevicePage(url, 'allow'));
    const result = await driveClock(h.clock, h.signIn.signIn(h.instance.id, { onEvent: (e) => events.push(e) }));

    expect(events.map((e) => e.type)).toEqual(['authorization', 'browser-opened', 'waiting', 'signed-in']);
    const authorization = events[0] as Extract<SignInEvent, { type: 'authorization' }>;
    expect(authorization.userCode).toMatch(/^[A-Z0-9]{4}-[A-Z0-9]{4}$/);
    expect(h.opened).toEqual([authorization.verificationUriComplete]);
    expect(result.expiresAt).toBe(h.clock.now() + 8 * 3600_000);

    const token = await h.tokens.getAccessToken(h.instance.id);
    expect(h.ic.issuedSecrets()).toContain(token);
    const stored = JSON.parse((await h.secrets.get(h.instance.id, TOKEN_KEY))!);
    expect(stored.accessToken).toBe(token);
    expect(h.ic.issuedSecrets()).toContain(stored.refreshToken);
    expect(await hasUsableAccessToken(h.secrets, h.instance.id, h.clock.now(), 15 * 60_000)).toBe(true);
    expect((await h.tokens.sessionState(h.instance.id)).status).toBe('active');

    // Nothing secret in any file, log line or event.
    const secrets = h.ic.issuedSecrets();
    const files = await filesUnder(h.appDir);
    expect(files.map((f) => f.path).some((p) => p.endsWith('instances.json'))).toBe(true);
    for (const text of [...files.map((f) => f.content), JSON.stringify(h.logs), JSON.stringify(events)]) {
      expect(text).not.toContain('CANARY');
      for (const secret of secrets) expect(text).not.toContain(secret);
    }
    // Polls never came faster than the interval (1 s).
    const times = createTokenPolls().map((r) => r.time);
    for (let i = 1; i < times.length; i += 1) expect(times[i]! - times[i - 1]!).toBeGreaterThanOrEqual(1000);
  });

  it('registers one client across several sign-ins of the same instance', async () => {
    h.ic.autoApprove('allow');
    for (let i = 0; i < 3; i += 1) await driveClock(h.clock, h.signIn.signIn(h.instance.id, { noBrowser: true }));
    expect(h.ic.stats().operations.RegisterClient).toBe(1);
    expect(h.ic.stats().operations.StartDeviceAuthorization).toBe(3);
    expect(h.opened).toEqual([]);
  });

  it('reports a denied request as denied and stores nothing', async () => {
    const events: SignInEvent[] = [];
    const signIn = h.signIn.signIn(h.instance.id, {
      noBrowser: true,
      onEvent: (e) => {
        events.push(e);
        if (e.type === 'authorization') h.ic.approve(e.userCode, false);
      },
    });
    await expect(driveClock(h.clock, signIn)).rejects.toMatchObject({ code: 'sign-in-denied' });
    expect(events.at(-1)).toMatchObject({ type: 'failed', error: { code: 'sign-in-denied' } });
    expect(await h.secrets.get(h.instance.id, TOKEN_KEY)).toBeNull();
    expect((await h.tokens.sessionState(h.instance.id)).status).toBe('signed-out');
  });

  it('reports an expired code and offers to start again', async () => {
    const signIn = h.signIn.signIn(h.instance.id, { noBrowser: true });
    const error = await driveClock(h.clock, signIn, 30_000).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'sign-in-expired' });
    expect((error as { hint: string }).hint).toContain('rolecall login acme');
    // It kept polling until the code's 600 s were up, and no longer.
    const polls = createTokenPolls();
    expect(polls.length).toBeGreaterThan(10);
    expect(polls.at(-1)!.time - polls[0]!.time).toBeLessThanOrEqual(600_000);
  });

  it('adds 5 s to the interval at slow_down: no poll comes faster than the interval it was given', async () => {
    // A second, eager poller for the same device code (as a buggy extra client would be) makes
    // Identity Center answer slow_down once.
    let first = true;
    const real = await loadOidcApi(h.instance);
    const eager = new SignInService({
      instances: h.registry,
      tokens: h.tokens,
      clock: h.clock,
      appDataDir: h.appDir,
      openUrl: async () => undefined,
      oidc: async () => ({
        ...real,
        async createToken(input, signal) {
          if (first && input.grantType.endsWith('device_code')) {
            first = false;
            await real.createToken(input, signal).catch(() => undefined);
          }
          return real.createToken(input, signal);
        },
      }),
    });
    let userCode = '';
    const signIn = eager.signIn(h.instance.id, { onEvent: (e) => void (e.type === 'authorization' && (userCode = e.userCode)) });
    const done = driveClock(h.clock, signIn, 500);
    await until(() => createTokenPolls().length >= 5);
    h.ic.approve(userCode);
    await done;
    const polls = createTokenPolls();
    const slowDowns = polls.filter((p) => p.errorType === 'SlowDownException');
    expect(slowDowns).toHaveLength(1);
    const after = polls.slice(polls.indexOf(slowDowns[0]!));
    for (let i = 1; i < after.length; i += 1) expect(after[i]!.time - after[i - 1]!.time).toBeGreaterThanOrEqual(6000);
    expect(after.at(-1)!.status).toBe(200);
  });

  it('lets a second request join the sign-in in flight: one device code, same events, both signed in', async () => {
    const a: SignInEvent[] = [];
    const b: SignInEvent[] = [];
    const first = h.signIn.signIn(h.instance.id, { noBrowser: true, onEvent: (e) => a.push(e) });
    await until(() => a.some((e) => e.type === 'waiting'));
    const second = h.signIn.signIn(h.instance.id, { noBrowser: true, onEvent: (e) => b.push(e) });
    expect((await h.signIn.sessionState(h.instance.id)).status).toBe('signing-in');
    const code = (a[0] as Extract<SignInEvent, { type: 'authorization' }>).userCode;
    h.ic.approve(code);
    const [ra, rb] = await driveClock(h.clock, Promise.all([first, second]));
    expect(ra).toEqual(rb);
    expect(b).toEqual(a);
    expect(h.ic.stats().operations.StartDeviceAuthorization).toBe(1);
  });

  it('lets a second process wait for the first one and use its tokens instead of starting another device flow', async () => {
    const other = h.otherProcess();
    let code = '';
    const first = h.signIn.signIn(h.instance.id, { noBrowser: true, onEvent: (e) => void (e.type === 'authorization' && (code = e.userCode)) });
    await until(() => code !== '');
    const seen: SignInEvent[] = [];
    const second = other.signIn.signIn(h.instance.id, { noBrowser: true, onEvent: (e) => seen.push(e) });
    // It says it is waiting for the other process, and starts no device authorization.
    await until(() => seen.length > 0);
    expect(seen).toEqual([{ type: 'waiting', instanceId: h.instance.id }]);
    h.ic.approve(code);
    await driveClock(h.clock, Promise.all([first, second]));
    expect(h.ic.stats().operations.StartDeviceAuthorization).toBe(1);
    expect(await other.tokens.getAccessToken(h.instance.id)).toBe(await h.tokens.getAccessToken(h.instance.id));
  });

  it('stops polling when the caller cancels', async () => {
    const controller = new AbortController();
    const signIn = h.signIn.signIn(h.instance.id, { noBrowser: true, signal: controller.signal });
    const done = driveClock(h.clock, signIn).catch((e: unknown) => e);
    await until(() => createTokenPolls().length >= 2);
    controller.abort();
    expect(await done).toMatchObject({ code: 'sign-in-cancelled' });
    await until(() => !h.signIn.signingIn(h.instance.id));
    const polls = createTokenPolls().length;
    await h.clock.advance(10_000);
    expect(createTokenPolls()).toHaveLength(polls);
    expect(h.clock.pendingTimers).toBe(0);
  });
});
