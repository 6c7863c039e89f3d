/**
 * What Rolecall tells the user outside the window, as plain data: title, text and the
 * actions offered. Built from state by pure functions and tested directly; the notification
 * service shows them.
 */
import type { IpcError } from '../../ipc/contract';
import { formatDuration, minutesLeft } from '../tray/time-left';

export type NoticeAction = { type: 'sign-in'; instanceId: string };

export interface Notice {
  /** A notice with the same key replaces the previous one (one per instance and topic). */
  key: string;
  title: string;
  body: string;
  /** Buttons (shown where the platform supports them; elsewhere a click opens the window). */
  actions: { label: string; action: NoticeAction }[];
  urgency: 'normal' | 'critical';
}

export interface NoticeInstance {
  id: string;
  name: string;
}

/** "Your session for Acme ends in 9 minutes", with Sign in again. */
export function sessionEndingNotice(instance: NoticeInstance, expiresAt: number, now: number): Notice {
  const minutes = minutesLeft(expiresAt - now);
  const when = minutes < 1 ? 'in less than a minute' : `in ${minutes} ${minutes === 1 ? 'minute' : 'minutes'}`;
  return {
    key: `session:${instance.id}`,
    title: `${instance.name}: session ending soon`,
    body: `Your Identity Center session for ${instance.name} ends ${when}. Sign in again to keep your roles working.`,
    actions: [{ label: 'Sign in again', action: { type: 'sign-in', instanceId: instance.id } }],
    urgency: 'normal',
  };
}

/** "Your session for Acme has ended", with Sign in. */
export function sessionEndedNotice(instance: NoticeInstance): Notice {
  return {
    key: `session:${instance.id}`,
    title: `${instance.name}: session ended`,
    body: `Your Identity Center session for ${instance.name} has ended. Sign in to use its roles again.`,
    actions: [{ label: 'Sign in', action: { type: 'sign-in', instanceId: instance.id } }],
    urgency: 'critical',
  };
}

/**
 * The code a device sign-in issued, so the user can check that the browser page shows the
 * same one before approving. The user code is meant to be shown (it is not a secret).
 */
export function deviceCodeNotice(instance: NoticeInstance, userCode: string, expiresAt: number, now: number): Notice {
  const left = expiresAt - now;
  const expiry = left >= 60_000 ? ` The code expires in ${formatDuration(left)}.` : '';
  return {
    key: `sign-in:${instance.id}`,
    title: `Sign in to ${instance.name}`,
    body: `Check that your browser shows the code ${userCode}, then approve.${expiry}`,
    actions: [],
    urgency: 'normal',
  };
}

/** An action started from the tray failed (the window is not there to say so). */
export function actionFailedNotice(what: string, error: IpcError): Notice {
  return {
    key: `failed:${what}`,
    title: `Rolecall could not ${what}`,
    body: error.hint === undefined ? error.message : `${error.message} ${error.hint}`,
    actions: [],
    urgency: 'normal',
  };
}
