import { loopbackOrigin } from '../browser/allowed-urls';
import { openUrl } from '../browser/browser-opener';
import type { Exists } from '../browser/find-executable';
import type { ProcessLauncher } from '../browser/process-launcher';
import type { Logger } from '../logger';
import type { BrowserChoice } from '../model';
import type { UrlOpener } from '../rolecall-core';

export interface BrowserUrlOpenerOptions {
  launcher: ProcessLauncher;
  exists: Exists;
  env: NodeJS.ProcessEnv;
  platform: NodeJS.Platform;
  logger: Logger;
  /** The saved browser choice, read at each opening. */
  browser: () => Promise<BrowserChoice>;
}

/**
 * The core's `openUrl` over a given launcher: the product's browser opener (URL checks, the
 * saved browser choice), with the sandbox origin of the URL's instance allowed. The app passes
 * it to `createRolecallCore` so sign-in pages, links and consoles all start the browser the
 * same way; tests pass a launcher that opens a page they control.
 */
export function createBrowserUrlOpener(options: BrowserUrlOpenerOptions): UrlOpener {
  return async (url, context) => {
    const sandboxOrigin = loopbackOrigin(context.instance?.endpointUrl);
    await openUrl(
      url,
      { target: await options.browser(), ...(sandboxOrigin ? { sandboxOrigin } : {}) },
      { platform: options.platform, env: options.env, exists: options.exists, launcher: options.launcher, logger: options.logger },
    );
  };
}
