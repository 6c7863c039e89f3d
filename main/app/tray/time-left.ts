const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * How long a session has left, as the tray and notifications say it: "7 h 42 min left",
 * "9 min left", "less than a minute left", "ended". Minutes round down so Rolecall never
 * promises more time than there is.
 */
export function formatTimeLeft(ms: number): string {
  if (!Number.isFinite(ms) || ms <= 0) return 'ended';
  if (ms < MINUTE) return 'less than a minute left';
  return `${formatDuration(ms)} left`;
}

/** A duration of at least a minute, rounded down: "2 d 3 h", "7 h 42 min", "7 h", "9 min". */
export function formatDuration(ms: number): string {
  if (ms >= DAY) {
    const days = Math.floor(ms / DAY);
    const hours = Math.floor((ms % DAY) / HOUR);
    return hours === 0 ? `${days} d` : `${days} d ${hours} h`;
  }
  if (ms >= HOUR) {
    const hours = Math.floor(ms / HOUR);
    const minutes = Math.floor((ms % HOUR) / MINUTE);
    return minutes === 0 ? `${hours} h` : `${hours} h ${minutes} min`;
  }
  return `${Math.max(1, Math.floor(ms / MINUTE))} min`;
}

/** Whole minutes left, rounded down (a notification's "ends in N minutes"). */
export function minutesLeft(ms: number): number {
  return Math.max(0, Math.floor(ms / MINUTE));
}
