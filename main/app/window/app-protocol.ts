/**
 * Serves the app's pages for the `app://rolecall/` scheme from the bundled renderer folder.
 * Only files inside that folder, of known types, are served; everything else is a 404. Every
 * response carries the CSP and related headers.
 */
import { readFile } from 'node:fs/promises';
import { extname, join, resolve, sep } from 'node:path';
import { APP_HOST, APP_SCHEME } from './app-location';
import { APP_RESPONSE_HEADERS } from './content-security-policy';

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
  '.map': 'application/json',
};

export interface AppAsset {
  path: string;
  contentType: string;
}

/** The file an app URL names inside `root`, or null when the URL must not be served. */
export function resolveAppAsset(root: string, url: string): AppAsset | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== `${APP_SCHEME}:` || parsed.host !== APP_HOST) return null;
  let pathname: string;
  try {
    pathname = decodeURIComponent(parsed.pathname);
  } catch {
    return null;
  }
  if (pathname === '/' || pathname === '') pathname = '/index.html';
  if (pathname.includes('\0') || pathname.includes('\\')) return null;
  const base = resolve(root);
  const path = resolve(join(base, pathname));
  if (!path.startsWith(base + sep)) return null;
  const contentType = CONTENT_TYPES[extname(path).toLowerCase()];
  if (contentType === undefined) return null;
  return { path, contentType };
}

export type AppProtocolHandler = (request: { url: string; method?: string }) => Promise<Response>;

/** The handler for `protocol.handle('app', …)`: files from `root`, with the app's headers. */
export function createAppProtocolHandler(root: string, read: (path: string) => Promise<Uint8Array<ArrayBuffer>> = readFile): AppProtocolHandler {
  return async (request) => {
    if (request.method !== undefined && request.method !== 'GET' && request.method !== 'HEAD') return notFound(405);
    const asset = resolveAppAsset(root, request.url);
    if (asset === null) return notFound(404);
    let body: Uint8Array<ArrayBuffer>;
    try {
      body = await read(asset.path);
    } catch {
      return notFound(404);
    }
    return new Response(request.method === 'HEAD' ? null : body, {
      status: 200,
      headers: { ...APP_RESPONSE_HEADERS, 'Content-Type': asset.contentType },
    });
  };
}

function notFound(status: number): Response {
  return new Response(null, { status, headers: { ...APP_RESPONSE_HEADERS } });
}
