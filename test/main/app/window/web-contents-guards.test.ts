import type { Session, WebContents } from 'electron';
import { describe, expect, it } from 'vitest';
import { createLogger, type LogRecord } from '../../../../main/core/logger';
import { isAppUrl } from '../../../../main/app/window/app-location';
import { CONTENT_SECURITY_POLICY } from '../../../../main/app/window/content-security-policy';
import { hardenSession } from '../../../../main/app/window/session-hardening';
import { applyWebContentsGuards } from '../../../../main/app/window/web-contents-guards';

/** Records listeners the way Electron's emitters would hold them. */
function emitter() {
  const listeners = new Map<string, ((...args: any[]) => void)[]>();
  return {
    listeners,
    on(event: string, listener: (...args: any[]) => void) {
      listeners.set(event, [...(listeners.get(event) ?? []), listener]);
      return this;
    },
    emit(event: string, ...args: any[]) {
      for (const listener of listeners.get(event) ?? []) listener(...args);
    },
  };
}

function preventable(extra: Record<string, unknown> = {}) {
  return { defaultPrevented: false, preventDefault() { this.defaultPrevented = true; }, ...extra };
}

function guardedContents() {
  const contents = { ...emitter(), windowOpenHandler: undefined as undefined | ((details: { url: string }) => { action: string }) };
  const fake = Object.assign(contents, { setWindowOpenHandler: (handler: (details: { url: string }) => { action: string }) => (contents.windowOpenHandler = handler) });
  const opened: string[] = [];
  const records: LogRecord[] = [];
  applyWebContentsGuards(fake as unknown as WebContents, {
    isAppUrl,
    openExternal: async (url) => void opened.push(url),
    logger: createLogger((record) => records.push(record)),
  });
  return { contents: fake, opened, records };
}

describe('applyWebContentsGuards', () => {
  it('keeps the window on its own pages and sends web links to the browser opener', async () => {
    const { contents, opened } = guardedContents();
    const own = preventable();
    contents.emit('will-navigate', own, 'app://rolecall/index.html');
    expect(own.defaultPrevented).toBe(false);
    const web = preventable();
    contents.emit('will-navigate', web, 'https://console.aws.amazon.com/');
    expect(web.defaultPrevented).toBe(true);
    await Promise.resolve();
    expect(opened).toEqual(['https://console.aws.amazon.com/']);
  });

  it.each(['file:///etc/passwd', 'javascript:alert(1)', 'data:text/html,hi', 'chrome://settings', 'app://rolecall.evil/'])('blocks navigation to %s without opening anything', async (url) => {
    const { contents, opened, records } = guardedContents();
    const event = preventable();
    contents.emit('will-navigate', event, url);
    expect(event.defaultPrevented).toBe(true);
    await Promise.resolve();
    expect(opened).toEqual([]);
    expect(records.some((r) => r.message === 'Blocked a navigation attempt')).toBe(true);
  });

  it('denies every new window, passing web links to the opener', async () => {
    const { contents, opened } = guardedContents();
    expect(contents.windowOpenHandler?.({ url: 'https://signin.aws.amazon.com/federation' })).toEqual({ action: 'deny' });
    expect(contents.windowOpenHandler?.({ url: 'app://rolecall/index.html' })).toEqual({ action: 'deny' });
    expect(contents.windowOpenHandler?.({ url: 'file:///tmp/x' })).toEqual({ action: 'deny' });
    await Promise.resolve();
    expect(opened).toEqual(['https://signin.aws.amazon.com/federation']);
  });

  it('blocks redirects away from the app, sub-frame navigations and webviews', () => {
    const { contents } = guardedContents();
    const redirect = preventable();
    contents.emit('will-redirect', redirect, 'https://evil.example/');
    const frame = preventable({ isMainFrame: false, url: 'https://evil.example/' });
    contents.emit('will-frame-navigate', frame);
    const webview = preventable();
    contents.emit('will-attach-webview', webview, {}, {});
    expect([redirect.defaultPrevented, frame.defaultPrevented, webview.defaultPrevented]).toEqual([true, true, true]);
  });

  it('logs a link the opener refused', async () => {
    const contents = Object.assign(emitter(), { setWindowOpenHandler: () => undefined });
    const records: LogRecord[] = [];
    applyWebContentsGuards(contents as unknown as WebContents, {
      isAppUrl,
      openExternal: () => Promise.reject(new Error('not an AWS URL')),
      logger: createLogger((record) => records.push(record)),
    });
    contents.emit('will-navigate', preventable(), 'https://evil.example/?token=CANARY');
    await new Promise((resolve) => setImmediate(resolve));
    expect(records.map((r) => r.message)).toContain('The browser opener refused a link from the window');
    expect(JSON.stringify(records)).not.toContain('CANARY');
  });
});

describe('hardenSession', () => {
  function hardened() {
    const handlers: Record<string, (...args: any[]) => any> = {};
    const session = {
      ...emitter(),
      setPermissionRequestHandler: (h: any) => (handlers.request = h),
      setPermissionCheckHandler: (h: any) => (handlers.check = h),
      setDevicePermissionHandler: (h: any) => (handlers.device = h),
      webRequest: {
        onBeforeRequest: (h: any) => (handlers.beforeRequest = h),
        onHeadersReceived: (h: any) => (handlers.headers = h),
      },
    };
    hardenSession(session as unknown as Session, { isAppUrl, allowDevTools: false, logger: createLogger(() => undefined) });
    return { session, handlers };
  }

  it.each(['media', 'geolocation', 'notifications', 'clipboard-read', 'clipboard-sanitized-write', 'openExternal', 'fullscreen'])('refuses a %s permission request and check', (permission) => {
    const { handlers } = hardened();
    const answers: boolean[] = [];
    handlers.request!({}, permission, (granted: boolean) => answers.push(granted));
    expect(answers).toEqual([false]);
    expect(handlers.check!({}, permission, 'app://rolecall')).toBe(false);
    expect(handlers.device!({ deviceType: 'usb' })).toBe(false);
  });

  it('lets requests reach only the app origin', () => {
    const { handlers } = hardened();
    const decide = (url: string) => {
      let answer: { cancel?: boolean } = {};
      handlers.beforeRequest!({ url }, (response: { cancel?: boolean }) => (answer = response));
      return answer.cancel;
    };
    expect(decide('app://rolecall/app.js')).toBe(false);
    expect(decide('https://portal.sso.us-east-1.amazonaws.com/')).toBe(true);
    expect(decide('http://127.0.0.1:8080/')).toBe(true);
    expect(decide('devtools://devtools/bundled/inspector.html')).toBe(true);
  });

  it('puts the CSP on every app response', () => {
    const { handlers } = hardened();
    let answer: { responseHeaders?: Record<string, string[]> } = {};
    handlers.headers!({ url: 'app://rolecall/index.html', responseHeaders: { 'content-security-policy': ['default-src *'] } }, (r: typeof answer) => (answer = r));
    expect(answer.responseHeaders?.['Content-Security-Policy']).toEqual([CONTENT_SECURITY_POLICY]);
    expect(answer.responseHeaders).not.toHaveProperty('content-security-policy');
  });

  it('drops downloads', () => {
    const { session } = hardened();
    const event = preventable();
    session.emit('will-download', event, {}, {});
    expect(event.defaultPrevented).toBe(true);
  });
});
