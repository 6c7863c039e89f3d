import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { systemErrorCode } from '../errors';

/** What the browser brought back to the redirect URI. */
export type CallbackResult = { kind: 'code'; code: string } | { kind: 'error'; error: string };

export const CALLBACK_PATH = '/oauth/callback';

/**
 * A one-shot HTTP server on 127.0.0.1 that waits for the browser to come back from the
 * authorize page. Only a request on the callback path whose `state` matches is accepted;
 * anything else is answered and ignored, so a stray or forged request cannot end the sign-in.
 */
export class LoopbackCallback {
  private result: Promise<CallbackResult>;
  private settle!: (result: CallbackResult) => void;
  private done = false;

  private constructor(
    private readonly server: Server,
    readonly port: number,
    private readonly expectedState: string,
  ) {
    this.result = new Promise((resolve) => (this.settle = resolve));
    server.on('request', (request, response) => this.handle(request, response));
  }

  /**
   * Listens on 127.0.0.1:`port` (0 = a random free port). Resolves undefined when `port` is
   * taken, so the caller can pick another.
   */
  static async listen(port: number, expectedState: string): Promise<LoopbackCallback | undefined> {
    const server = createServer();
    server.keepAliveTimeout = 1_000;
    try {
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen({ host: '127.0.0.1', port, exclusive: true }, () => {
          server.off('error', reject);
          resolve();
        });
      });
    } catch (error) {
      if (systemErrorCode(error) === 'EADDRINUSE' || systemErrorCode(error) === 'EACCES') return undefined;
      throw error;
    }
    return new LoopbackCallback(server, (server.address() as AddressInfo).port, expectedState);
  }

  get redirectUri(): string {
    return `http://127.0.0.1:${this.port}${CALLBACK_PATH}`;
  }

  /** The browser's answer; never rejects (the caller races it with its time limit and signal). */
  wait(): Promise<CallbackResult> {
    return this.result;
  }

  async close(): Promise<void> {
    this.done = true;
    await new Promise<void>((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }

  private handle(request: IncomingMessage, response: ServerResponse): void {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    if (request.method !== 'GET' || url.pathname !== CALLBACK_PATH) {
      page(response, 404, 'Not found', 'Nothing here.');
      return;
    }
    if (this.done) {
      page(response, 409, 'Already finished', 'This sign-in has already finished. You can close this tab.');
      return;
    }
    if (url.searchParams.get('state') !== this.expectedState) {
      page(response, 400, 'Sign-in not recognised', 'This page does not belong to the sign-in Rolecall is waiting for. Start the sign-in again from Rolecall.');
      return;
    }
    const code = url.searchParams.get('code');
    const error = url.searchParams.get('error');
    if (code) {
      this.done = true;
      page(response, 200, 'Signed in', 'Rolecall is signed in. You can close this tab.');
      this.settle({ kind: 'code', code });
    } else {
      this.done = true;
      const denied = error === 'access_denied';
      page(response, 200, denied ? 'Sign-in denied' : 'Sign-in failed', denied ? 'You denied the request. You can close this tab.' : 'Identity Center did not sign you in. Return to Rolecall for details.');
      this.settle({ kind: 'error', error: /^[a-z_]{1,64}$/.test(error ?? '') ? (error as string) : 'invalid_response' });
    }
  }
}

function page(response: ServerResponse, status: number, title: string, text: string): void {
  const body = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title} - Rolecall</title>
<style>body{font:16px system-ui,sans-serif;max-width:32rem;margin:4rem auto;padding:0 1rem;color:#222}</style></head>
<body><h1>${title}</h1><p>${text}</p></body></html>`;
  response.writeHead(status, {
    'content-type': 'text/html; charset=utf-8',
    'cache-control': 'no-store',
    'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'",
    'referrer-policy': 'no-referrer',
    connection: 'close',
  });
  response.end(body);
}
