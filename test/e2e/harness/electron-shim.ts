/** Name of the Playwright binding that carries `ipcRenderer.invoke` to the test's Node process. */
export const INVOKE_BINDING = '__rolecallInvoke';

/**
 * The page-side script that runs a sandboxed preload bundle in the page before the app's own
 * scripts: `require('electron')` gets a shim whose `contextBridge.exposeInMainWorld` defines the
 * global and whose `ipcRenderer` talks to Node through the invoke binding (requests) and
 * `__rolecallHarness.emit` (events, called by the harness with `page.evaluate`). Only
 * Electron's transport is replaced; the preload's own code runs unchanged.
 */
export function preloadInitScript(preloadSource: string): string {
  return `(() => {
  const invoke = window[${JSON.stringify(INVOKE_BINDING)}];
  const listeners = new Map();
  const violations = [];
  document.addEventListener('securitypolicyviolation', (e) => {
    violations.push({ directive: e.violatedDirective, blocked: e.blockedURI, sample: e.sample });
  });
  Object.defineProperty(window, '__rolecallHarness', {
    value: Object.freeze({
      emit(channel, payload) {
        for (const listener of [...(listeners.get(channel) || [])]) listener({ sender: null, senderId: 0 }, payload);
      },
      listenerCount: (channel) => (listeners.get(channel) || new Set()).size,
      violations: () => violations.slice(),
    }),
  });
  const ipcRenderer = {
    invoke: (channel, ...args) => invoke(channel, args),
    on(channel, listener) {
      if (!listeners.has(channel)) listeners.set(channel, new Set());
      listeners.get(channel).add(listener);
      return ipcRenderer;
    },
    once(channel, listener) {
      const once = (...a) => { ipcRenderer.removeListener(channel, once); listener(...a); };
      return ipcRenderer.on(channel, once);
    },
    removeListener(channel, listener) {
      listeners.get(channel)?.delete(listener);
      return ipcRenderer;
    },
    off(channel, listener) { return ipcRenderer.removeListener(channel, listener); },
    removeAllListeners(channel) { listeners.delete(channel); return ipcRenderer; },
  };
  const contextBridge = {
    exposeInMainWorld(key, api) {
      Object.defineProperty(window, key, { value: Object.freeze({ ...api }), enumerable: true });
    },
  };
  const electron = Object.freeze({ contextBridge, ipcRenderer });
  const require = (id) => {
    if (id === 'electron') return electron;
    throw new Error('A sandboxed preload cannot load ' + id);
  };
  const module = { exports: {} };
  (function (require, module, exports) {
${preloadSource}
  })(require, module, module.exports);
})();`;
}
