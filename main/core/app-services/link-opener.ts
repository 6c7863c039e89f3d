import { sandboxInstanceFor } from '../browser/allowed-urls';
import type { LinkOpener } from '../../ipc/services';
import type { AppContext } from './app-context';

/**
 * Links the window asks to open (verification pages, AWS documentation of a console page):
 * through the core's browser opener, which refuses anything but AWS sign-in, console and
 * Identity Center pages, plus the loopback origin of a sandbox instance for URLs on it.
 */
export class AppLinkOpener implements LinkOpener {
  constructor(private readonly ctx: AppContext) {}

  async openExternal(url: string): Promise<void> {
    const instance = sandboxInstanceFor(url, this.ctx.state.instanceList());
    await this.ctx.core.openUrl(url, instance ? { instance } : {});
  }
}
