import type { IpcError, RolecallApi } from '../../main/ipc/contract';

declare global {
  interface Window {
    /** Exposed by the preload; the window's only way to reach the main process. */
    readonly rolecall?: RolecallApi;
  }
}

/** The preload's API, or null when the page runs without it. */
export function findRolecallApi(): RolecallApi | null {
  return window.rolecall ?? null;
}

/**
 * The `{code, message, hint}` of a failed request, whatever shape the rejection took on its
 * way through the preload.
 */
export function toIpcError(reason: unknown): IpcError {
  if (typeof reason === 'object' && reason !== null) {
    const { code, message, hint } = reason as { code?: unknown; message?: unknown; hint?: unknown };
    if (typeof code === 'string' && typeof message === 'string') {
      return typeof hint === 'string' ? { code, message, hint } : { code, message };
    }
    if (typeof message === 'string') return { code: 'internal', message };
  }
  return { code: 'internal', message: 'Something went wrong in Rolecall.' };
}
