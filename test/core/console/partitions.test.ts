import { describe, expect, it } from 'vitest';
import { consoleHost, isConsoleHost, partitionForRegion, signinHost } from '../../../main/core/console/partitions';

describe('partitionForRegion', () => {
  it.each([
    ['us-east-1', 'aws', 'signin.aws.amazon.com', 'us-east-1.console.aws.amazon.com'],
    ['us-east-2', 'aws', 'us-east-2.signin.aws.amazon.com', 'us-east-2.console.aws.amazon.com'],
    ['eu-west-1', 'aws', 'eu-west-1.signin.aws.amazon.com', 'eu-west-1.console.aws.amazon.com'],
    ['ap-southeast-7', 'aws', 'ap-southeast-7.signin.aws.amazon.com', 'ap-southeast-7.console.aws.amazon.com'],
    ['mx-central-1', 'aws', 'mx-central-1.signin.aws.amazon.com', 'mx-central-1.console.aws.amazon.com'],
    ['il-central-1', 'aws', 'il-central-1.signin.aws.amazon.com', 'il-central-1.console.aws.amazon.com'],
    ['us-gov-west-1', 'aws-us-gov', 'signin.amazonaws-us-gov.com', 'console.amazonaws-us-gov.com'],
    ['us-gov-east-1', 'aws-us-gov', 'signin.amazonaws-us-gov.com', 'console.amazonaws-us-gov.com'],
    ['cn-north-1', 'aws-cn', 'signin.amazonaws.cn', 'console.amazonaws.cn'],
    ['cn-northwest-1', 'aws-cn', 'signin.amazonaws.cn', 'console.amazonaws.cn'],
    ['eusc-de-east-1', 'aws-eusc', 'eusc-de-east-1.signin.amazonaws-eusc.eu', 'eusc-de-east-1.console.amazonaws-eusc.eu'],
  ])('%s is in %s: sign-in at %s, console at %s', (region, partition, signin, console) => {
    const p = partitionForRegion(region);
    expect(p.id).toBe(partition);
    expect(signinHost(p, region)).toBe(signin);
    expect(consoleHost(p, region)).toBe(console);
  });

  it.each(['mars-north-1', 'US-EAST-1', 'us-east', 'us-east-1 ', 'aws-global', '', 'eu-west-1/../x', 'us-gov-1'])('refuses %j as an unknown region', (region) => {
    expect(() => partitionForRegion(region)).toThrow(expect.objectContaining({ code: 'unknown-region' }));
  });

  it.each(['us-iso-east-1', 'us-isob-east-1', 'eu-isoe-west-1', 'us-isof-south-1'])('says console sign-in is not available in the isolated region %s', (region) => {
    expect(() => partitionForRegion(region)).toThrow(expect.objectContaining({ code: 'console-unavailable' }));
  });
});

describe('isConsoleHost', () => {
  const aws = partitionForRegion('us-east-1');
  it.each([
    ['console.aws.amazon.com', true],
    ['eu-west-1.console.aws.amazon.com', true],
    ['s3.console.aws.amazon.com', true],
    ['a.b.console.aws.amazon.com', false],
    ['console.aws.amazon.com.evil.com', false],
    ['evilconsole.aws.amazon.com', false],
    ['-x.console.aws.amazon.com', false],
    ['console.amazonaws.cn', false],
  ])('%s → %s', (host, expected) => {
    expect(isConsoleHost(aws, host)).toBe(expected);
  });
});
