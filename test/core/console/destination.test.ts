import { describe, expect, it } from 'vitest';
import { resolveDestination } from '../../../main/core/console/destination';
import { partitionForRegion } from '../../../main/core/console/partitions';

const site = (region: string) => ({ partition: partitionForRegion(region), region });

describe('resolveDestination', () => {
  it.each([
    ['us-east-1', undefined, 'https://us-east-1.console.aws.amazon.com/console/home?region=us-east-1'],
    ['eu-west-2', '', 'https://eu-west-2.console.aws.amazon.com/console/home?region=eu-west-2'],
    ['eu-west-2', 'ec2/home', 'https://eu-west-2.console.aws.amazon.com/ec2/home?region=eu-west-2'],
    ['eu-west-2', '/ec2/home', 'https://eu-west-2.console.aws.amazon.com/ec2/home?region=eu-west-2'],
    ['eu-west-2', 's3/buckets', 'https://eu-west-2.console.aws.amazon.com/s3/buckets?region=eu-west-2'],
    ['eu-west-2', 'ec2/home#Instances:instanceState=running;sort=desc', 'https://eu-west-2.console.aws.amazon.com/ec2/home?region=eu-west-2#Instances:instanceState=running;sort=desc'],
    ['eu-west-2', 'ec2/home?region=us-west-2#Instances:', 'https://eu-west-2.console.aws.amazon.com/ec2/home?region=us-west-2#Instances:'],
    ['eu-west-2', 'cloudwatch/home?tab=x&y=%2Fz', 'https://eu-west-2.console.aws.amazon.com/cloudwatch/home?tab=x&y=%2Fz&region=eu-west-2'],
    ['us-gov-west-1', 'ec2/home', 'https://console.amazonaws-us-gov.com/ec2/home?region=us-gov-west-1'],
    ['cn-north-1', undefined, 'https://console.amazonaws.cn/console/home?region=cn-north-1'],
    ['eusc-de-east-1', 'lambda/home', 'https://eusc-de-east-1.console.amazonaws-eusc.eu/lambda/home?region=eusc-de-east-1'],
  ])('%s + %j → %s', (region, destination, expected) => {
    expect(resolveDestination(site(region), destination)).toBe(expected);
  });

  it.each([
    'https://console.aws.amazon.com/',
    'https://eu-west-1.console.aws.amazon.com/ec2/home?region=eu-west-1#Instances:',
    'https://s3.console.aws.amazon.com/s3/buckets/my-bucket?region=eu-west-1&prefix=a%2Fb/',
  ])('keeps a full console URL of the partition: %s', (url) => {
    expect(resolveDestination(site('eu-west-1'), url)).toBe(url);
  });

  it('accepts full URLs only on the role’s partition', () => {
    expect(resolveDestination(site('us-gov-west-1'), 'https://console.amazonaws-us-gov.com/iam/home')).toBe('https://console.amazonaws-us-gov.com/iam/home');
    expect(() => resolveDestination(site('us-gov-west-1'), 'https://console.aws.amazon.com/iam/home')).toThrow(/partition aws, but the role is in aws-us-gov/);
  });

  it.each([
    ['http://console.aws.amazon.com/', /only https/],
    ['javascript:alert(1)', /only https/],
    ['JavaScript:alert(document.cookie)', /only https/],
    ['data:text/html,<script>alert(1)</script>', /only https/],
    ['file:///etc/passwd', /only https/],
    ['https://evil.com/console.aws.amazon.com', /not a console host/],
    ['https://console.aws.amazon.com.evil.com/', /not a console host/],
    ['https://console.aws.amazon.com@evil.com/', /user name or password/],
    ['https://evil.com@console.aws.amazon.com/', /user name or password/],
    ['https://user:pass@console.aws.amazon.com/', /user name or password/],
    ['https://console.aws.amazon.com:8443/', /port/],
    ['https://console.aws.amazοn.com/', /non-ASCII/],
    ['https://xn--console-9ya.aws.amazon.com/', /not a console host/],
    ['https://console%2eaws.amazon.com/', /plain lower-case DNS name/],
    ['https:\\\\evil.com', /backslash/],
    ['https://console.aws.amazon.com\\@evil.com', /backslash/],
    ['https://console.aws.amazon.com//evil.com/', /starts with \/\//],
    ['https://console.aws.amazon.com/%2F%2Fevil.com', /encoded slash/],
    ['https://console.aws.amazon.com./', /plain lower-case DNS name/],
    ['https://CONSOLE.AWS.AMAZON.COM/', /plain lower-case DNS name/],
    ['https://127.0.0.1/', /not a console host|IP address/],
    ['https://console.aws.amazon.com/ec2\n/home', /control|spaces/],
    ['//evil.com/x', /\/\//],
    ['/\\evil.com', /backslash/],
    ['ec2/../../evil', /service path/],
    ['ec2//home', /service path/],
    ['ec2/home?x=<script>', /query contains/],
    ['ec2/home#a#b', /fragment contains/],
    ['ec2/home?x=%zz', /query contains/],
    ['ec2 home', /spaces/],
    ['évian/home', /non-ASCII/],
    ['evil.com:443/x', /only https/],
  ])('refuses %j', (destination, reason) => {
    let error: unknown;
    try {
      resolveDestination(site('us-east-1'), destination);
    } catch (e) {
      error = e;
    }
    expect(error).toMatchObject({ code: 'invalid-destination' });
    expect((error as Error).message).toMatch(reason);
  });
});
