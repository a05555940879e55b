import { describe, expect, it } from 'vitest';
import { formatDuration, formatDurationSeconds } from '@/lib/time/format-duration';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

describe('formatDuration', () => {
  it('spells minutes as "min", never a bare "m" that reads as months', () => {
    expect(formatDuration(0)).toBe('under 1 min');
    expect(formatDuration(59_999)).toBe('under 1 min');
    expect(formatDuration(3 * MIN)).toBe('3 min');
    expect(formatDuration(59 * MIN + 59_000)).toBe('59 min');
  });

  it('gives hours under a day, days and hours under ten days, whole days after', () => {
    expect(formatDuration(5 * HOUR + 40 * MIN)).toBe('5 h');
    expect(formatDuration(DAY)).toBe('1 d');
    expect(formatDuration(3 * DAY + 4 * HOUR + 30 * MIN)).toBe('3 d 4 h');
    expect(formatDuration(10 * DAY + 23 * HOUR)).toBe('10 d');
    expect(formatDuration(400 * DAY)).toBe('400 d');
  });

  it('treats a span in the future (a clock a little behind) as none', () => {
    expect(formatDuration(-5 * MIN)).toBe('under 1 min');
  });

  it('reads report durations in seconds, with a dash for none', () => {
    expect(formatDurationSeconds(null)).toBe('—');
    expect(formatDurationSeconds(4.2 * 86_400)).toBe('4 d 4 h');
  });
});
