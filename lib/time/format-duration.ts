// The one way a span of time is written, everywhere (board cards, the deal page, reports).
// Units are spelled so they cannot be misread: "min" is never months, and there are no months at all
// (a month has no fixed length; days are exact and are what rotting is counted in).
//
//   under a minute   "under 1 min"
//   under an hour    "45 min"
//   under a day      "5 h"
//   under 10 days    "3 d 4 h" (or "3 d" on the hour)
//   from 10 days     "42 d"
//
// Each unit is rounded down, so a card and the deal page read at the same moment say the same.

const MINUTE_MS = 60_000;
const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;

/** A span of milliseconds as text ("45 min", "5 h", "3 d 4 h", "42 d"); negative spans count as none. */
export function formatDuration(ms: number): string {
  const span = Math.max(0, ms);
  if (span < MINUTE_MS) return 'under 1 min';
  if (span < HOUR_MS) return `${Math.floor(span / MINUTE_MS)} min`;
  if (span < DAY_MS) return `${Math.floor(span / HOUR_MS)} h`;
  const days = Math.floor(span / DAY_MS);
  const hours = Math.floor((span % DAY_MS) / HOUR_MS);
  return days < 10 && hours > 0 ? `${days} d ${hours} h` : `${days} d`;
}

/** The same for a span in seconds (reports read durations in seconds); "—" when there is none. */
export function formatDurationSeconds(seconds: number | null): string {
  return seconds === null ? '—' : formatDuration(seconds * 1000);
}
