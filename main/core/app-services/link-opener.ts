import { loopbackOrigin } from '../browser/allowed-urls';
import type { IdentityCenterInstance } from '../model';
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
    await this.ctx.core.openUrl(url, sandboxInstanceOf(url, this.ctx.state.instanceList()));
  }
}

/** The instance whose sandbox endpoint serves `url`, if any: only then is its loopback origin allowed. */
function sandboxInstanceOf(url: string, instances: readonly IdentityCenterInstance[]): { instance?: IdentityCenterInstance } {
  let origin: string;
  try {
    origin = new URL(url).origin;
  } catch {
    // The opener refuses it with its own words.
    return {};
  }
  const instance = instances.find((i) => i.endpointUrl !== undefined && loopbackOrigin(i.endpointUrl) === origin);
  return instance ? { instance } : {};
}
