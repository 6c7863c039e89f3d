/**
 * The Content-Security-Policy of the app's pages. Main sends it as a header with every page
 * it serves; `renderer/index.html` must carry the same policy in a meta tag
 * (`CONTENT_SECURITY_POLICY_META`), so the page is locked down in any host (Electron, the
 * Chromium test harness) even before a header could apply. Nothing inline, nothing remote, no
 * eval, no frames, no network: the window talks to main only through `window.rolecall`.
 */
const DIRECTIVES: readonly (readonly [string, string])[] = [
  ['default-src', "'none'"],
  ['script-src', "'self'"],
  ['style-src', "'self'"],
  ['img-src', "'self' data:"],
  ['font-src', "'self'"],
  ['connect-src', "'none'"],
  ['media-src', "'none'"],
  ['object-src', "'none'"],
  ['frame-src', "'none'"],
  ['worker-src', "'none'"],
  ['manifest-src', "'none'"],
  ['base-uri', "'none'"],
  ['form-action', "'none'"],
  // Any innerHTML-style sink throws instead of parsing markup: an injected string stays text.
  ['require-trusted-types-for', "'script'"],
  ['trusted-types', "'none'"],
];

/** Only valid as a header (a meta tag cannot carry it). */
const HEADER_ONLY: readonly (readonly [string, string])[] = [['frame-ancestors', "'none'"]];

const serialise = (directives: readonly (readonly [string, string])[]) => directives.map(([name, value]) => `${name} ${value}`).join('; ');

/** The policy main sends as a response header. */
export const CONTENT_SECURITY_POLICY = serialise([...DIRECTIVES, ...HEADER_ONLY]);

/** The policy for `<meta http-equiv="Content-Security-Policy" content="…">` in `renderer/index.html`. */
export const CONTENT_SECURITY_POLICY_META = serialise(DIRECTIVES);

/** Headers every app page is served with. */
export const APP_RESPONSE_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cache-Control': 'no-store',
};

/**
 * Response headers with the app's CSP set, replacing any policy already there (for
 * `webRequest.onHeadersReceived`). Header names are matched without regard to case.
 */
export function withContentSecurityPolicy(headers: Readonly<Record<string, string | string[]>> | undefined): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (name.toLowerCase() === 'content-security-policy') continue;
    out[name] = Array.isArray(value) ? [...value] : [value];
  }
  out['Content-Security-Policy'] = [CONTENT_SECURITY_POLICY];
  return out;
}
