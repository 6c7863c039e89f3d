import { describe, expect, it } from 'vitest';
import { requestValidators } from '../../../main/ipc/contract';
import { validateInstanceDraft } from '../../../renderer/sign-in/instance-input';

const draft = (over: Partial<Record<'startUrl' | 'region' | 'name' | 'endpointUrl', string>>) => ({ startUrl: '', region: '', name: '', endpointUrl: '', ...over });

describe('validateInstanceDraft', () => {
  it('builds the input main expects from a good form (trimmed, empty fields left out)', () => {
    const result = validateInstanceDraft(draft({ startUrl: ' https://d-1234567890.awsapps.com/start ', region: 'EU-West-1', name: '' }));
    expect(result).toEqual({ ok: true, input: { startUrl: 'https://d-1234567890.awsapps.com/start', region: 'eu-west-1' } });
    if (result.ok) expect(requestValidators['instances:add']([result.input])).toBe(true);
  });

  it('says what to type for each field that is wrong', () => {
    const result = validateInstanceDraft(draft({ startUrl: 'http://d-1234567890.awsapps.com/start', region: 'europe', name: 'x'.repeat(101), endpointUrl: 'ftp://x' }));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.startUrl).toMatch(/https:\/\//);
    expect(result.errors.region).toMatch(/us-east-1/);
    expect(result.errors.name).toMatch(/100/);
    expect(result.errors.endpointUrl).toMatch(/http/);
  });

  it('asks for the two required fields when they are empty', () => {
    const result = validateInstanceDraft(draft({}));
    expect(result.ok ? [] : Object.keys(result.errors).sort()).toEqual(['region', 'startUrl']);
  });

  it('accepts plain http only for a local sandbox', () => {
    expect(validateInstanceDraft(draft({ startUrl: 'http://127.0.0.1:4566/start', region: 'us-east-1', endpointUrl: 'http://127.0.0.1:4566' })).ok).toBe(true);
    expect(validateInstanceDraft(draft({ startUrl: 'http://example.com/start', region: 'us-east-1' })).ok).toBe(false);
  });
});
