import { describe, expect, it } from 'vitest';
import { isoTimestamp, processCredentialsJson } from '../../main/cli/process-credentials';

describe('the credential_process answer', () => {
  it('writes Expiration exactly as Date#toISOString does', () => {
    const edges = [0, 1, 999, 86_399_999, 86_400_000, 951_782_400_000, 951_868_799_999, 4_107_542_400_000, 253_402_300_799_999];
    const random = Array.from({ length: 20_000 }, () => Math.floor(Math.random() * 253_402_300_800_000));
    for (const ms of [...edges, ...random]) expect(isoTimestamp(ms)).toBe(new Date(ms).toISOString());
    // Outside 1970–9999, and for fractions, Date itself answers.
    for (const ms of [-1, -62_198_755_200_000, 253_402_300_800_000, 1.5]) expect(isoTimestamp(ms)).toBe(new Date(ms).toISOString());
  });

  it('is one line of Version 1 JSON with the four fields the SDKs read', () => {
    const line = processCredentialsJson({ accessKeyId: 'ASIA1', secretAccessKey: 's', sessionToken: 't', expiration: Date.UTC(2026, 10, 24, 12, 30) });
    expect(line).toBe('{"Version":1,"AccessKeyId":"ASIA1","SecretAccessKey":"s","SessionToken":"t","Expiration":"2026-11-24T12:30:00.000Z"}\n');
  });
});
