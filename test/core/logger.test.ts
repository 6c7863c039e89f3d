import { describe, expect, it } from 'vitest';
import { createLogger, type LogRecord } from '../../main/core/logger';

describe('createLogger', () => {
  it('replaces secret-looking fields whatever their value, and keeps the rest', () => {
    const records: LogRecord[] = [];
    const log = createLogger((r) => records.push(r));
    log.info('token refreshed', { accessToken: 'AT-1', refreshToken: 'RT-1', clientSecret: 'CS', instance: 'acme', userCode: 'ABCD-EFGH', code: 'auth-code' });
    const line = JSON.stringify(records);
    expect(line).not.toContain('AT-1');
    expect(line).not.toContain('RT-1');
    expect(line).not.toContain('auth-code');
    expect(records[0]?.fields).toMatchObject({ instance: 'acme', userCode: 'ABCD-EFGH', accessToken: '[redacted]' });
  });
});
