import { describe, expect, it } from 'vitest';
import { checkBrowserUrl, sandboxInstanceFor } from '../../../main/core/browser/allowed-urls';

describe('checkBrowserUrl', () => {
  it.each([
    'https://signin.aws.amazon.com/federation?Action=login&SigninToken=abc',
    'https://eu-west-1.signin.aws.amazon.com/federation?Action=login',
    'https://signin.aws.amazon.com/oauth?Action=logout&redirect_uri=https%3A%2F%2Fus-east-1.signin.aws.amazon.com%2Ffederation',
    'https://signin.amazonaws-us-gov.com/federation',
    'https://signin.amazonaws.cn/federation',
    'https://eusc-de-east-1.signin.amazonaws-eusc.eu/federation',
    'https://console.aws.amazon.com/',
    'https://us-east-1.console.aws.amazon.com/ec2/home?region=us-east-1#Instances:',
    'https://s3.console.aws.amazon.com/s3/buckets',
    'https://console.amazonaws-us-gov.com/',
    'https://console.amazonaws.cn/',
    'https://d-90670c0e1a.awsapps.com/start',
    'https://acme.awsapps.com/start#/',
    'https://start.us-gov-west-1.us-gov-home.awsapps.com/directory/d-906755d6c5',
    'https://d-9067c4a1b2.awsapps.cn/start',
    'https://ssoins-7223c4f9117b4c94.portal.us-east-1.app.aws',
    'https://device.sso.us-east-1.amazonaws.com/?user_code=ABCD-EFGH',
    'https://oidc.eu-west-1.amazonaws.com/authorize?response_type=code&client_id=x&redirect_uri=http%3A%2F%2F127.0.0.1%3A4311%2Foauth%2Fcallback',
  ])('allows %s', (url) => {
    expect(checkBrowserUrl(url)).toMatchObject({ ok: true });
  });

  it.each([
    ['http://console.aws.amazon.com/', /only https/],
    ['HTTPS://console.aws.amazon.com/', /lower case/],
    ['javascript:alert(1)//https://console.aws.amazon.com', /only https/],
    ['data:text/html;base64,PHNjcmlwdD4=', /only https/],
    ['file:///etc/passwd', /only https/],
    ['ftp://console.aws.amazon.com/', /only https/],
    ['ext+granted-containers:name=x&url=https://evil.com', /only https/],
    ['https://evil.com/', /not an AWS/],
    ['https://evil.com/console.aws.amazon.com', /not an AWS/],
    ['https://evil.com/?https://console.aws.amazon.com/', /not an AWS/],
    ['https://console.aws.amazon.com.evil.com/', /not an AWS/],
    ['https://signin.aws.amazon.com.evil.com/federation', /not an AWS/],
    ['https://awsapps.com.evil.com/start', /not an AWS/],
    ['https://evilawsapps.com/start', /not an AWS/],
    ['https://signin-aws-amazon.com/', /not an AWS/],
    ['https://amazon.com/', /not an AWS/],
    ['https://aws.amazon.com.console.aws.amazon.com.evil.com/', /not an AWS/],
    ['https://a.b.console.aws.amazon.com/', /not an AWS/],
    ['https://device.sso.us-east-1.amazonaws.com.evil.com/', /not an AWS/],
    ['https://console.aws.amazon.com@evil.com/', /user name/],
    ['https://signin.aws.amazon.com:pw@evil.com/', /user name/],
    ['https://evil.com#@console.aws.amazon.com/', /not an AWS/],
    ['https://evil.com\\@console.aws.amazon.com/', /backslash/],
    ['https://console.aws.amazon.com\\.evil.com/', /backslash/],
    ['https:\\\\console.aws.amazon.com', /backslash/],
    ['https:/evil.com/', /no host/],
    ['https:evil.com', /no host/],
    ['https:///evil.com', /plain lower-case/],
    ['https://сonsole.aws.amazon.com/', /non-ASCII/],
    ['https://xn--onsole-7fg.aws.amazon.com/', /not an AWS/],
    ['https://console.aws.amazon.xn--com-9o0a/', /plain lower-case|not an AWS/],
    ['https://console%2eaws.amazon.com/', /plain lower-case/],
    ['https://%63onsole.aws.amazon.com/', /plain lower-case/],
    ['https://console.aws.amazon.com./', /plain lower-case/],
    ['https://console.aws.amazon.com:443/', /port/],
    ['https://54.239.28.85/', /IP address/],
    ['https://[::1]/', /port|plain lower-case/],
    ['https://console.aws.amazon.com/ path', /spaces/],
    ['https://console.aws.amazon.com/\n', /control/],
    ['https://console.aws\t.amazon.com/', /control/],
    ['https://console.aws.amazon.com//evil.com', /\/\//],
    ['https://console.aws.amazon.com/%2f%2fevil.com', /encoded slash/],
    ['https://console.aws.amazon.com/%5cevil.com', /encoded slash/],
    ['', /empty/],
    [42, /empty/],
  ])('refuses %j', (url, reason) => {
    const result = checkBrowserUrl(url);
    expect(result.ok).toBe(false);
    expect(result.ok ? '' : result.reason).toMatch(reason);
  });

  it('allows the sandbox origin only when the caller names it, and only that origin', () => {
    const origin = 'http://127.0.0.1:43917';
    const login = `${origin}/federation?Action=login&SigninToken=x`;
    expect(checkBrowserUrl(login)).toMatchObject({ ok: false });
    expect(checkBrowserUrl(login, { sandboxOrigin: origin })).toEqual({ ok: true, url: login });
    expect(checkBrowserUrl(`${origin}/`, { sandboxOrigin: `${origin}/` })).toMatchObject({ ok: true });
    expect(checkBrowserUrl('http://127.0.0.1:43918/federation', { sandboxOrigin: origin })).toMatchObject({ ok: false });
    expect(checkBrowserUrl(`${origin}@evil.com/`, { sandboxOrigin: origin })).toMatchObject({ ok: false });
    expect(checkBrowserUrl(`${origin}0/`, { sandboxOrigin: origin })).toMatchObject({ ok: false });
    expect(checkBrowserUrl(`${origin}\\@evil.com/`, { sandboxOrigin: origin })).toMatchObject({ ok: false });
    expect(checkBrowserUrl('http://10.1.2.3:43917/', { sandboxOrigin: 'http://10.1.2.3:43917' })).toEqual({ ok: false, reason: 'the sandbox endpoint is not a loopback origin' });
    expect(checkBrowserUrl('https://evil.com/', { sandboxOrigin: origin })).toMatchObject({ ok: false });
  });
});

describe('sandboxInstanceFor', () => {
  const instances = [
    { id: 'aws', endpointUrl: undefined },
    { id: 'short', endpointUrl: 'http://127.0.0.1:1234' },
    { id: 'long', endpointUrl: 'http://127.0.0.1:12345/' },
  ];

  it('names the instance whose sandbox origin serves the URL, by origin and not by text prefix', () => {
    expect(sandboxInstanceFor('http://127.0.0.1:12345/device?user_code=ABCD-EFGH', instances)?.id).toBe('long');
    expect(sandboxInstanceFor('http://127.0.0.1:1234/device', instances)?.id).toBe('short');
  });

  it('names none for AWS pages, other origins and text that is not a URL', () => {
    expect(sandboxInstanceFor('https://device.sso.eu-west-1.amazonaws.com/', instances)).toBeUndefined();
    expect(sandboxInstanceFor('http://127.0.0.1:9/', instances)).toBeUndefined();
    expect(sandboxInstanceFor('not a url', instances)).toBeUndefined();
  });
});
