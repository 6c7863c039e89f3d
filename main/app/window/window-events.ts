/**
 * Main→window events. State snapshots can change many times a second during a sync of a
 * large organisation, so they go out at most every 100 ms (always ending with the newest);
 * progress events go out as they come.
 */
import type { Clock } from '../../core/clock';
import type { AppSnapshot } from '../../ipc/contract';
import type { EventSender } from '../../ipc/event-sender';
import type { AppStateSource, CatalogSync, SessionControl, Unsubscribe } from '../../ipc/services';
import { createThrottle } from '../timing/throttle';

export const STATE_EVENT_INTERVAL_MS = 100;

export function forwardEventsToWindow(
  services: { state: AppStateSource; sessions: SessionControl; catalog: CatalogSync },
  send: EventSender,
  clock: Clock,
): Unsubscribe {
  const state = createThrottle<AppSnapshot>(clock, STATE_EVENT_INTERVAL_MS, (snapshot) => send('state:changed', snapshot));
  const stops = [
    services.state.onChange((snapshot) => state.push(snapshot)),
    services.sessions.onProgress((event) => send('sign-in:progress', event)),
    services.catalog.onProgress((event) => send('sync:progress', event)),
  ];
  return () => {
    state.cancel();
    for (const stop of stops) stop();
  };
}
