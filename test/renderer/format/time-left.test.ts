import { describe, expect, it } from 'vitest';
import { formatQuantity } from '../../../renderer/format/count';
import { describeDuration, formatCountdown, formatTimeLeft } from '../../../renderer/format/time-left';

const min = 60_000;

describe('time formats', () => {
  it('shows a session’s time left calmly when far, to the second when close', () => {
    expect(formatTimeLeft(3 * 24 * 60 * min + 4 * 60 * min)).toBe('3 d 4 h');
    expect(formatTimeLeft(462 * min + 59_000)).toBe('7 h 42 min');
    expect(formatTimeLeft(60 * min)).toBe('1 h');
    expect(formatTimeLeft(42 * min)).toBe('42 min');
    expect(formatTimeLeft(8 * min + 12_000)).toBe('8:12');
    expect(formatTimeLeft(-5)).toBe('0:00');
  });

  it('counts a code down to the second and says it in words for screen readers', () => {
    expect(formatCountdown(581_000)).toBe('9:41');
    expect(formatCountdown(400)).toBe('0:01');
    expect(describeDuration(581_000)).toBe('9 minutes 41 seconds');
    expect(describeDuration(60_000)).toBe('1 minute');
  });

  it('writes counts with thousands separators', () => {
    expect(formatQuantity(1000, 'account')).toBe('1,000 accounts');
    expect(formatQuantity(1, 'role')).toBe('1 role');
  });
});
