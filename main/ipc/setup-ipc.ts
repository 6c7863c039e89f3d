/** Wires the IPC registration to Electron's ipcMain: the only place main touches it. */
import { ipcMain } from 'electron';
import type { Logger } from '../core/logger';
import { registerIpcHandlers, type IpcHandlers } from './register';
import type { SenderPolicy } from './sender-policy';

export function setupIpc(handlers: IpcHandlers, senderPolicy: SenderPolicy, logger: Logger): () => void {
  return registerIpcHandlers(ipcMain, handlers, senderPolicy, { logger });
}
