import { useEffect, useState } from 'preact/hooks';

/**
 * The current time, re-read every `intervalMs`. Only components that show a ticking time use
 * it, so the role list never re-renders because a clock ticked.
 */
export function useNow(intervalMs = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const handle = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(handle);
  }, [intervalMs]);
  return now;
}
