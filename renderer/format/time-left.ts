/**
 * How long until something ends, as the window shows it: calm at a glance when far away
 * ("7 h 42 min"), ticking by the second when close ("4:09").
 */
export function formatTimeLeft(ms: number): string {
  if (ms <= 0) return '0:00';
  const totalSeconds = Math.floor(ms / 1000);
  const days = Math.floor(totalSeconds / 86_400);
  const hours = Math.floor((totalSeconds % 86_400) / 3600);
  const minutes = Math.floor((totalSeconds % 3600) / 60);
  const seconds = totalSeconds % 60;
  if (days > 0) return hours > 0 ? `${days} d ${hours} h` : `${days} d`;
  if (hours > 0) return minutes > 0 ? `${hours} h ${minutes} min` : `${hours} h`;
  if (minutes >= 10) return `${minutes} min`;
  return clock(minutes, seconds);
}

/** A countdown always shown to the second (`9:41`), for short deadlines such as a device code. */
export function formatCountdown(ms: number): string {
  const totalSeconds = Math.max(0, Math.ceil(ms / 1000));
  return clock(Math.floor(totalSeconds / 60), totalSeconds % 60);
}

/** Spoken form of a duration for screen readers ("9 minutes 41 seconds"). */
export function describeDuration(ms: number): string {
  const totalSeconds = Math.max(0, Math.ceil(ms / 1000));
  const hours = Math.floor(totalSeconds / 3600);
  const minutes = Math.floor((totalSeconds % 3600) / 60);
  const seconds = totalSeconds % 60;
  const parts: string[] = [];
  if (hours > 0) parts.push(plural(hours, 'hour'));
  if (minutes > 0) parts.push(plural(minutes, 'minute'));
  if (hours === 0 && (seconds > 0 || parts.length === 0)) parts.push(plural(seconds, 'second'));
  return parts.join(' ');
}

function clock(minutes: number, seconds: number): string {
  return `${minutes}:${String(seconds).padStart(2, '0')}`;
}

function plural(n: number, unit: string): string {
  return `${n} ${unit}${n === 1 ? '' : 's'}`;
}
