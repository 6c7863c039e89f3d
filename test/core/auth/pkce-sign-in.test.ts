import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TOKEN_KEY } from '../../../main/core/auth/token-record';
import type { SignInEvent } from '../../../main/core/model';
import { filesUnder, startAuthHarness, until, type AuthHarness } from './auth-harness';

let h: AuthHarness;

beforeEach(async () => {
  h = await startAuthHarness();
});

afterEach(async () => {
  await h.close();
});

/**
 * Plays the browser: loads the authorize page, presses Allow or Deny, and follows the
 * redirect to the loopback callback. Resolves with the page the callback showed.
 */
async function browse(authorizeUrl: string, decision: 'allow' | 'deny'): Promise<{ status: number; text: string; callbackUrl: string }> {
  const page = await fetch(authorizeUrl);
  const html = await page.text();
  const requestId = /name="request_id" value="([^"]+)"/.exec(html)?.[1];
  if (!requestId) throw new Error(`no approval form on the authorize page (${page.status}): ${html.slice(0, 300)}`);
  const answer = await fetch(new URL('/authorize', authorizeUrl), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ request_id: requestId, decision }).toString(),
    redirect: 'manual',
  });
  const callbackUrl = answer.headers.get('location');
  if (!callbackUrl) throw new Error(`the authorize page did not redirect (${answer.status})`);
  const callback = await fetch(callbackUrl);
  return { status: callback.status, text: await callback.text(), callbackUrl };
}

describe('authorization code sign-in with PKCE', () => {
  it('signs in end to end through the loopback redirect and reuses its registration next time', async () => {
    const pages: Array<{ status: number; text: string; callbackUrl: string }> = [];
    h.browser.open = async (url) => {
      // Open the page the way a browser would: later, not inside the opener.
      setImmediate(() => void browse(url, 'allow').then((p) => pages.push(p)));
    };
    const events: SignInEvent[] = [];
    await h.signIn.signIn(h.instance.id, { method: 'pkce', onEvent: (e) => events.push(e) });

    expect(events.map((e) => e.type)).toEqual(['authorization', 'browser-opened', 'waiting', 'signed-in']);
    const authorizeUrl = new URL(h.opened[0]!);
    expect(`${authorizeUrl.origin}${authorizeUrl.pathname}`).toBe(`${h.ic.endpoint}/authorize`);
    expect(authorizeUrl.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authorizeUrl.searchParams.get('scopes')).toBe('sso:account:access');
    const redirectUri = new URL(authorizeUrl.searchParams.get('redirect_uri')!);
    expect(redirectUri.hostname).toBe('127.0.0.1');
    expect(redirectUri.pathname).toBe('/oauth/callback');

    await until(() => pages.length === 1);
    expect(pages[0]!.status).toBe(200);
    expect(pages[0]!.text).toContain('You can close this tab');
    const token = await h.tokens.getAccessToken(h.instance.id);
    expect(h.ic.issuedSecrets()).toContain(token);
    expect(JSON.parse((await h.secrets.get(h.instance.id, TOKEN_KEY))!).refreshToken).toContain('CANARY');
    expect(h.ic.requests().filter((r) => r.operation === 'CreateToken').map((r) => r.grantType)).toEqual(['authorization_code']);

    // The loopback server is gone once the sign-in finished.
    await expect(fetch(pages[0]!.callbackUrl)).rejects.toThrow();

    await h.signIn.signIn(h.instance.id, { method: 'pkce' });
    expect(h.ic.stats().operations.RegisterClient).toBe(1);
    for (const file of await filesUnder(h.appDir)) expect(file.content).not.toContain('CANARY');
  });

  it('reports a denied request as denied', async () => {
    h.browser.open = async (url) => void setImmediate(() => void browse(url, 'deny'));
    await expect(h.signIn.signIn(h.instance.id, { method: 'pkce' })).rejects.toMatchObject({ code: 'sign-in-denied' });
    expect(await h.secrets.get(h.instance.id, TOKEN_KEY)).toBeNull();
  });

  it('ignores a callback whose state does not match, and gives up at the time limit', async () => {
    let callback = '';
    h.browser.open = async (url) => void (callback = new URL(url).searchParams.get('redirect_uri')!);
    const signIn = h.signIn.signIn(h.instance.id, { method: 'pkce' }).catch((e: unknown) => e);
    await until(() => callback !== '');
    const forged = await fetch(`${callback}?code=stolen&state=not-the-one`);
    expect(forged.status).toBe(400);
    expect(h.signIn.signingIn(h.instance.id)).toBe(true);
    await until(() => h.clock.pendingTimers > 0);
    await h.clock.advance(10 * 60_000);
    expect(await signIn).toMatchObject({ code: 'sign-in-timeout' });
    expect(h.ic.requests().filter((r) => r.operation === 'CreateToken')).toHaveLength(0);
  });
});
