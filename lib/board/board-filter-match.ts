import { fromPublicId } from '../ids';
import { minorUnitDigits } from '../money/format-money';
import type { BoardFilters } from './board-filters';

// The board filters applied to one deal in the browser: a live update must know whether a changed
// deal belongs on this board's columns (and in their totals) without asking the server. The same
// rules as the SQL (lib/services/board/board-filter-sql.ts); the text search compares names
// case-insensitively as ILIKE does for the names a card shows.

export interface FilterableDeal {
  status: 'open' | 'won' | 'lost' | 'stalled';
  ownerId: number | null;
  name: string;
  companyName: string | null;
  contactName: string | null;
  /** minor units, as a decimal string */
  value: string;
  currency: string;
  /** YYYY-MM-DD or an ISO timestamp */
  expectedClose: string | null;
}

/** value (minor units) compared with an amount in major units ("5000", "99.5"): −1, 0 or 1. */
function compareToMajor(valueMinor: string, currency: string, major: string): number {
  const [whole, fraction = ''] = major.split('.');
  // value × 10^fraction digits against the amount's digits × 10^minor digits, all integers
  const left = BigInt(valueMinor) * 10n ** BigInt(fraction.length);
  const right = BigInt(`${whole}${fraction}`) * 10n ** BigInt(minorUnitDigits(currency));
  return left < right ? -1 : left > right ? 1 : 0;
}

export function dealMatchesBoardFilters(deal: FilterableDeal, filters: BoardFilters): boolean {
  if (!filters.statuses.includes(deal.status)) return false;
  if (filters.owner && (deal.ownerId === null || fromPublicId('user', filters.owner) !== deal.ownerId)) return false;
  if (filters.q) {
    const needle = filters.q.toLowerCase();
    const names = [deal.name, deal.companyName, deal.contactName];
    if (!names.some((name) => name?.toLowerCase().includes(needle))) return false;
  }
  if (filters.min && compareToMajor(deal.value, deal.currency, filters.min) < 0) return false;
  if (filters.max && compareToMajor(deal.value, deal.currency, filters.max) > 0) return false;
  const close = deal.expectedClose?.slice(0, 10) ?? null;
  if (filters.closeFrom && (close === null || close < filters.closeFrom)) return false;
  if (filters.closeTo && (close === null || close > filters.closeTo)) return false;
  return true;
}
