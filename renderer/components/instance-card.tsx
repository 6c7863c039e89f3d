import type { SessionStatus } from '../../main/core/model';
import type { InstanceView } from '../../main/ipc/contract';
import { formatQuantity } from '../format/count';
import { formatTimeLeft } from '../format/time-left';
import type { StreamedSync } from '../state/window-state';
import { AlertIcon, SyncIcon } from './icons';
import { SyncProgress } from './sync-progress';

export interface InstanceCardProps {
  instance: InstanceView;
  now: number;
  streamed: StreamedSync | undefined;
  accountCount: number;
  roleCount: number;
  onSignIn: (instanceId: string) => void;
  onShowSignIn: (instanceId: string) => void;
  onSignOut: (instanceId: string) => void;
  onSync: (instanceId: string) => void;
}

const STATUS_LABEL: Record<SessionStatus, string> = {
  'signed-out': 'Signed out',
  'signing-in': 'Signing in',
  active: 'Signed in',
  'ending-soon': 'Ending soon',
  expired: 'Session ended',
  error: 'Problem',
};

/** What a card shows for a session, given the time now (a session can end between snapshots). */
export function sessionStanding(instance: InstanceView, now: number): { status: SessionStatus; detail: string | null } {
  const { status, expiresAt, message } = instance.session;
  if ((status === 'active' || status === 'ending-soon') && expiresAt !== undefined) {
    if (expiresAt <= now) return { status: 'expired', detail: 'Sign in again to keep working.' };
    return { status, detail: `Session ends in ${formatTimeLeft(expiresAt - now)}` };
  }
  if (status === 'expired') return { status, detail: message ?? 'Sign in again to keep working.' };
  if (status === 'error') return { status, detail: message ?? null };
  return { status, detail: null };
}

/** One Identity Center instance: where the session stands, sync progress, sign in or out. */
export function InstanceCard(props: InstanceCardProps) {
  const { instance, now, streamed } = props;
  const { status, detail } = sessionStanding(instance, now);
  const headingId = `instance-${instance.id}`;
  const syncing = streamed !== undefined && streamed.finishedAt === null ? { done: streamed.done, total: streamed.total } : instance.sync;
  const signedIn = status === 'active' || status === 'ending-soon';
  return (
    <article class={`instance-card instance-card--${status}`} aria-labelledby={headingId}>
      <header class="instance-card__head">
        <h3 id={headingId} class="instance-card__name">
          {instance.name}
        </h3>
        <span class={`status-pill status-pill--${status}`}>{STATUS_LABEL[status]}</span>
      </header>
      <p class="instance-card__where" title={instance.startUrl}>
        {instance.region} · {hostOf(instance.startUrl)}
      </p>
      {detail !== null && <p class={`instance-card__detail instance-card__detail--${status}`}>{detail}</p>}
      {syncing !== null ? (
        <SyncProgress done={syncing.done} total={syncing.total} label={instance.name} />
      ) : (
        props.accountCount > 0 && (
          <p class="instance-card__counts">
            {formatQuantity(props.accountCount, 'account')} · {formatQuantity(props.roleCount, 'role')}
          </p>
        )
      )}
      {instance.syncError !== null && (
        <p class="instance-card__error">
          <AlertIcon />
          <span>
            Last sync failed: {instance.syncError} Showing the last good list.
          </span>
        </p>
      )}
      <div class="instance-card__actions">
        {status === 'signing-in' ? (
          <button type="button" class="button button--small" onClick={() => props.onShowSignIn(instance.id)}>
            Show sign-in
          </button>
        ) : signedIn ? (
          <>
            <button type="button" class="button button--small" disabled={syncing !== null} onClick={() => props.onSync(instance.id)}>
              <SyncIcon />
              Sync<span class="visually-hidden"> {instance.name}</span>
            </button>
            <button type="button" class="button button--small button--quiet" onClick={() => props.onSignOut(instance.id)}>
              Sign out<span class="visually-hidden"> of {instance.name}</span>
            </button>
          </>
        ) : (
          <button type="button" class="button button--small button--primary" onClick={() => props.onSignIn(instance.id)}>
            Sign in<span class="visually-hidden"> to {instance.name}</span>
          </button>
        )}
      </div>
    </article>
  );
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    // Shown as typed: main validated it, and a card should never fail to render.
    return url;
  }
}
