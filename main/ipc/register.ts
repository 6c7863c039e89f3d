/**
 * Registers one handler per request channel of the contract. For every call: check the sender,
 * check the arguments with the contract's validator, call the handler, and answer with an
 * IpcResponse (errors travel as data). This file takes an ipcMain-like object, so the same
 * registration serves Electron, unit tests and the renderer's end-to-end harness.
 */
import { silentLogger, type Logger } from '../core/logger';
import {
  REQUEST_CHANNELS,
  requestValidators,
  type IpcResponse,
  type RequestArgs,
  type RequestChannel,
  type RequestResult,
} from './contract';
import { toIpcError } from './ipc-error';
import { describeSenderUrl, type IpcSender, type SenderPolicy } from './sender-policy';

/** One function per request channel, typed from the contract. */
export type IpcHandlers = { [C in RequestChannel]: (...args: RequestArgs<C>) => Promise<RequestResult<C>> };

export type IpcInvokeListener = (event: IpcSender, ...args: unknown[]) => Promise<IpcResponse<unknown>>;

/** The two methods of Electron's ipcMain that the registration uses. */
export interface IpcMainLike {
  handle(channel: string, listener: IpcInvokeListener): void;
  removeHandler(channel: string): void;
}

export const FORBIDDEN_ERROR_CODE = 'ipc-forbidden';

export interface RegisterIpcOptions {
  logger?: Logger;
}

/** Registers every channel; returns the function that removes them again. */
export function registerIpcHandlers(
  ipcMain: IpcMainLike,
  handlers: IpcHandlers,
  senderPolicy: SenderPolicy,
  options: RegisterIpcOptions = {},
): () => void {
  const logger = options.logger ?? silentLogger;
  for (const channel of REQUEST_CHANNELS) {
    ipcMain.handle(channel, createListener(channel, handlers, senderPolicy, logger));
  }
  return () => {
    for (const channel of REQUEST_CHANNELS) ipcMain.removeHandler(channel);
  };
}

function createListener<C extends RequestChannel>(
  channel: C,
  handlers: IpcHandlers,
  senderPolicy: SenderPolicy,
  logger: Logger,
): IpcInvokeListener {
  const validate = requestValidators[channel];
  // The mapped type cannot be called with a generic channel; the validator proves the tuple.
  const handler = handlers[channel] as unknown as (...args: readonly unknown[]) => Promise<RequestResult<C>>;
  return async (event, ...args) => {
    const verdict = senderPolicy(event);
    if (!verdict.allowed) {
      logger.warn('Refused an IPC call from outside the app window', {
        channel,
        reason: verdict.reason,
        webContents: event.sender.id,
        from: describeSenderUrl(event.senderFrame?.url),
      });
      return {
        ok: false,
        error: { code: FORBIDDEN_ERROR_CODE, message: 'Rolecall only answers its own window.' },
      };
    }
    if (!isWellFormed(validate, args)) {
      logger.warn('Refused an IPC call with malformed arguments', { channel, arguments: args.length });
      return {
        ok: false,
        error: { code: 'invalid-input', message: `Rolecall refused a malformed request (${channel}).` },
      };
    }
    try {
      return { ok: true, value: await handler(...args) };
    } catch (error) {
      const ipcError = toIpcError(error);
      const log = ipcError.code === 'internal' ? logger.error : logger.info;
      log('An IPC request failed', { channel, errorCode: ipcError.code, error: error instanceof Error ? error.name : typeof error });
      return { ok: false, error: ipcError };
    }
  };
}

/** A validator that throws on hostile input (a getter, an odd prototype) counts as a refusal. */
function isWellFormed(validate: (args: readonly unknown[]) => boolean, args: readonly unknown[]): boolean {
  try {
    return validate(args);
  } catch {
    return false;
  }
}
