import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../../../main/core/logger';
import { NotificationService, type NotificationHandle } from '../../../../main/app/notifications/notification-service';
import { watchForNotices } from '../../../../main/app/notifications/notice-watcher';
import { deviceCodeNotice, sessionEndingNotice, type Notice, type NoticeAction } from '../../../../main/app/notifications/notices';
import { FakeClock } from '../../../support/fake-clock';
import { recordingServices } from '../../support/recording-services';
import { MINUTE, NOW, acmeSnapshot } from '../../support/snapshots';

function setup(supported = true) {
  const log: string[] = [];
  const handles: { notice: Notice; click: () => void; action: (i: number) => void; closeBySystem: () => void }[] = [];
  const actions: NoticeAction[] = [];
  const service = new NotificationService({
    isSupported: () => supported,
    createNotification: (notice) => {
      let onClick = () => undefined as void;
      let onAction = (_i: number) => undefined as void;
      let onClose = () => undefined as void;
      const handle: NotificationHandle = {
        show: () => log.push(`show ${notice.key}`),
        close: () => (log.push(`close ${notice.key}`), onClose()),
        onClick: (l) => (onClick = l),
        onAction: (l) => (onAction = l),
        onClose: (l) => (onClose = l),
      };
      handles.push({ notice, click: () => onClick(), action: (i) => onAction(i), closeBySystem: () => onClose() });
      return handle;
    },
    focusWindow: () => log.push('focus window'),
    runAction: (action) => actions.push(action),
    logger: silentLogger,
  });
  return { service, log, handles, actions };
}

const acme = { id: 'acme', name: 'Acme' };

describe('NotificationService', () => {
  it('a click focuses the window; the action button signs in and focuses it', () => {
    const { service, log, handles, actions } = setup();
    service.show(sessionEndingNotice(acme, NOW + 9 * MINUTE, NOW));
    handles[0]!.click();
    handles[0]!.action(0);
    expect(log).toEqual(['show session:acme', 'focus window', 'focus window']);
    expect(actions).toEqual([{ type: 'sign-in', instanceId: 'acme' }]);
  });

  it('a new notice for the same instance and topic replaces the previous one', () => {
    const { service, log } = setup();
    service.show(sessionEndingNotice(acme, NOW + 9 * MINUTE, NOW));
    service.show(sessionEndingNotice(acme, NOW + 5 * MINUTE, NOW));
    expect(log).toEqual(['show session:acme', 'close session:acme', 'show session:acme']);
    expect(service.openCount).toBe(1);
  });

  it('forgets notifications the system closed', () => {
    const { service, handles } = setup();
    service.show(deviceCodeNotice(acme, 'ABCD-EFGH', NOW + 600_000, NOW));
    handles[0]!.closeBySystem();
    expect(service.openCount).toBe(0);
  });

  it('shows nothing where notifications are not supported', () => {
    const { service, log } = setup(false);
    service.show(deviceCodeNotice(acme, 'ABCD-EFGH', NOW + 600_000, NOW));
    expect(log).toEqual([]);
  });
});

describe('watchForNotices', () => {
  it('notifies on state transitions and on device codes only while the window is not in front', async () => {
    const clock = new FakeClock(NOW);
    const { services, emit } = recordingServices({ snapshot: acmeSnapshot('active', NOW + 60 * MINUTE) });
    const shown: string[] = [];
    let focused = false;
    const stop = watchForNotices({ state: services.state, sessions: services.sessions, clock, windowFocused: () => focused, show: (n) => shown.push(n.title), logger: silentLogger });
    await clock.advance(0);
    emit.state(acmeSnapshot('ending-soon', NOW + 10 * MINUTE));
    const code = { type: 'authorization', instanceId: 'acme', userCode: 'ABCD-EFGH', verificationUri: 'u', verificationUriComplete: 'u', expiresAt: NOW + 600_000 } as const;
    emit.signIn(code);
    focused = true;
    emit.signIn(code);
    emit.state(acmeSnapshot('expired'));
    stop();
    emit.state(acmeSnapshot('ending-soon'));
    expect(shown).toEqual(['Acme: session ending soon', 'Sign in to Acme', 'Acme: session ended']);
  });
});
