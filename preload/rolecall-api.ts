/**
 * `window.rolecall`: one method per request channel of the contract and `on` for events,
 * built from the contract's channel list so it can never drift from main. The raw
 * ipcRenderer never leaves this file's closure.
 */
import {
  EVENT_CHANNELS,
  REQUEST_CHANNELS,
  methodName,
  type EventChannel,
  type IpcError,
  type IpcEvents,
  type RolecallApi,
} from '../main/ipc/contract';

/** The two ipcRenderer methods the API uses, plus removing a listener. */
export interface IpcRendererLike {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: unknown, payload: unknown) => void): unknown;
  removeListener(channel: string, listener: (event: unknown, payload: unknown) => void): unknown;
}

/**
 * What a failed request rejects with: plain data (`name`, `code`, `message`, `hint`).
 * contextBridge copies a rejected Error as a bare Error holding only its message, which would
 * lose `code` and `hint`; a plain object crosses the bridge whole.
 */
export type RolecallRejection = IpcError & { name: 'RolecallError' };

export function createRolecallApi(ipc: IpcRendererLike): RolecallApi {
  const api: Record<string, unknown> = {};
  for (const channel of REQUEST_CHANNELS) {
    api[methodName(channel)] = (...args: unknown[]) => ipc.invoke(channel, ...args).then(unwrap);
  }
  api.on = <E extends EventChannel>(event: E, listener: (payload: IpcEvents[E]) => void): (() => void) => {
    if (!EVENT_CHANNELS.includes(event)) throw new TypeError(`window.rolecall.on: unknown event "${String(event)}".`);
    if (typeof listener !== 'function') throw new TypeError('window.rolecall.on: the listener must be a function.');
    // The IPC event object (which holds the sender) is dropped: the page sees the payload only.
    const relay = (_event: unknown, payload: unknown) => listener(payload as IpcEvents[E]);
    ipc.on(event, relay);
    return () => void ipc.removeListener(event, relay);
  };
  return Object.freeze(api) as RolecallApi;
}

function unwrap(response: unknown): unknown {
  if (isRecord(response) && response.ok === true) return response.value;
  if (isRecord(response) && response.ok === false && isRecord(response.error)) {
    const { code, message, hint } = response.error;
    if (typeof code === 'string' && typeof message === 'string') throw rejection(code, message, typeof hint === 'string' ? hint : undefined);
  }
  throw rejection('internal', 'Rolecall received an answer it did not understand.', undefined);
}

function rejection(code: string, message: string, hint: string | undefined): RolecallRejection {
  return Object.freeze(hint === undefined ? { name: 'RolecallError', code, message } : { name: 'RolecallError', code, message, hint });
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}
