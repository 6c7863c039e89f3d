/**
 * Locks down every webContents the app creates: no navigation away from the app's pages, no
 * redirects, no new windows, no webviews. Applied through `web-contents-created`, so it also
 * covers anything created later by mistake.
 */
import type { WebContents } from 'electron';
import type { Logger } from '../../core/logger';
import { describeSenderUrl } from '../../ipc/sender-policy';
import { decideNavigation, decideWindowOpen, type NavigationDecision } from './navigation-policy';

export interface WebContentsGuardOptions {
  isAppUrl(url: string): boolean;
  /** The product's browser opener (it validates the URL itself). */
  openExternal(url: string): Promise<void>;
  logger: Logger;
}

export function applyWebContentsGuards(contents: WebContents, options: WebContentsGuardOptions): void {
  const { logger } = options;
  const follow = (decision: NavigationDecision, what: string, url: string) => {
    if (decision.action === 'open-externally') {
      // Rolecall's browser opener (LinkOpener), not Electron's shell.openExternal: it opens only https
      // AWS sign-in, console and Identity Center URLs (or the sandbox's loopback origin) and refuses the rest.
      options.openExternal(decision.url).catch((error: unknown) => {
        logger.warn('The browser opener refused a link from the window', { to: describeSenderUrl(url), error: error instanceof Error ? error.name : typeof error });
      });
    } else if (decision.action === 'block') {
      logger.warn('Blocked a navigation attempt', { what, to: describeSenderUrl(url) });
    }
  };

  contents.on('will-navigate', (event, url) => {
    const decision = decideNavigation(url, options.isAppUrl);
    if (decision.action === 'allow') return;
    event.preventDefault();
    follow(decision, 'navigate', url);
  });
  contents.on('will-frame-navigate', (event) => {
    // Sub-frames have no business in the app (CSP forbids them); the top frame is handled above.
    if (event.isMainFrame) return;
    event.preventDefault();
    logger.warn('Blocked a frame navigation', { to: describeSenderUrl(event.url) });
  });
  contents.on('will-redirect', (event, url) => {
    if (options.isAppUrl(url)) return;
    event.preventDefault();
    logger.warn('Blocked a redirect', { to: describeSenderUrl(url) });
  });
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    logger.warn('Blocked a webview');
  });
  contents.setWindowOpenHandler(({ url }) => {
    follow(decideWindowOpen(url), 'window.open', url);
    return { action: 'deny' };
  });
}
