import type { EventChannel, IpcEvents } from './contract';

/** The part of a webContents that receives events. */
export interface EventTarget {
  send(channel: string, payload: unknown): void;
  isDestroyed(): boolean;
}

/** Sends a typed main→window event; a no-op while there is no window. */
export type EventSender = <E extends EventChannel>(event: E, payload: IpcEvents[E]) => void;

export function createEventSender(target: () => EventTarget | undefined): EventSender {
  return (event, payload) => {
    const contents = target();
    if (contents === undefined || contents.isDestroyed()) return;
    contents.send(event, payload);
  };
}
