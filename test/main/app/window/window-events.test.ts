import { describe, expect, it } from 'vitest';
import { createEventSender } from '../../../../main/ipc/event-sender';
import { forwardEventsToWindow } from '../../../../main/app/window/window-events';
import { FakeClock } from '../../../support/fake-clock';
import { recordingServices } from '../../support/recording-services';
import { acmeSnapshot, instance, snapshot } from '../../support/snapshots';

describe('forwardEventsToWindow', () => {
  it('sends state changes at most every 100 ms (the newest last) and progress events as they come', async () => {
    const clock = new FakeClock();
    const { services, emit } = recordingServices();
    const sent: { channel: string; payload: unknown }[] = [];
    let destroyed = false;
    const send = createEventSender(() => ({ send: (channel, payload) => sent.push({ channel, payload }), isDestroyed: () => destroyed }));
    const stop = forwardEventsToWindow(services, send, clock);

    for (let i = 0; i < 20; i += 1) emit.state(snapshot({ instances: [instance(`i${i}`, `I${i}`, { status: 'signed-out' })] }));
    emit.signIn({ type: 'waiting', instanceId: 'acme' });
    emit.sync({ type: 'started', instanceId: 'acme' });
    await clock.advance(100);
    expect(sent.map((s) => s.channel)).toEqual(['state:changed', 'sign-in:progress', 'sync:progress', 'state:changed']);
    expect((sent[3]!.payload as ReturnType<typeof snapshot>).instances[0]!.id).toBe('i19');

    destroyed = true;
    emit.signIn({ type: 'waiting', instanceId: 'acme' });
    expect(sent).toHaveLength(4);
    destroyed = false;
    stop();
    emit.state(acmeSnapshot());
    await clock.advance(1000);
    expect(sent).toHaveLength(4);
  });

  it('sends nothing while there is no window', () => {
    const send = createEventSender(() => undefined);
    expect(() => send('sign-in:progress', { type: 'waiting', instanceId: 'acme' })).not.toThrow();
  });
});
