import type { IpcInvokeListener, IpcMainLike } from '../../../main/ipc/register';
import type { IpcSender } from '../../../main/ipc/sender-policy';

/** An ipcMain stand-in: records handlers and lets a test invoke them as a given sender. */
export class FakeIpcMain implements IpcMainLike {
  readonly handlers = new Map<string, IpcInvokeListener>();

  handle(channel: string, listener: IpcInvokeListener): void {
    if (this.handlers.has(channel)) throw new Error(`second handler for ${channel}`);
    this.handlers.set(channel, listener);
  }

  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }

  invoke(sender: IpcSender, channel: string, ...args: unknown[]) {
    const listener = this.handlers.get(channel);
    if (!listener) throw new Error(`no handler for ${channel}`);
    return listener(sender, ...args);
  }
}

export const WINDOW_ID = 7;
export const APP_PAGE = 'app://rolecall/index.html';

/** The app's own window, top frame, own page. */
export const ourWindow: IpcSender = { sender: { id: WINDOW_ID }, senderFrame: { url: APP_PAGE, parent: null } };
