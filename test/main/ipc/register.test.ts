import { describe, expect, it } from 'vitest';
import { RolecallError } from '../../../main/core/errors';
import { createLogger, type LogRecord } from '../../../main/core/logger';
import { REQUEST_CHANNELS, type RequestChannel } from '../../../main/ipc/contract';
import { FORBIDDEN_ERROR_CODE, registerIpcHandlers, type IpcHandlers } from '../../../main/ipc/register';
import { createAppSenderPolicy, type IpcSender } from '../../../main/ipc/sender-policy';
import { isAppUrl } from '../../../main/app/window/app-location';
import { APP_PAGE, FakeIpcMain, WINDOW_ID, ourWindow } from '../support/fake-ipc-main';
import { VALID_ARGS, wrongValuesFor } from '../support/sample-requests';

/** Handlers that record their calls and answer with a marker value. */
function recordingHandlers() {
  const calls: { channel: RequestChannel; args: unknown[] }[] = [];
  const handlers = Object.fromEntries(
    REQUEST_CHANNELS.map((channel) => [
      channel,
      async (...args: unknown[]) => {
        calls.push({ channel, args });
        return { answeredBy: channel };
      },
    ]),
  ) as unknown as IpcHandlers;
  return { calls, handlers };
}

function setup(handlers: IpcHandlers) {
  const ipc = new FakeIpcMain();
  const records: LogRecord[] = [];
  const logger = createLogger((record) => records.push(record), { level: 'debug' });
  const policy = createAppSenderPolicy({ windowWebContentsId: () => WINDOW_ID, isAppUrl });
  const unregister = registerIpcHandlers(ipc, handlers, policy, { logger });
  return { ipc, records, unregister };
}

const FOREIGN_SENDERS: { label: string; sender: IpcSender }[] = [
  { label: 'another webContents', sender: { sender: { id: WINDOW_ID + 1 }, senderFrame: { url: APP_PAGE, parent: null } } },
  { label: 'a sub-frame of our window', sender: { sender: { id: WINDOW_ID }, senderFrame: { url: APP_PAGE, parent: { url: APP_PAGE } } } },
  { label: 'our window showing a web page', sender: { sender: { id: WINDOW_ID }, senderFrame: { url: 'https://evil.example/?token=CANARY-1', parent: null } } },
  { label: 'our window on a file URL', sender: { sender: { id: WINDOW_ID }, senderFrame: { url: 'file:///tmp/index.html', parent: null } } },
  { label: 'a look-alike app host', sender: { sender: { id: WINDOW_ID }, senderFrame: { url: 'app://rolecall.evil/index.html', parent: null } } },
  { label: 'a frame that is gone', sender: { sender: { id: WINDOW_ID }, senderFrame: null } },
];

describe('registerIpcHandlers', () => {
  it('registers exactly one handler per request channel and removes them again', () => {
    const { ipc, unregister } = setup(recordingHandlers().handlers);
    expect([...ipc.handlers.keys()].sort()).toEqual([...REQUEST_CHANNELS].sort());
    unregister();
    expect(ipc.handlers.size).toBe(0);
  });

  describe.each(REQUEST_CHANNELS)('%s', (channel) => {
    it('answers our window with the handler result', async () => {
      const { calls, handlers } = recordingHandlers();
      const { ipc } = setup(handlers);
      const response = await ipc.invoke(ourWindow, channel, ...VALID_ARGS[channel]);
      expect(response).toEqual({ ok: true, value: { answeredBy: channel } });
      expect(calls).toEqual([{ channel, args: VALID_ARGS[channel] }]);
    });

    it.each(FOREIGN_SENDERS)('refuses $label without calling the handler', async ({ sender }) => {
      const { calls, handlers } = recordingHandlers();
      const { ipc, records } = setup(handlers);
      const response = await ipc.invoke(sender, channel, ...VALID_ARGS[channel]);
      expect(response).toMatchObject({ ok: false, error: { code: FORBIDDEN_ERROR_CODE } });
      expect(calls).toEqual([]);
      expect(records.some((r) => r.level === 'warn' && r.fields.channel === channel)).toBe(true);
      // The refused URL may carry a token: only its origin is logged.
      expect(JSON.stringify(records)).not.toContain('CANARY');
    });

    it('refuses calls while there is no window', async () => {
      const { calls, handlers } = recordingHandlers();
      const ipc = new FakeIpcMain();
      registerIpcHandlers(ipc, handlers, createAppSenderPolicy({ windowWebContentsId: () => undefined, isAppUrl }));
      const response = await ipc.invoke(ourWindow, channel, ...VALID_ARGS[channel]);
      expect(response).toMatchObject({ ok: false, error: { code: FORBIDDEN_ERROR_CODE } });
      expect(calls).toEqual([]);
    });

    const valid = VALID_ARGS[channel] as readonly unknown[];
    const malformed: { label: string; args: unknown[] }[] = [
      { label: 'one argument too many', args: [...valid, 'extra'] },
      ...(valid.length > 0 ? [{ label: 'no arguments', args: [] }] : []),
      ...valid.flatMap((sample, position) =>
        wrongValuesFor(sample).map(({ label, value }) => ({
          label: `argument ${position + 1} as ${label}`,
          args: valid.map((v, i) => (i === position ? value : v)),
        })),
      ),
    ];
    it.each(malformed)('refuses $label without calling the handler', async ({ args }) => {
      const { calls, handlers } = recordingHandlers();
      const { ipc } = setup(handlers);
      const response = await ipc.invoke(ourWindow, channel, ...args);
      expect(response).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
      expect(calls).toEqual([]);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    });
  });

  it('passes a RolecallError through with its code, message and hint', async () => {
    const { handlers } = recordingHandlers();
    handlers['session:sign-in'] = async () => {
      throw new RolecallError('session-ended', 'Your Identity Center session for "acme" has ended.', { hint: 'Sign in again.' });
    };
    const { ipc } = setup(handlers);
    expect(await ipc.invoke(ourWindow, 'session:sign-in', 'acme')).toEqual({
      ok: false,
      error: { code: 'session-ended', message: 'Your Identity Center session for "acme" has ended.', hint: 'Sign in again.' },
    });
  });

  it('turns any other error into a generic one that does not repeat its message', async () => {
    const { handlers } = recordingHandlers();
    handlers['role:copy-env'] = async () => {
      throw new Error('request failed: {"sessionToken":"CANARY-secret-token"}');
    };
    const { ipc, records } = setup(handlers);
    const response = await ipc.invoke(ourWindow, 'role:copy-env', ...VALID_ARGS['role:copy-env']);
    expect(response).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(JSON.stringify(response)).not.toContain('CANARY');
    expect(JSON.stringify(records)).not.toContain('CANARY');
    expect(records.some((r) => r.level === 'error' && r.fields.channel === 'role:copy-env')).toBe(true);
  });
});
