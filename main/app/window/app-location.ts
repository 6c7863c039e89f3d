/**
 * Where the app's own pages live: a privileged custom scheme served from the bundled
 * renderer folder. A scheme of its own (instead of file://) gives the pages a real origin,
 * lets main attach the CSP to every response, and makes "is this our page?" a simple check.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'rolecall';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/** True for URLs of the app's own pages (`app://rolecall/...`). */
export function isAppUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST && parsed.username === '' && parsed.password === '';
  } catch {
    return false;
  }
}
