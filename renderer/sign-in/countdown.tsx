import { describeDuration, formatCountdown } from '../format/time-left';

/** "Code expires in 9:41" with a draining bar; says so plainly once the time is up. */
export function Countdown({ now, startedAt, expiresAt }: { now: number; startedAt: number; expiresAt: number }) {
  const left = expiresAt - now;
  if (left <= 0) {
    return (
      <p class="countdown countdown--over">
        This code has expired.
      </p>
    );
  }
  const total = Math.max(1, expiresAt - startedAt);
  return (
    <div class="countdown">
      <p class="countdown__text">
        Code expires in <span class="countdown__time" aria-hidden="true">{formatCountdown(left)}</span>
        <span class="visually-hidden">{describeDuration(left)}</span>
      </p>
      <progress class="countdown__bar" aria-hidden="true" max={total} value={left} />
    </div>
  );
}
