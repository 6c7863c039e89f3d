import { describe, expect, it } from 'vitest';
import {
  instanceIdCandidate,
  slugify,
  validateEndpointUrl,
  validateRegion,
  validateStartUrl,
} from '../../../main/core/instances/instance-validation';

describe('start URL', () => {
  it('accepts AWS start URLs and custom aliases, normalised', () => {
    expect(validateStartUrl('https://d-1234567890.awsapps.com/start')).toBe('https://d-1234567890.awsapps.com/start');
    expect(validateStartUrl(' https://Acme.awsapps.com/start/ ')).toBe('https://acme.awsapps.com/start');
    expect(validateStartUrl('https://start.us-gov-home.awsapps.com/directory/d-9067a1b2c3')).toBe('https://start.us-gov-home.awsapps.com/directory/d-9067a1b2c3');
    expect(validateStartUrl('https://sso.example.com/start#/')).toBe('https://sso.example.com/start');
  });

  it.each([
    ['http://d-1234567890.awsapps.com/start', 'must use https'],
    ['d-1234567890.awsapps.com/start', 'is not a URL'],
    ['https://d-1234567890.awsapps.com/', 'should end in /start'],
    ['https://localhost/start', 'no usable host name'],
    ['https://user:pw@acme.awsapps.com/start', 'no usable host name'],
  ])('refuses %s, naming the value and an example', (value, why) => {
    let error: unknown;
    try {
      validateStartUrl(value);
    } catch (e) {
      error = e;
    }
    expect(error).toMatchObject({ code: 'invalid-input' });
    expect((error as Error).message).toContain(value);
    expect((error as Error).message).toContain(why);
    expect((error as { hint: string }).hint).toContain('https://d-1234567890.awsapps.com/start');
  });
});

describe('region', () => {
  it.each(['us-east-1', 'eu-central-2', 'us-gov-west-1', 'cn-northwest-1', 'ap-southeast-5', 'il-central-1'])('accepts %s', (region) => {
    expect(validateRegion(region)).toBe(region);
  });

  it.each(['us-east', 'US-EAST-1', 'useast1', 'us-east-1a', '', 'eu_west_1'])('refuses "%s" with an example', (region) => {
    expect(() => validateRegion(region)).toThrow(expect.objectContaining({ code: 'invalid-input', message: `"${region}" is not an AWS region name.`, hint: expect.stringContaining('us-east-1') }));
  });
});

describe('endpoint override', () => {
  it('accepts loopback origins only', () => {
    expect(validateEndpointUrl('http://127.0.0.1:4566')).toBe('http://127.0.0.1:4566');
    expect(validateEndpointUrl('http://localhost:8080/')).toBe('http://localhost:8080');
    for (const bad of ['http://10.0.0.1:4566', 'https://oidc.us-east-1.amazonaws.com', 'http://127.0.0.1:4566/path', 'file:///etc/passwd', 'http://127.0.0.1.evil.com']) {
      expect(() => validateEndpointUrl(bad)).toThrow(expect.objectContaining({ code: 'invalid-input' }));
    }
  });
});

describe('instance ids', () => {
  it('come from the name, else the start URL subdomain', () => {
    expect(slugify('Acme Production (EU)')).toBe('acme-production-eu');
    expect(slugify('Société Générale')).toBe('societe-generale');
    expect(instanceIdCandidate('https://d-1234567890.awsapps.com/start', undefined)).toBe('d-1234567890');
    expect(instanceIdCandidate('https://acme.awsapps.com/start', 'Acme Prod')).toBe('acme-prod');
    expect(instanceIdCandidate('https://acme.awsapps.com/start', '!!!')).toBe('acme');
  });
});
