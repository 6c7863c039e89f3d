import { afterEach, describe, expect, it } from 'vitest';
import { registrationKey } from '../../../main/core/auth/token-record';
import { driveClock, startAuthHarness, type AuthHarness } from './auth-harness';

let h: AuthHarness;

afterEach(async () => {
  await h.close();
});

const signIn = () => driveClock(h.clock, h.signIn.signIn(h.instance.id, { noBrowser: true }));

describe('client registration', () => {
  it('is reused until a day before it expires, then renewed', async () => {
    h = await startAuthHarness({ lifetimes: { clientRegistrationSeconds: 3 * 24 * 3600, sessionSeconds: 90 * 24 * 3600 } });
    h.ic.autoApprove('allow');
    await signIn();
    await h.clock.advance(36 * 3600_000);
    await signIn();
    expect(h.ic.stats().operations.RegisterClient).toBe(1);
    await h.clock.advance(13 * 3600_000);
    await signIn();
    expect(h.ic.stats().operations.RegisterClient).toBe(2);
  });

  it('registers again when Identity Center no longer accepts the stored one', async () => {
    h = await startAuthHarness();
    h.ic.autoApprove('allow');
    await signIn();
    const key = registrationKey('device');
    const record = JSON.parse((await h.secrets.get(h.instance.id, key))!);
    await h.secrets.set(h.instance.id, key, JSON.stringify({ ...record, clientSecret: 'revoked-by-an-administrator' }));
    await signIn();
    const calls = h.ic.requests().map((r) => `${r.operation}${r.errorType ? `:${r.errorType}` : ''}`);
    expect(calls.filter((c) => c.startsWith('RegisterClient'))).toHaveLength(2);
    expect(calls).toContain('StartDeviceAuthorization:InvalidClientException');
    const renewed = JSON.parse((await h.secrets.get(h.instance.id, key))!);
    expect(renewed.clientId).not.toBe(record.clientId);
    expect(await h.tokens.getAccessToken(h.instance.id)).toContain('CANARY');
  });
});
