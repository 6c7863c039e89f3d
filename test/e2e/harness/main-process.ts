import { createIpcHandlers } from '../../../main/ipc/handlers';
import type { IpcHandlers, IpcInvokeListener, IpcMainLike } from '../../../main/ipc/register';
import type { IpcSender } from '../../../main/ipc/sender-policy';
import type { ClipboardWriter, RolecallServices } from '../../../main/ipc/services';

/**
 * What main runs for the window: the handlers its requests reach, and the services whose
 * state and progress become events. Any handler object works (the shell's, built from the real
 * core or from a scripted one); `mainProcessFor` builds the shell's own.
 */
export interface MainProcessSide {
  handlers: IpcHandlers;
  events: Pick<RolecallServices, 'state' | 'sessions' | 'catalog'>;
}

/** The shell's IPC handlers over `services`, as main/index.ts builds them. */
export function mainProcessFor(services: RolecallServices, clipboard: ClipboardWriter): MainProcessSide {
  return { handlers: createIpcHandlers({ ...services, clipboard }), events: services };
}

/**
 * Electron's ipcMain as the registration layer sees it (`handle`, `removeHandler`), invoked by
 * the page's binding instead of by Electron's IPC.
 */
export class HarnessIpcMain implements IpcMainLike {
  private readonly listeners = new Map<string, IpcInvokeListener>();

  handle(channel: string, listener: IpcInvokeListener): void {
    if (this.listeners.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.listeners.set(channel, listener);
  }

  removeHandler(channel: string): void {
    this.listeners.delete(channel);
  }

  /** What `ipcRenderer.invoke(channel, ...args)` resolves to. Like Electron, an unknown channel rejects. */
  async invoke(channel: string, event: IpcSender, args: readonly unknown[]): Promise<unknown> {
    const listener = this.listeners.get(channel);
    if (listener === undefined) throw new Error(`No handler registered for '${channel}'`);
    return listener(event, ...args);
  }
}
