/**
 * Which notices a change of state calls for: a session entering its last minutes, a session
 * that ended while the user was working, a device code waiting to be confirmed.
 */
import type { SignInEvent } from '../../core/model';
import type { AppSnapshot } from '../../ipc/contract';
import { deviceCodeNotice, sessionEndedNotice, sessionEndingNotice, type Notice } from './notices';

export function noticesForStateChange(previous: AppSnapshot | null, next: AppSnapshot, now: number): Notice[] {
  const notices: Notice[] = [];
  for (const instance of next.instances) {
    const before = previous?.instances.find((candidate) => candidate.id === instance.id)?.session.status;
    const { status, expiresAt } = instance.session;
    if (status === 'ending-soon' && before !== 'ending-soon' && expiresAt !== undefined) {
      notices.push(sessionEndingNotice(instance, expiresAt, now));
    } else if (status === 'expired' && (before === 'active' || before === 'ending-soon')) {
      notices.push(sessionEndedNotice(instance));
    }
  }
  return notices;
}

/** The device-code notice for a sign-in event, if it calls for one. */
export function noticeForSignIn(event: SignInEvent, snapshot: AppSnapshot | null, now: number): Notice | undefined {
  if (event.type !== 'authorization') return undefined;
  const instance = snapshot?.instances.find((candidate) => candidate.id === event.instanceId);
  return deviceCodeNotice({ id: event.instanceId, name: instance?.name ?? event.instanceId }, event.userCode, event.expiresAt, now);
}
