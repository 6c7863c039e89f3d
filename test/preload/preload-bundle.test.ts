/**
 * The preload as the sandbox runs it: bundled to CommonJS exactly as the build does, then
 * evaluated in a fresh context whose `require` knows only a stubbed `electron`. Anything else
 * it tried to load would fail here as it would in the sandbox.
 */
import { build } from 'esbuild';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import { beforeAll, describe, expect, it } from 'vitest';
import { EVENT_CHANNELS, REQUEST_CHANNELS, methodName } from '../../main/ipc/contract';

const root = join(import.meta.dirname, '..', '..');
let bundle: string;

beforeAll(async () => {
  const result = await build({
    entryPoints: [join(root, 'preload', 'index.ts')],
    bundle: true,
    write: false,
    platform: 'node',
    format: 'cjs',
    target: 'chrome130',
    external: ['electron'],
    logLevel: 'silent',
  });
  bundle = result.outputFiles[0]!.text;
});

interface FakeIpcRenderer {
  invocations: { channel: string; args: unknown[] }[];
  listeners: Map<string, Set<(event: unknown, payload: unknown) => void>>;
  answer: (channel: string, args: unknown[]) => unknown;
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: unknown, payload: unknown) => void): FakeIpcRenderer;
  removeListener(channel: string, listener: (event: unknown, payload: unknown) => void): FakeIpcRenderer;
  send(): void;
  sendSync(): void;
}

function loadPreload() {
  const ipcRenderer: FakeIpcRenderer = {
    invocations: [],
    listeners: new Map(),
    answer: () => ({ ok: true, value: null }),
    async invoke(channel, ...args) {
      this.invocations.push({ channel, args });
      return this.answer(channel, args);
    },
    on(channel, listener) {
      if (!this.listeners.has(channel)) this.listeners.set(channel, new Set());
      this.listeners.get(channel)!.add(listener);
      return this;
    },
    removeListener(channel, listener) {
      this.listeners.get(channel)?.delete(listener);
      return this;
    },
    send() {
      throw new Error('the preload must not use send');
    },
    sendSync() {
      throw new Error('the preload must not use sendSync');
    },
  };
  const exposed: { key: string; api: Record<string, unknown> }[] = [];
  const required: string[] = [];
  const electron = {
    contextBridge: { exposeInMainWorld: (key: string, api: Record<string, unknown>) => exposed.push({ key, api }) },
    ipcRenderer,
  };
  const module = { exports: {} };
  runInNewContext(bundle, {
    module,
    exports: module.exports,
    require: (name: string) => {
      required.push(name);
      if (name === 'electron') return electron;
      throw new Error(`the sandboxed preload cannot require "${name}"`);
    },
  });
  return { ipcRenderer, exposed, required };
}

describe('preload bundle', () => {
  it('exposes window.rolecall once, with exactly one method per request channel plus on()', () => {
    const { exposed, required } = loadPreload();
    expect(required).toEqual(['electron']);
    expect(exposed).toHaveLength(1);
    expect(exposed[0]!.key).toBe('rolecall');
    const keys = Object.keys(exposed[0]!.api).sort();
    expect(keys).toEqual([...REQUEST_CHANNELS.map((c) => methodName(c)), 'on'].sort());
    for (const key of keys) expect(typeof exposed[0]!.api[key]).toBe('function');
  });

  it('never hands out ipcRenderer or any of its methods', () => {
    const { exposed, ipcRenderer } = loadPreload();
    const api = exposed[0]!.api;
    const values = Object.values(api);
    expect(values).not.toContain(ipcRenderer);
    for (const name of ['invoke', 'on', 'removeListener', 'send', 'sendSync'] as const) expect(values).not.toContain(ipcRenderer[name]);
    expect(Object.keys(api)).not.toEqual(expect.arrayContaining(['ipcRenderer', 'invoke', 'send', 'sendSync']));
    expect(Object.isFrozen(api)).toBe(true);
  });

  it.each(REQUEST_CHANNELS)('%s: the method invokes its channel with the arguments and resolves the value', async (channel) => {
    const { exposed, ipcRenderer } = loadPreload();
    ipcRenderer.answer = (c) => ({ ok: true, value: { from: c } });
    const method = exposed[0]!.api[methodName(channel)] as (...args: unknown[]) => Promise<unknown>;
    await expect(method('a', 2)).resolves.toEqual({ from: channel });
    expect(ipcRenderer.invocations).toEqual([{ channel, args: ['a', 2] }]);
  });

  it('rejects a failed request with its code, message and hint as plain data that survives contextBridge', async () => {
    const { exposed, ipcRenderer } = loadPreload();
    ipcRenderer.answer = () => ({ ok: false, error: { code: 'session-ended', message: 'Your session has ended.', hint: 'Sign in again.' } });
    const rejection = await (exposed[0]!.api.sessionSignIn as (id: string) => Promise<unknown>)('acme').catch((error: unknown) => error);
    expect(rejection).toEqual({ name: 'RolecallError', code: 'session-ended', message: 'Your session has ended.', hint: 'Sign in again.' });
    // Not a native Error: contextBridge would rebuild one keeping the message only.
    expect(Object.prototype.toString.call(rejection)).toBe('[object Object]');
  });

  it('rejects an answer of the wrong shape as an internal error', async () => {
    const { exposed, ipcRenderer } = loadPreload();
    ipcRenderer.answer = () => 'not a response';
    await expect((exposed[0]!.api.stateGet as () => Promise<unknown>)()).rejects.toMatchObject({ code: 'internal' });
  });

  it.each(EVENT_CHANNELS)('on(%s) delivers only the payload and unsubscribes', (event) => {
    const { exposed, ipcRenderer } = loadPreload();
    const on = exposed[0]!.api.on as (event: string, listener: (payload: unknown) => void) => () => void;
    const received: unknown[][] = [];
    const unsubscribe = on(event, (...args) => received.push(args));
    const relay = [...ipcRenderer.listeners.get(event)!][0]!;
    relay({ sender: ipcRenderer }, { payload: 1 });
    expect(received).toEqual([[{ payload: 1 }]]);
    unsubscribe();
    expect(ipcRenderer.listeners.get(event)!.size).toBe(0);
  });

  it('refuses to subscribe to an event that is not in the contract', () => {
    const { exposed, ipcRenderer } = loadPreload();
    const on = exposed[0]!.api.on as (event: string, listener: () => void) => () => void;
    expect(() => on('ipc-internal', () => undefined)).toThrow(/unknown event/);
    expect(ipcRenderer.listeners.size).toBe(0);
  });
});
