import { CreateTokenCommand, InvalidGrantException, SSOOIDCClient } from '@aws-sdk/client-sso-oidc';
import { LogoutCommand, SSOClient } from '@aws-sdk/client-sso';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SessionEndedError } from '../../../main/core/auth/access-token-source';
import { registrationKey, TOKEN_KEY } from '../../../main/core/auth/token-record';
import { TokenService } from '../../../main/core/auth/token-service';
import { driveClock, startAuthHarness, type AuthHarness } from './auth-harness';

let h: AuthHarness;

beforeEach(async () => {
  h = await startAuthHarness();
  h.ic.autoApprove('allow');
  await driveClock(h.clock, h.signIn.signIn(h.instance.id, { noBrowser: true }));
});

afterEach(async () => {
  await h.close();
});

const MINUTE = 60_000;
const refreshCalls = () => h.ic.requests().filter((r) => r.operation === 'CreateToken' && r.grantType === 'refresh_token');
const stored = async () => JSON.parse((await h.secrets.get(h.instance.id, TOKEN_KEY))!);

describe('TokenService', () => {
  it('hands out the stored token while more than the lead remains', async () => {
    const first = await h.tokens.getAccessToken(h.instance.id);
    await h.clock.advance(44 * 60_000);
    expect(await h.tokens.getAccessToken(h.instance.id)).toBe(first);
    expect(refreshCalls()).toHaveLength(0);
  });

  it('refreshes under the lead, stores the rotated refresh token, and the old one is refused afterwards', async () => {
    const before = await stored();
    await h.clock.advance(46 * 60_000);
    const token = await h.tokens.getAccessToken(h.instance.id);
    expect(token).not.toBe(before.accessToken);
    expect(refreshCalls()).toHaveLength(1);
    const after = await stored();
    expect(after.accessToken).toBe(token);
    expect(after.refreshToken).not.toBe(before.refreshToken);
    expect(after.expiresAt).toBe(h.clock.now() + 3600_000);

    const registration = JSON.parse((await h.secrets.get(h.instance.id, registrationKey('device')))!);
    const oidc = new SSOOIDCClient({ region: h.ic.region, endpoint: h.ic.endpoint, maxAttempts: 1 });
    try {
      await expect(
        oidc.send(new CreateTokenCommand({ clientId: registration.clientId, clientSecret: registration.clientSecret, grantType: 'refresh_token', refreshToken: before.refreshToken })),
      ).rejects.toBeInstanceOf(InvalidGrantException);
    } finally {
      oidc.destroy();
    }
  });

  it('reads the refresh lead and the warning at each call, so a changed setting applies at once', async () => {
    let lead = 15 * MINUTE;
    let warning = 10 * MINUTE;
    // A second service over the same keychain, with the lengths as getters (the user's settings).
    const tokens = new TokenService({ instances: h.registry, secrets: h.secrets, clock: h.clock, appDataDir: h.appDir, refreshLeadMs: () => lead, sessionWarningMs: () => warning });
    const first = await tokens.getAccessToken(h.instance.id);
    await h.clock.advance(35 * MINUTE);
    expect(await tokens.getAccessToken(h.instance.id)).toBe(first);
    lead = 30 * MINUTE;
    expect(await tokens.getAccessToken(h.instance.id)).not.toBe(first);
    expect(refreshCalls()).toHaveLength(1);

    expect((await tokens.sessionState(h.instance.id)).status).toBe('active');
    warning = 8 * 60 * MINUTE;
    expect((await tokens.sessionState(h.instance.id)).status).toBe('ending-soon');
  });

  it('with a lead as long as the token, refreshes at half its life, never on every call', async () => {
    const tokens = new TokenService({ instances: h.registry, secrets: h.secrets, clock: h.clock, appDataDir: h.appDir, refreshLeadMs: 60 * MINUTE });
    const first = await tokens.getAccessToken(h.instance.id);
    expect(await tokens.getAccessToken(h.instance.id)).toBe(first);
    await h.clock.advance(29 * MINUTE);
    expect(await tokens.getAccessToken(h.instance.id)).toBe(first);
    expect(refreshCalls()).toHaveLength(0);
    await h.clock.advance(2 * MINUTE);
    const second = await tokens.getAccessToken(h.instance.id);
    expect(second).not.toBe(first);
    expect(await tokens.getAccessToken(h.instance.id)).toBe(second);
    expect(refreshCalls()).toHaveLength(1);
  });

  it('shares one refresh between concurrent callers and between processes', async () => {
    const other = h.otherProcess();
    await h.clock.advance(50 * 60_000);
    const tokens = await Promise.all([
      h.tokens.getAccessToken(h.instance.id),
      h.tokens.getAccessToken(h.instance.id),
      other.tokens.getAccessToken(h.instance.id),
      other.tokens.getAccessToken(h.instance.id),
    ]);
    expect(new Set(tokens).size).toBe(1);
    expect(refreshCalls()).toHaveLength(1);
  });

  it('keeps the session alive through refresh tokens until the Identity Center session ends', async () => {
    for (let hour = 1; hour < 8; hour += 1) {
      await h.clock.advance(3600_000);
      await h.tokens.getAccessToken(h.instance.id);
    }
    expect(refreshCalls().length).toBeGreaterThanOrEqual(7);
    expect((await h.tokens.sessionState(h.instance.id)).status).toBe('active');
    await h.clock.advance(3600_000);
    const error = await h.tokens.getAccessToken(h.instance.id).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SessionEndedError);
    expect(error).toMatchObject({ code: 'session-ended', instanceId: 'acme' });
    expect((await h.tokens.sessionState(h.instance.id)).status).toBe('expired');
  });

  it('turns a revoked session into SessionEndedError with the sign-in hint, keeping the registration', async () => {
    const token = await h.tokens.getAccessToken(h.instance.id);
    const portal = new SSOClient({ region: h.ic.region, endpoint: h.ic.endpoint, maxAttempts: 1 });
    await portal.send(new LogoutCommand({ accessToken: token }));
    portal.destroy();

    const error = await h.tokens.refreshAfterUnauthorized(h.instance.id, token).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SessionEndedError);
    expect((error as SessionEndedError).hint).toContain('rolecall login acme');
    expect((error as SessionEndedError).message).not.toContain('CANARY');
    expect(await h.tokens.sessionState(h.instance.id)).toMatchObject({ status: 'expired' });
    await expect(h.tokens.getAccessToken(h.instance.id)).rejects.toMatchObject({ code: 'session-ended' });
    expect(await h.secrets.get(h.instance.id, registrationKey('device'))).not.toBeNull();
    expect(await h.secrets.get(h.instance.id, TOKEN_KEY)).not.toContain('CANARY');

    await driveClock(h.clock, h.signIn.signIn(h.instance.id, { noBrowser: true }));
    expect(await h.tokens.getAccessToken(h.instance.id)).toContain('CANARY');
    expect(h.ic.stats().operations.RegisterClient).toBe(1);
  });

  it('after UnauthorizedException, callers that saw the same token share one refresh', async () => {
    const token = await h.tokens.getAccessToken(h.instance.id);
    const answers = await Promise.all([1, 2, 3].map(() => h.tokens.refreshAfterUnauthorized(h.instance.id, token)));
    expect(new Set(answers).size).toBe(1);
    expect(answers[0]).not.toBe(token);
    expect(refreshCalls()).toHaveLength(1);
    // A caller that still holds the old token gets the new one without another refresh.
    expect(await h.tokens.refreshAfterUnauthorized(h.instance.id, token)).toBe(answers[0]);
    expect(refreshCalls()).toHaveLength(1);
  });

  it('signs out: ends the portal session, deletes the tokens, keeps the registration', async () => {
    await h.signIn.signOut(h.instance.id);
    expect(h.ic.stats().operations.Logout).toBe(1);
    expect(await h.secrets.get(h.instance.id, TOKEN_KEY)).toBeNull();
    expect(await h.secrets.get(h.instance.id, registrationKey('device'))).not.toBeNull();
    expect((await h.tokens.sessionState(h.instance.id)).status).toBe('signed-out');
    await expect(h.tokens.getAccessToken(h.instance.id)).rejects.toMatchObject({ code: 'not-signed-in' });
  });

  it('removing the instance deletes every keychain item it owned', async () => {
    await h.secrets.set(h.instance.id, 'role:111111111111:Admin', '{"other":"feature"}');
    expect((await h.secrets.keys(h.instance.id)).length).toBe(3);
    await h.registry.remove(h.instance.id);
    expect(await h.secrets.keys(h.instance.id)).toEqual([]);
    expect(await h.registry.list()).toEqual([]);
  });
});
