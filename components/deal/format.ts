'use client';

import { useSyncExternalStore } from 'react';

export { formatDuration } from '@/lib/time/format-duration';

// Dates for people, in their own time zone. The server renders in UTC; right after hydration the
// browser re-renders in its zone (useSyncExternalStore's server snapshot), so there is never a
// hydration mismatch. Calendar dates (expected close) are days, not instants: always shown in UTC.

const subscribe = () => () => {};

/** The browser's IANA time zone ('UTC' while hydrating). */
export function useTimeZone(): string {
  return useSyncExternalStore(
    subscribe,
    () => Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC',
    () => 'UTC',
  );
}

export const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
const MINUTE_MS = 60_000;

/** "Mar 14, 2026, 3:05 PM" in `timeZone`. */
export function formatDateTime(isoText: string, timeZone: string): string {
  return new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeStyle: 'short', timeZone }).format(new Date(isoText));
}

/** "Mar 14, 2026" in `timeZone`. */
export function formatDate(isoText: string, timeZone: string): string {
  return new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeZone }).format(new Date(isoText));
}

/** A calendar date stored as midnight UTC ("2026-04-01T00:00:00Z") → "Apr 1, 2026". */
export function formatCalendarDate(isoText: string): string {
  return formatDate(isoText, 'UTC');
}

/** "2026-04-01" for a date input, from a midnight-UTC calendar date. */
export function calendarDateValue(isoText: string | null): string {
  return isoText ? isoText.slice(0, 10) : '';
}

/** The value of a datetime-local input ("2026-03-14T15:05") for an instant, in the browser's zone. */
export function localDateTimeValue(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** A datetime-local value (browser's zone) → ISO instant; null when blank or not a date. */
export function localDateTimeToIso(value: string): string | null {
  if (!value) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

/** "today", "in 3 days", "2 days ago" relative to `now` (whole calendar days in `timeZone`). */
export function relativeDay(isoText: string, now: number, timeZone: string): string {
  const dayOf = (t: number) => {
    const parts = new Intl.DateTimeFormat('en-CA', { year: 'numeric', month: '2-digit', day: '2-digit', timeZone }).format(new Date(t));
    return Date.parse(`${parts}T00:00:00Z`) / DAY_MS;
  };
  const diff = dayOf(Date.parse(isoText)) - dayOf(now);
  if (diff === 0) return 'today';
  if (diff === 1) return 'tomorrow';
  if (diff === -1) return 'yesterday';
  return diff > 0 ? `in ${diff} days` : `${-diff} days ago`;
}

const RELATIVE = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });

/** "just now", "5 minutes ago", "3 hours ago", "yesterday", "4 days ago", then the date. */
export function formatRelative(isoText: string, now: number, timeZone: string): string {
  const ms = now - Date.parse(isoText);
  if (ms < MINUTE_MS) return 'just now';
  if (ms < HOUR_MS) return RELATIVE.format(-Math.floor(ms / MINUTE_MS), 'minute');
  if (ms < DAY_MS) return RELATIVE.format(-Math.floor(ms / HOUR_MS), 'hour');
  if (ms < 7 * DAY_MS) return RELATIVE.format(-Math.floor(ms / DAY_MS), 'day');
  return formatDate(isoText, timeZone);
}
