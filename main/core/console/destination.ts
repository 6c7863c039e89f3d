/**
 * Where the console lands after sign-in. A user gives nothing (console home), a service path
 * (`ec2/home`, `s3/buckets`, `ec2/home#Instances:`), or a full console URL; Rolecall turns it
 * into a URL on the role's partition's console, or refuses it. The sandbox takes the same AWS
 * console URLs and serves its own page for them, so destinations never depend on the endpoint.
 */
import { parseStrictHttpsUrl } from '../browser/allowed-urls';
import { InvalidDestinationError } from './errors';
import { consoleHost, consolePartitions, isConsoleHost, type Partition } from './partitions';

/** The console a destination is for: a partition's console, in a region. */
export interface ConsoleSite {
  partition: Partition;
  region: string;
}

const SEGMENT = /^[A-Za-z0-9_~-][A-Za-z0-9._~-]*$/;
// Characters a console query or fragment uses (`?region=x&tab=y`, `#Instances:sort=desc;v=3`).
const QUERY_OR_FRAGMENT = /^[A-Za-z0-9._~!$&'()*+,;=:@/?-]*$/;

/** The console base URL for `site`: `https://eu-west-1.console.aws.amazon.com`. */
export function consoleBase(site: ConsoleSite): string {
  return `https://${consoleHost(site.partition, site.region)}`;
}

/**
 * The console URL to land on. `destination` may be undefined (console home for the region), a
 * service path, or a full URL on a console host of the site's partition. Throws InvalidDestinationError for anything else, before any request is made.
 */
export function resolveDestination(site: ConsoleSite, destination: string | undefined): string {
  if (destination === undefined || destination.trim() === '') {
    return `${consoleBase(site)}/console/home?region=${encodeURIComponent(site.region)}`;
  }
  if (typeof destination !== 'string') throw new InvalidDestinationError('it is not text');
  if (/^[a-zA-Z][a-zA-Z0-9+.-]*:/.test(destination)) return fullUrlDestination(site, destination);
  return servicePathDestination(site, destination);
}

function servicePathDestination(site: ConsoleSite, destination: string): string {
  // eslint-disable-next-line no-control-regex
  if (/[\s\u0000-\u001f\u007f-\uffff]/.test(destination)) throw new InvalidDestinationError('it contains spaces, control or non-ASCII characters');
  if (destination.includes('\\')) throw new InvalidDestinationError('it contains a backslash');
  const withoutSlash = destination.startsWith('/') ? destination.slice(1) : destination;
  if (withoutSlash.startsWith('/')) throw new InvalidDestinationError('it starts with //, which would name another host');
  const match = /^([^?#]*)(\?[^#]*)?(#.*)?$/.exec(withoutSlash);
  const path = match?.[1] ?? '';
  const query = match?.[2]?.slice(1);
  const fragment = match?.[3]?.slice(1);
  const segments = path.split('/');
  if (path === '' || segments.some((s, i) => !(SEGMENT.test(s) || (s === '' && i === segments.length - 1)))) {
    throw new InvalidDestinationError('a service path is made of names such as ec2/home or s3/buckets (letters, digits, . _ ~ -), with no .. or empty parts');
  }
  for (const [part, value] of [['query', query], ['fragment', fragment]] as const) {
    // Percent escapes are fine; a bare % is not.
    if (value !== undefined && !QUERY_OR_FRAGMENT.test(value.replace(/%[0-9A-Fa-f]{2}/g, ''))) {
      throw new InvalidDestinationError(`its ${part} contains characters a console URL does not use`);
    }
  }
  return `${consoleBase(site)}/${path}${withRegion(query, site.region)}${fragment === undefined ? '' : `#${fragment}`}`;
}

/** `?query` with `region=` added unless the query already names one. */
function withRegion(query: string | undefined, region: string): string {
  const params = query === undefined || query === '' ? [] : query.split('&');
  if (!params.some((p) => p.startsWith('region='))) params.push(`region=${encodeURIComponent(region)}`);
  return `?${params.join('&')}`;
}

function fullUrlDestination(site: ConsoleSite, destination: string): string {
  const parsed = parseStrictHttpsUrl(destination);
  if (!parsed.ok) throw new InvalidDestinationError(parsed.reason);
  if (!isConsoleHost(site.partition, parsed.host)) {
    const other = consolePartitions().find((p) => isConsoleHost(p, parsed.host));
    throw new InvalidDestinationError(
      other
        ? `${parsed.host} is a console of partition ${other.id}, but the role is in ${site.partition.id}`
        : `${parsed.host} is not a console host of partition ${site.partition.id}`,
    );
  }
  return parsed.url.href;
}
