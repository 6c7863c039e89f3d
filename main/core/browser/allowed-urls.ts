/**
 * Which URLs Rolecall may hand to a browser: https pages of AWS sign-in, the console and IAM
 * Identity Center, plus the sandbox's own loopback origin when the caller allows it. Checks the
 * text as written, not only as a URL parser reads it, so lookalikes (`console.aws.amazon.com.evil.com`,
 * `https://console.aws.amazon.com@evil.com`, IDN homographs, backslashes, encoded dots) fail.
 */
import { consolePartitions, isConsoleHost, isSigninHost } from '../console/partitions';

export type StrictUrlResult = { ok: true; url: URL; host: string } | { ok: false; reason: string };

const MAX_URL_LENGTH = 16_384;
// Printable ASCII only: no spaces, controls, or non-ASCII (an IDN host or unencoded path).
const PRINTABLE_ASCII = /^[\x21-\x7e]+$/;
const HOST = /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)+$/;
// Encoded path separators and controls let a path be read as something else further on.
const ENCODED_SEPARATOR = /%(?:2f|5c|0[0-9a-f]|1[0-9a-f]|7f)/i;

/**
 * Parses `raw` as an `https://host/...` URL whose host is written plainly: lower-case letters,
 * digits, dots and hyphens; no user info, no port, no IP address, no trailing dot, no percent
 * sign. Returns the reason in words when it is not.
 */
export function parseStrictHttpsUrl(raw: unknown): StrictUrlResult {
  if (typeof raw !== 'string' || raw === '') return { ok: false, reason: 'it is empty' };
  if (raw.length > MAX_URL_LENGTH) return { ok: false, reason: 'it is too long' };
  if (!PRINTABLE_ASCII.test(raw)) return { ok: false, reason: 'it contains spaces, control characters or non-ASCII characters' };
  if (raw.includes('\\')) return { ok: false, reason: 'it contains a backslash' };
  const scheme = /^([a-zA-Z][a-zA-Z0-9+.-]*):/.exec(raw)?.[1];
  if (scheme === undefined) return { ok: false, reason: 'it is not an absolute URL' };
  if (scheme !== 'https' && scheme.toLowerCase() === 'https') return { ok: false, reason: 'its scheme must be written https:// in lower case' };
  if (scheme !== 'https') return { ok: false, reason: `only https:// URLs are allowed, not ${scheme.toLowerCase()}:` };
  const parts = /^https:\/\/([^/?#]*)([/?#].*)?$/.exec(raw);
  if (!parts) return { ok: false, reason: 'it has no host after https://' };
  const authority = parts[1] ?? '';
  const rest = parts[2] ?? '';
  if (authority.includes('@')) return { ok: false, reason: 'it carries a user name or password before the host' };
  if (authority.includes(':')) return { ok: false, reason: 'it names a port' };
  if (!HOST.test(authority)) return { ok: false, reason: 'its host is not a plain lower-case DNS name' };
  if (/^\d+(\.\d+)*$/.test(authority)) return { ok: false, reason: 'its host is an IP address' };
  if (rest.startsWith('//')) return { ok: false, reason: 'its path starts with //' };
  const path = rest.split(/[?#]/, 1)[0] ?? '';
  if (ENCODED_SEPARATOR.test(path)) return { ok: false, reason: 'its path contains an encoded slash, backslash or control character' };
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { ok: false, reason: 'it is not a valid URL' };
  }
  // The parser must read the same host we checked, with nothing hidden in user info or port.
  if (url.protocol !== 'https:' || url.hostname !== authority || url.username !== '' || url.password !== '' || url.port !== '') {
    return { ok: false, reason: 'its host is not what it appears to be' };
  }
  return { ok: true, url, host: authority };
}

const IDENTITY_CENTER_HOSTS = [
  // Access portals: d-xxxxxxxxxx.awsapps.com, custom aliases, GovCloud's start.*.us-gov-home.awsapps.com, China's awsapps.cn.
  /(^|\.)awsapps\.(com|cn)$/,
  // Newer access portal URLs: ssoins-…portal.{region}.app.aws
  /^ssoins-[a-z0-9]+\.portal\.[a-z0-9-]+\.app\.aws$/,
  // Device-flow verification page and the OIDC authorize endpoint (auth code + PKCE).
  /^(device\.sso|oidc)\.[a-z0-9-]+\.amazonaws\.(com|com\.cn|eu)$/,
];

/** True for hosts of AWS sign-in, the AWS console and IAM Identity Center in every partition with a public console. */
export function isAwsBrowserHost(host: string): boolean {
  for (const partition of consolePartitions()) {
    if (isSigninHost(partition, host) || isConsoleHost(partition, host)) return true;
  }
  return IDENTITY_CENTER_HOSTS.some((pattern) => pattern.test(host));
}

/**
 * Checks that `origin` is a loopback origin (`http://127.0.0.1:PORT`, `http://localhost:PORT`,
 * `http://[::1]:PORT`, or https) and returns it normalised, else undefined. Used for the sandbox's
 * endpoint override, which is never a remote host.
 */
export function loopbackOrigin(origin: string | undefined): string | undefined {
  if (origin === undefined) return undefined;
  const trimmed = origin.replace(/\/+$/, '');
  if (!/^https?:\/\/(127\.0\.0\.1|localhost|\[::1\]):\d{1,5}$/.test(trimmed)) return undefined;
  return new URL(trimmed).origin;
}

/** True when `raw` is exactly on `origin` (a loopback origin from `loopbackOrigin`), written plainly. */
export function isOnLoopbackOrigin(raw: string, origin: string): boolean {
  if (!PRINTABLE_ASCII.test(raw) || raw.includes('\\') || raw.length > MAX_URL_LENGTH) return false;
  if (!(raw === origin || raw.startsWith(`${origin}/`) || raw.startsWith(`${origin}?`) || raw.startsWith(`${origin}#`))) return false;
  if (raw.slice(origin.length).startsWith('//')) return false;
  try {
    return new URL(raw).origin === origin;
  } catch {
    return false;
  }
}

/**
 * The instance whose sandbox endpoint serves `url` (same loopback origin), if any: only that
 * instance's origin may be let through the browser opener for this URL.
 */
export function sandboxInstanceFor<T extends { endpointUrl?: string }>(url: string, instances: readonly T[]): T | undefined {
  let origin: string;
  try {
    origin = new URL(url).origin;
  } catch {
    // Not a URL: the opener refuses it with its own words.
    return undefined;
  }
  return instances.find((i) => i.endpointUrl !== undefined && loopbackOrigin(i.endpointUrl) === origin);
}

export type BrowserUrlCheck = { ok: true; url: string } | { ok: false; reason: string };

/**
 * Whether the product may open `raw` in a browser. `sandboxOrigin` (the endpoint override of
 * the instance the URL is for) is allowed only when the caller passes it explicitly.
 */
export function checkBrowserUrl(raw: unknown, options: { sandboxOrigin?: string } = {}): BrowserUrlCheck {
  const sandbox = loopbackOrigin(options.sandboxOrigin);
  if (options.sandboxOrigin !== undefined && sandbox === undefined) {
    return { ok: false, reason: 'the sandbox endpoint is not a loopback origin' };
  }
  if (typeof raw === 'string' && sandbox !== undefined && isOnLoopbackOrigin(raw, sandbox)) return { ok: true, url: raw };
  const parsed = parseStrictHttpsUrl(raw);
  if (!parsed.ok) return parsed;
  if (!isAwsBrowserHost(parsed.host)) return { ok: false, reason: `${parsed.host} is not an AWS sign-in, console or IAM Identity Center host` };
  return { ok: true, url: parsed.url.href };
}
