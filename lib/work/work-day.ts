// "Today" for a person is their own calendar day, in their time zone (the browser's; the server
// learns it from the time-zone cookie the app shell sets). Pure, for the inbox, the sidebar count
// and their tests alike.

export const DEFAULT_TIME_ZONE = 'UTC';
export const TIME_ZONE_COOKIE = 'tz';

/** `name` when it is a time zone Intl knows, else UTC. */
export function validTimeZone(name: string | undefined | null): string {
  if (!name || name.length > 64) return DEFAULT_TIME_ZONE;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return name;
  } catch {
    return DEFAULT_TIME_ZONE;
  }
}

function partsIn(instant: Date, timeZone: string): { year: number; month: number; day: number; hour: number; minute: number; second: number } {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  }).formatToParts(instant);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return { year: get('year'), month: get('month'), day: get('day'), hour: get('hour'), minute: get('minute'), second: get('second') };
}

/** How far `timeZone`'s wall clock is ahead of UTC at `instant`, in ms. */
function offsetAt(instant: Date, timeZone: string): number {
  const p = partsIn(instant, timeZone);
  return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - Math.floor(instant.getTime() / 1000) * 1000;
}

/** The instant when the wall clock of `timeZone` shows this local date and time. */
export function zonedInstant(year: number, month: number, day: number, hour: number, minute: number, timeZone: string): Date {
  const wall = Date.UTC(year, month - 1, day, hour, minute);
  // twice: the first guess may sit on the other side of a daylight-saving change
  let guess = wall - offsetAt(new Date(wall), timeZone);
  guess = wall - offsetAt(new Date(guess), timeZone);
  return new Date(guess);
}

/** The first instant of the day after `now`'s, in `timeZone`: everything due before it is due today or overdue. */
export function startOfTomorrow(now: Date, timeZone: string): Date {
  const p = partsIn(now, timeZone);
  return zonedInstant(p.year, p.month, p.day + 1, 0, 0, timeZone);
}

export type WorkGroup = 'overdue' | 'today' | 'upcoming' | 'no_date';

export const WORK_GROUPS: { key: WorkGroup; label: string }[] = [
  { key: 'overdue', label: 'Overdue' },
  { key: 'today', label: 'Today' },
  { key: 'upcoming', label: 'Upcoming' },
  { key: 'no_date', label: 'No date' },
];

/** Overdue once its time has passed (as on the deal page), Today until midnight, then Upcoming. */
export function workGroupOf(dueAt: string | null, now: Date, timeZone: string): WorkGroup {
  if (dueAt === null) return 'no_date';
  const due = Date.parse(dueAt);
  if (due < now.getTime()) return 'overdue';
  return due < startOfTomorrow(now, timeZone).getTime() ? 'today' : 'upcoming';
}

/**
 * A new due time `days` days after today (in `timeZone`), at the time of day it had (9:00 when
 * it had no date): "tomorrow" is 1, "next week" 7.
 */
export function shiftedDueAt(dueAt: string | null, days: number, now: Date, timeZone: string): string {
  const today = partsIn(now, timeZone);
  const time = dueAt ? partsIn(new Date(dueAt), timeZone) : { hour: 9, minute: 0 };
  return zonedInstant(today.year, today.month, today.day + days, time.hour, time.minute, timeZone).toISOString();
}

/** A due time on the calendar date `date` ("2026-12-24"), at the time of day it had (9:00 when none); null when not a date. */
export function dueAtOnDate(dueAt: string | null, date: string, timeZone: string): string | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) return null;
  const time = dueAt ? partsIn(new Date(dueAt), timeZone) : { hour: 9, minute: 0 };
  return zonedInstant(Number(match[1]), Number(match[2]), Number(match[3]), time.hour, time.minute, timeZone).toISOString();
}

/** "2026-12-24" for a date input: the calendar date of `dueAt` in `timeZone`. */
export function dateInputValue(dueAt: string | null, timeZone: string): string {
  if (!dueAt) return '';
  const p = partsIn(new Date(dueAt), timeZone);
  return `${p.year}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`;
}
