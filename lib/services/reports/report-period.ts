// Report periods: half-open UTC intervals [from, to). Pure code, shared by the API, the pages and
// the CSV downloads, so the same URL always means the same period.

const DAY_MS = 86_400_000;

export interface ReportPeriod {
  /** inclusive */
  from: Date;
  /** exclusive */
  to: Date;
}

export type ReportKind = 'movement' | 'funnel' | 'stage-durations' | 'snapshot' | 'forecast' | 'lost-deals';

/** Midnight UTC of the day `date` falls on. */
export function startOfUtcDay(date: Date): Date {
  return new Date(Math.floor(date.getTime() / DAY_MS) * DAY_MS);
}

/** The first instant of the UTC month `date` falls on, shifted by `months`. */
export function startOfUtcMonth(date: Date, months = 0): Date {
  return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + months, 1));
}

export function addDays(date: Date, days: number): Date {
  return new Date(date.getTime() + days * DAY_MS);
}

/**
 * The period a report covers when the request names no dates: the last 90 days (today included)
 * for history reports; for the forecast, the two previous months, this month and the next three
 * (past months show what was won against what was still open).
 */
export function defaultPeriod(kind: ReportKind, now: Date): ReportPeriod {
  if (kind === 'forecast') return { from: startOfUtcMonth(now, -2), to: startOfUtcMonth(now, 4) };
  const to = addDays(startOfUtcDay(now), 1);
  return { from: addDays(to, -90), to };
}

/** Fills in whichever end is missing: the default's end, or the same length before/after the given end. */
export function resolvePeriod(kind: ReportKind, given: { from?: Date; to?: Date }, now: Date): ReportPeriod {
  const fallback = defaultPeriod(kind, now);
  if (given.from && given.to) return { from: given.from, to: given.to };
  const length = fallback.to.getTime() - fallback.from.getTime();
  if (given.from) {
    // up to the default end (today), or the default length when the start lies beyond it
    const to = fallback.to.getTime() > given.from.getTime() ? Math.min(fallback.to.getTime(), given.from.getTime() + length) : given.from.getTime() + length;
    return { from: given.from, to: new Date(to) };
  }
  if (given.to) return { from: new Date(given.to.getTime() - length), to: given.to };
  return fallback;
}

/** Whole UTC months touched by [from, to). */
export function monthsSpanned(period: ReportPeriod): number {
  const last = new Date(period.to.getTime() - 1);
  return (last.getUTCFullYear() - period.from.getUTCFullYear()) * 12 + (last.getUTCMonth() - period.from.getUTCMonth()) + 1;
}
