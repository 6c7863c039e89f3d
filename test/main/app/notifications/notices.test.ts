import { describe, expect, it } from 'vitest';
import { actionFailedNotice, deviceCodeNotice, sessionEndedNotice, sessionEndingNotice } from '../../../../main/app/notifications/notices';
import { noticeForSignIn, noticesForStateChange } from '../../../../main/app/notifications/session-notices';
import { toNotificationOptions } from '../../../../main/app/notifications/notification-options';
import { MINUTE, NOW, acmeSnapshot, instance, snapshot } from '../../support/snapshots';

const acme = { id: 'acme', name: 'Acme' };

describe('notice builders', () => {
  it('session ending in N minutes, with Sign in again', () => {
    expect(sessionEndingNotice(acme, NOW + 9 * MINUTE + 45_000, NOW)).toEqual({
      key: 'session:acme',
      title: 'Acme: session ending soon',
      body: 'Your Identity Center session for Acme ends in 9 minutes. Sign in again to keep your roles working.',
      actions: [{ label: 'Sign in again', action: { type: 'sign-in', instanceId: 'acme' } }],
      urgency: 'normal',
    });
    expect(sessionEndingNotice(acme, NOW + MINUTE, NOW).body).toContain('ends in 1 minute.');
    expect(sessionEndingNotice(acme, NOW + 20_000, NOW).body).toContain('ends in less than a minute.');
  });

  it('session ended, with Sign in, replacing the ending-soon notice', () => {
    const notice = sessionEndedNotice(acme);
    expect(notice).toMatchObject({ key: 'session:acme', title: 'Acme: session ended', urgency: 'critical' });
    expect(notice.body).toBe('Your Identity Center session for Acme has ended. Sign in to use its roles again.');
    expect(notice.actions).toEqual([{ label: 'Sign in', action: { type: 'sign-in', instanceId: 'acme' } }]);
  });

  it('device code issued: the code to compare with the browser page, and when it expires', () => {
    const notice = deviceCodeNotice(acme, 'WDJB-MJHT', NOW + 10 * MINUTE, NOW);
    expect(notice.title).toBe('Sign in to Acme');
    expect(notice.body).toBe('Check that your browser shows the code WDJB-MJHT, then approve. The code expires in 10 min.');
    expect(deviceCodeNotice(acme, 'WDJB-MJHT', NOW + 30_000, NOW).body).toBe('Check that your browser shows the code WDJB-MJHT, then approve.');
  });

  it('a failed tray action says what failed and what to do', () => {
    expect(actionFailedNotice('open the console', { code: 'session-ended', message: 'Your session for Acme has ended.', hint: 'Sign in again.' })).toMatchObject({
      title: 'Rolecall could not open the console',
      body: 'Your session for Acme has ended. Sign in again.',
    });
  });
});

describe('noticesForStateChange', () => {
  it('warns once when a session enters its last minutes', () => {
    const active = acmeSnapshot('active', NOW + 30 * MINUTE);
    const ending = acmeSnapshot('ending-soon', NOW + 10 * MINUTE);
    expect(noticesForStateChange(active, active, NOW)).toEqual([]);
    expect(noticesForStateChange(active, ending, NOW).map((n) => n.title)).toEqual(['Acme: session ending soon']);
    expect(noticesForStateChange(ending, acmeSnapshot('ending-soon', NOW + 9 * MINUTE), NOW)).toEqual([]);
  });

  it('warns at start-up about a session already ending soon', () => {
    expect(noticesForStateChange(null, acmeSnapshot('ending-soon', NOW + 5 * MINUTE), NOW)).toHaveLength(1);
  });

  it('says so when a session ends while in use, not when it was already over or signed out', () => {
    const expired = acmeSnapshot('expired');
    expect(noticesForStateChange(acmeSnapshot('ending-soon'), expired, NOW).map((n) => n.title)).toEqual(['Acme: session ended']);
    expect(noticesForStateChange(acmeSnapshot('active'), expired, NOW)).toHaveLength(1);
    expect(noticesForStateChange(null, expired, NOW)).toEqual([]);
    expect(noticesForStateChange(acmeSnapshot('signed-out'), expired, NOW)).toEqual([]);
    expect(noticesForStateChange(acmeSnapshot('active'), acmeSnapshot('signed-out'), NOW)).toEqual([]);
  });

  it('looks at each instance on its own', () => {
    const before = snapshot({ instances: [instance('a', 'A', { status: 'active', expiresAt: NOW + 60 * MINUTE }), instance('b', 'B', { status: 'active', expiresAt: NOW + 60 * MINUTE })] });
    const after = snapshot({ instances: [instance('a', 'A', { status: 'ending-soon', expiresAt: NOW + 5 * MINUTE }), instance('b', 'B', { status: 'expired' })] });
    expect(noticesForStateChange(before, after, NOW).map((n) => n.key)).toEqual(['session:a', 'session:b']);
  });
});

describe('noticeForSignIn', () => {
  it('turns an issued device code into a notice naming the instance; other events into none', () => {
    const state = acmeSnapshot('signing-in');
    const notice = noticeForSignIn(
      { type: 'authorization', instanceId: 'acme', userCode: 'ABCD-EFGH', verificationUri: 'https://device.sso.us-east-1.amazonaws.com/', verificationUriComplete: 'https://device.sso.us-east-1.amazonaws.com/?user_code=ABCD-EFGH', expiresAt: NOW + 600_000 },
      state,
      NOW,
    );
    expect(notice?.title).toBe('Sign in to Acme');
    expect(notice?.body).toContain('ABCD-EFGH');
    expect(noticeForSignIn({ type: 'waiting', instanceId: 'acme' }, state, NOW)).toBeUndefined();
  });
});

describe('toNotificationOptions', () => {
  const notice = sessionEndingNotice(acme, NOW + 9 * MINUTE, NOW);

  it('adds the action buttons on macOS', () => {
    expect(toNotificationOptions(notice, 'darwin')).toEqual({ title: notice.title, body: notice.body, silent: false, actions: [{ type: 'button', text: 'Sign in again' }] });
  });

  it('leaves buttons out elsewhere (a click opens the window) and passes urgency on Linux', () => {
    expect(toNotificationOptions(notice, 'win32')).toEqual({ title: notice.title, body: notice.body, silent: false });
    expect(toNotificationOptions(sessionEndedNotice(acme), 'linux')).toMatchObject({ urgency: 'critical' });
    expect(toNotificationOptions(notice, 'linux')).not.toHaveProperty('actions');
  });
});
