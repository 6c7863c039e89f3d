import { InvalidInputError } from '../errors';
import { REGION_PATTERN } from '../model';

const START_URL_EXAMPLE = 'https://d-1234567890.awsapps.com/start';

/** A region name as the user typed it, checked against the AWS region pattern. */
export function validateRegion(region: string): string {
  const value = region.trim();
  if (!REGION_PATTERN.test(value)) {
    throw new InvalidInputError(`"${region}" is not an AWS region name.`, {
      hint: 'Give the region your Identity Center instance lives in, such as us-east-1 or eu-west-2 (Identity Center settings in the AWS console show it).',
    });
  }
  return value;
}

/**
 * A start URL, normalised (no trailing slash, no query or fragment). AWS start URLs are
 * `https://d-xxxxxxxxxx.awsapps.com/start` or a custom alias `https://acme.awsapps.com/start`;
 * an https URL on another host is accepted too (China uses other hosts), but an awsapps.com
 * URL must end in `/start` (or `/directory/<id>` in GovCloud).
 */
export function validateStartUrl(startUrl: string): string {
  const raw = startUrl.trim();
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new InvalidInputError(`"${startUrl}" is not a URL.`, { hint: `A start URL looks like ${START_URL_EXAMPLE}.` });
  }
  if (url.protocol !== 'https:') {
    throw new InvalidInputError(`The start URL "${startUrl}" must use https.`, { hint: `A start URL looks like ${START_URL_EXAMPLE}.` });
  }
  if (url.hostname === '' || url.username !== '' || url.password !== '' || !url.hostname.includes('.')) {
    throw new InvalidInputError(`The start URL "${startUrl}" has no usable host name.`, { hint: `A start URL looks like ${START_URL_EXAMPLE}.` });
  }
  const path = url.pathname.replace(/\/+$/, '');
  if (url.hostname.endsWith('.awsapps.com')) {
    // GovCloud portals use `/directory/<directory id>` instead of `/start`.
    if (path !== '/start' && !/^\/directory\/[a-z0-9-]+$/i.test(path)) {
      throw new InvalidInputError(`The start URL "${startUrl}" should end in /start.`, { hint: `Copy it from the AWS access portal's settings; it looks like ${START_URL_EXAMPLE}.` });
    }
    if (!/^([a-z0-9][a-z0-9-]*\.)+awsapps\.com$/i.test(url.hostname)) {
      throw new InvalidInputError(`The start URL "${startUrl}" has an unusual awsapps.com host name.`, { hint: `A start URL looks like ${START_URL_EXAMPLE}.` });
    }
  }
  return `${url.protocol}//${url.host.toLowerCase()}${path}`;
}

/**
 * An endpoint override (the local sandbox): only a loopback http(s) origin, so a typo or a
 * malicious setting can never send tokens elsewhere.
 */
export function validateEndpointUrl(endpointUrl: string): string {
  let url: URL;
  try {
    url = new URL(endpointUrl.trim());
  } catch {
    throw new InvalidInputError(`"${endpointUrl}" is not a URL.`, { hint: 'An endpoint override looks like http://127.0.0.1:4566.' });
  }
  const loopback = url.hostname === '127.0.0.1' || url.hostname === 'localhost' || url.hostname === '[::1]';
  if (!loopback || (url.protocol !== 'http:' && url.protocol !== 'https:') || url.username !== '' || url.password !== '') {
    throw new InvalidInputError(`The endpoint override "${endpointUrl}" must be an http address on this computer (127.0.0.1 or localhost).`, {
      hint: 'Endpoint overrides are for the local sandbox only, such as http://127.0.0.1:4566. Leave it out for real AWS.',
    });
  }
  if ((url.pathname !== '/' && url.pathname !== '') || url.search !== '' || url.hash !== '') {
    throw new InvalidInputError(`The endpoint override "${endpointUrl}" must be an origin only, with no path.`, { hint: 'For example http://127.0.0.1:4566.' });
  }
  return url.origin;
}

/** A display name: trimmed, 1 to 80 characters, no control characters. */
export function validateDisplayName(name: string): string {
  const value = name.trim();
  // eslint-disable-next-line no-control-regex
  if (value === '' || value.length > 80 || /[\u0000-\u001f\u007f]/.test(value)) {
    throw new InvalidInputError(`"${name}" is not a usable name: use 1 to 80 printable characters.`, { hint: 'For example "Acme production".' });
  }
  return value;
}

export { INSTANCE_ID_PATTERN } from '../model';

/** Turns a name or start URL subdomain into an id candidate (`Acme Prod` → `acme-prod`). */
export function slugify(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/, '');
}

/** The id a new instance would get: from the given name, else the start URL's first label. */
export function instanceIdCandidate(startUrl: string, name: string | undefined): string {
  const fromName = name === undefined ? '' : slugify(name);
  if (fromName !== '') return fromName;
  const label = new URL(startUrl).hostname.split('.')[0] ?? '';
  return slugify(label) || 'instance';
}
