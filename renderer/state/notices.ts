import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import type { IpcError } from '../../main/ipc/contract';

/** A short message about something the user did: "Copied", or what went wrong and what to do. */
export interface Notice {
  id: number;
  tone: 'info' | 'error';
  text: string;
  hint?: string;
}

export interface Notices {
  current: Notice | null;
  info(text: string): void;
  error(error: IpcError): void;
  dismiss(): void;
}

const INFO_MS = 5000;
const ERROR_MS = 12000;

/** One notice at a time; a newer one replaces the older, and each fades after a while. */
export function useNotices(): Notices {
  const [current, setCurrent] = useState<Notice | null>(null);
  const counter = useRef(0);
  useEffect(() => {
    if (current === null) return undefined;
    const handle = setTimeout(() => setCurrent((n) => (n?.id === current.id ? null : n)), current.tone === 'error' ? ERROR_MS : INFO_MS);
    return () => clearTimeout(handle);
  }, [current]);
  const info = useCallback((text: string) => setCurrent({ id: ++counter.current, tone: 'info', text }), []);
  const error = useCallback(
    (e: IpcError) => setCurrent(e.hint === undefined ? { id: ++counter.current, tone: 'error', text: e.message } : { id: ++counter.current, tone: 'error', text: e.message, hint: e.hint }),
    [],
  );
  const dismiss = useCallback(() => setCurrent(null), []);
  return { current, info, error, dismiss };
}
