import type { SessionStatus } from '../../core/model';
import type { InstanceView } from '../../ipc/contract';

/** The four faces of the tray icon. */
export type TrayStatus = 'signed-out' | 'ok' | 'ending-soon' | 'error';
export const TRAY_STATUSES: readonly TrayStatus[] = ['signed-out', 'ok', 'ending-soon', 'error'];

const RANK: Record<TrayStatus, number> = { 'signed-out': 0, ok: 1, 'ending-soon': 2, error: 3 };

/** What one instance's session means for the icon. */
export function statusOfSession(status: SessionStatus): TrayStatus {
  switch (status) {
    case 'active':
      return 'ok';
    case 'ending-soon':
      return 'ending-soon';
    // A session that ended by itself, or failed, needs the user: both show the error face.
    case 'expired':
    case 'error':
      return 'error';
    case 'signed-out':
    case 'signing-in':
      return 'signed-out';
  }
}

/**
 * The icon for all instances together: the one needing the most attention wins (error, then
 * ending soon, then all good); signed out when nothing is signed in.
 */
export function trayStatus(instances: readonly InstanceView[]): TrayStatus {
  let worst: TrayStatus = 'signed-out';
  for (const instance of instances) {
    const status = statusOfSession(instance.session.status);
    if (RANK[status] > RANK[worst]) worst = status;
  }
  return worst;
}

/** True when the instance's session can hand out role credentials now. */
export function isSignedIn(status: SessionStatus): boolean {
  return status === 'active' || status === 'ending-soon';
}
