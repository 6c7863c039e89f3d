/**
 * AWS partitions as console sign-in sees them: which sign-in host exchanges credentials for a
 * token, and which console host a destination may point at.
 *
 * Sources: the AWS Sign-In endpoints table (General Reference, "AWS Sign-In endpoints and
 * quotas": us-east-1 is served by `signin.aws.amazon.com`, every other commercial region by
 * `{region}.signin.aws.amazon.com`); the Management Console endpoints table
 * (`{region}.console.aws.amazon.com`); the IAM guide's federation pages for aws-us-gov and
 * aws-cn (`signin.amazonaws-us-gov.com`, `signin.amazonaws.cn`); the SDK's Sign-In endpoint
 * rules and the European Sovereign Cloud endpoints (`{region}.signin.amazonaws-eusc.eu`,
 * `{region}.console.amazonaws-eusc.eu`). The isolated partitions (aws-iso*) publish no console
 * sign-in, so their regions are recognised and refused with ConsoleUnavailableError.
 */
import { ConsoleUnavailableError, UnknownRegionError } from './errors';

export type PartitionId = 'aws' | 'aws-us-gov' | 'aws-cn' | 'aws-eusc';

export interface Partition {
  id: PartitionId;
  /** The global sign-in host, `signin.aws.amazon.com`. */
  signinDomain: string;
  /**
   * Which sign-in host serves a region: `global` (always `signinDomain`), `regional`
   * (`{region}.{signinDomain}`), or regional except for `globalSigninRegion`, which the global
   * host serves.
   */
  signinHosts: 'global' | 'regional' | 'regional-except-home';
  /** The region the global sign-in host serves. */
  globalSigninRegion: string | null;
  /** The console's own domain, `console.aws.amazon.com`. Console pages live on it or one label under it. */
  consoleDomain: string;
  /** Whether destinations go to the regional console host `{region}.{consoleDomain}`. */
  regionalConsole: boolean;
  /** Where the logout URL lives that can redirect to a federation login, when AWS has one. */
  signOutFirst: { logoutHost: string; loginHost: string } | null;
}

const PARTITIONS: Record<PartitionId, Partition> = {
  aws: {
    id: 'aws',
    signinDomain: 'signin.aws.amazon.com',
    signinHosts: 'regional-except-home',
    globalSigninRegion: 'us-east-1',
    consoleDomain: 'console.aws.amazon.com',
    regionalConsole: true,
    // The logout endpoint follows `redirect_uri` only to the us-east-1 sign-in host.
    signOutFirst: { logoutHost: 'signin.aws.amazon.com', loginHost: 'us-east-1.signin.aws.amazon.com' },
  },
  'aws-us-gov': {
    id: 'aws-us-gov',
    signinDomain: 'signin.amazonaws-us-gov.com',
    signinHosts: 'global',
    globalSigninRegion: 'us-gov-west-1',
    consoleDomain: 'console.amazonaws-us-gov.com',
    regionalConsole: false,
    signOutFirst: { logoutHost: 'signin.amazonaws-us-gov.com', loginHost: 'us-gov-west-1.signin.amazonaws-us-gov.com' },
  },
  'aws-cn': {
    id: 'aws-cn',
    signinDomain: 'signin.amazonaws.cn',
    signinHosts: 'global',
    globalSigninRegion: 'cn-north-1',
    consoleDomain: 'console.amazonaws.cn',
    regionalConsole: false,
    signOutFirst: null,
  },
  'aws-eusc': {
    id: 'aws-eusc',
    signinDomain: 'signin.amazonaws-eusc.eu',
    signinHosts: 'regional',
    globalSigninRegion: null,
    consoleDomain: 'console.amazonaws-eusc.eu',
    regionalConsole: true,
    signOutFirst: null,
  },
};

// Checked in this order; the isolated partitions come first so their names never fall through.
const REGION_PATTERNS: { pattern: RegExp; partition: PartitionId | 'aws-iso' | 'aws-iso-b' | 'aws-iso-e' | 'aws-iso-f' }[] = [
  { pattern: /^us-iso-[a-z]+-\d{1,2}$/, partition: 'aws-iso' },
  { pattern: /^us-isob-[a-z]+-\d{1,2}$/, partition: 'aws-iso-b' },
  { pattern: /^eu-isoe-[a-z]+-\d{1,2}$/, partition: 'aws-iso-e' },
  { pattern: /^us-isof-[a-z]+-\d{1,2}$/, partition: 'aws-iso-f' },
  { pattern: /^us-gov-[a-z]+-\d{1,2}$/, partition: 'aws-us-gov' },
  { pattern: /^cn-[a-z]+-\d{1,2}$/, partition: 'aws-cn' },
  { pattern: /^eusc-de-[a-z]+-\d{1,2}$/, partition: 'aws-eusc' },
  // Names that look like another partition's (us-gov-1, eu-isoe-1) are not commercial regions.
  { pattern: /^(us|eu|ap|sa|ca|me|af|il|mx)-(?!gov-|iso)[a-z]+-\d{1,2}$/, partition: 'aws' },
];

/** The partition `region` belongs to. Throws UnknownRegionError, or ConsoleUnavailableError for isolated partitions. */
export function partitionForRegion(region: string): Partition {
  const match = typeof region === 'string' ? REGION_PATTERNS.find((p) => p.pattern.test(region)) : undefined;
  if (!match) throw new UnknownRegionError(String(region));
  if (!(match.partition in PARTITIONS)) throw new ConsoleUnavailableError(region, match.partition);
  return PARTITIONS[match.partition as PartitionId];
}

/** Every partition with console sign-in, for host allow-lists. */
export function consolePartitions(): readonly Partition[] {
  return Object.values(PARTITIONS);
}

/** The sign-in host that serves `region`: the global host for its home region, else the regional one. */
export function signinHost(partition: Partition, region: string): string {
  switch (partition.signinHosts) {
    case 'global':
      return partition.signinDomain;
    case 'regional':
      return `${region}.${partition.signinDomain}`;
    case 'regional-except-home':
      return region === partition.globalSigninRegion ? partition.signinDomain : `${region}.${partition.signinDomain}`;
  }
}

/** The console host a destination for `region` points at. */
export function consoleHost(partition: Partition, region: string): string {
  return partition.regionalConsole ? `${region}.${partition.consoleDomain}` : partition.consoleDomain;
}

const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

/** True when `host` (lower case) is the console domain of `partition` or one label under it (`s3.`, `eu-west-1.`). */
export function isConsoleHost(partition: Partition, host: string): boolean {
  return isDomainOrOneLabelUnder(host, partition.consoleDomain);
}

/** True when `host` is the sign-in domain of `partition` or one label under it (`eu-west-1.`). */
export function isSigninHost(partition: Partition, host: string): boolean {
  return isDomainOrOneLabelUnder(host, partition.signinDomain);
}

function isDomainOrOneLabelUnder(host: string, domain: string): boolean {
  if (host === domain) return true;
  if (!host.endsWith(`.${domain}`)) return false;
  return LABEL.test(host.slice(0, host.length - domain.length - 1));
}
