import { describe, expect, it } from 'vitest';
import { isDoneInFuture, markDoneChanges } from '@/lib/work/activity-done-rule';
import { showsNextStepNudge } from '@/lib/work/next-step-nudge';
import { dateInputValue, dueAtOnDate, shiftedDueAt, startOfTomorrow, validTimeZone, workGroupOf } from '@/lib/work/work-day';

// The inbox's day arithmetic happens in the person's own time zone: these pin a zone far from UTC
// (and one across a daylight-saving change) so a UTC-only mistake shows.

const NOW = new Date('2026-12-07T22:30:00Z'); // 5:30 PM in New York, already the 8th in Tokyo

describe('the person’s day', () => {
  it('starts tomorrow at their local midnight', () => {
    expect(startOfTomorrow(NOW, 'America/New_York').toISOString()).toBe('2026-12-08T05:00:00.000Z');
    expect(startOfTomorrow(NOW, 'Asia/Tokyo').toISOString()).toBe('2026-12-08T15:00:00.000Z');
    expect(startOfTomorrow(NOW, 'UTC').toISOString()).toBe('2026-12-08T00:00:00.000Z');
  });

  it('groups by their day: overdue once passed, today until their midnight, then upcoming', () => {
    const zone = 'America/New_York';
    expect(workGroupOf('2026-12-07T22:00:00Z', NOW, zone)).toBe('overdue');
    expect(workGroupOf('2026-12-08T04:00:00Z', NOW, zone)).toBe('today'); // 11 PM their time
    expect(workGroupOf('2026-12-08T04:00:00Z', NOW, 'UTC')).toBe('upcoming');
    expect(workGroupOf('2026-12-09T12:00:00Z', NOW, zone)).toBe('upcoming');
    expect(workGroupOf(null, NOW, zone)).toBe('no_date');
  });

  it('moves to tomorrow or next week keeping the time of day, 9:00 when undated', () => {
    const zone = 'America/New_York';
    // due Dec 1 at 2:15 PM their time
    expect(shiftedDueAt('2026-12-01T19:15:00Z', 1, NOW, zone)).toBe('2026-12-08T19:15:00.000Z');
    expect(shiftedDueAt('2026-12-01T19:15:00Z', 7, NOW, zone)).toBe('2026-12-14T19:15:00.000Z');
    expect(shiftedDueAt(null, 1, NOW, zone)).toBe('2026-12-08T14:00:00.000Z');
    // across the spring daylight-saving change the wall-clock time stays
    expect(shiftedDueAt('2027-03-13T14:00:00Z', 1, new Date('2027-03-13T15:00:00Z'), zone)).toBe('2027-03-14T13:00:00.000Z');
  });

  it('moves to a picked date keeping the time of day, and shows the due date for the picker', () => {
    expect(dueAtOnDate('2026-12-01T19:15:00Z', '2026-12-24', 'America/New_York')).toBe('2026-12-24T19:15:00.000Z');
    expect(dueAtOnDate(null, '2026-12-24', 'Asia/Tokyo')).toBe('2026-12-24T00:00:00.000Z');
    expect(dueAtOnDate(null, 'soon', 'UTC')).toBeNull();
    expect(dateInputValue('2026-12-08T04:00:00Z', 'America/New_York')).toBe('2026-12-07');
    expect(dateInputValue(null, 'UTC')).toBe('');
  });

  it('accepts only time zones Intl knows', () => {
    expect(validTimeZone('Europe/Paris')).toBe('Europe/Paris');
    expect(validTimeZone('Mars/Olympus')).toBe('UTC');
    expect(validTimeZone(undefined)).toBe('UTC');
  });
});

describe('an activity done in the future', () => {
  it('is refused beyond a few minutes of clock slack; planned ones may be anywhen', () => {
    expect(isDoneInFuture('completed', new Date(NOW.getTime() + 60 * 60_000), NOW)).toBe(true);
    expect(isDoneInFuture('completed', new Date(NOW.getTime() + 60_000), NOW)).toBe(false);
    expect(isDoneInFuture('planned', new Date(NOW.getTime() + 60 * 60_000), NOW)).toBe(false);
  });

  it('marking a planned activity done moves it to now only when it was planned for later', () => {
    expect(markDoneChanges('2026-12-09T10:00:00Z', NOW)).toEqual({ status: 'completed', occurred_at: NOW.toISOString() });
    expect(markDoneChanges('2026-12-01T10:00:00Z', NOW)).toEqual({ status: 'completed' });
  });
});

describe('the "No next step planned" nudge', () => {
  it('shows on deals still worked without an open task, never on won or lost ones', () => {
    expect(showsNextStepNudge('open', 0)).toBe(true);
    expect(showsNextStepNudge('stalled', 0)).toBe(true);
    expect(showsNextStepNudge('open', 1)).toBe(false);
    expect(showsNextStepNudge('won', 0)).toBe(false);
    expect(showsNextStepNudge('lost', 0)).toBe(false);
  });
});
