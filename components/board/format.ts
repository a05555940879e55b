import { compactMoney, formatMoney } from '@/lib/money/format-money';

export { compactMoney };
import type { BoardCard, BoardStageSummary } from './board-data';

// Display helpers. Dates are shown in UTC with a fixed locale, so the server's HTML and the
// browser's first render agree (no hydration mismatch), and a date-only expected close stays
// on its day.

export const DAY_MS = 86_400_000;

const monthDay = new Intl.DateTimeFormat('en-US', { month: 'short', day: 'numeric', timeZone: 'UTC' });
const monthDayYear = new Intl.DateTimeFormat('en-US', { month: 'short', day: 'numeric', year: 'numeric', timeZone: 'UTC' });

export function formatShortDate(iso: string, now: number): string {
  const date = new Date(iso);
  return date.getUTCFullYear() === new Date(now).getUTCFullYear() ? monthDay.format(date) : monthDayYear.format(date);
}

/**
 * Rotting: an open (or stalled) deal idle for longer than its stage's rotting days, the idle clock
 * starting at the later of its last activity and its entry into the stage. Answers the days it is
 * overdue, or null when it is not rotting.
 */
export function rottingDaysOver(card: BoardCard, rottingDays: number | null, now: number): number | null {
  if (rottingDays === null || (card.status !== 'open' && card.status !== 'stalled')) return null;
  const clock = Math.max(Date.parse(card.stageEnteredAt), card.lastActivityAt ? Date.parse(card.lastActivityAt) : 0);
  const idle = now - clock;
  if (idle <= rottingDays * DAY_MS) return null;
  return Math.max(1, Math.floor(idle / DAY_MS) - rottingDays);
}

/** "$1,234,567.00 + €300,000.00" — the exact figures (tooltips, screen readers). */
export function exactTotals(totals: BoardStageSummary['totals'], pick: 'total' | 'weighted' = 'total'): string {
  if (totals.length === 0) return formatMoney(0, 'USD');
  return totals.map((t) => formatMoney(t[pick], t.currency)).join(' + ');
}

export function initials(name: string): string {
  const parts = name.trim().split(/\s+/);
  return ((parts[0]?.[0] ?? '') + (parts.length > 1 ? (parts[parts.length - 1]?.[0] ?? '') : '')).toUpperCase();
}
