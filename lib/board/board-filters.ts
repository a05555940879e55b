// The board's filters, as they appear in the URL (so a filtered board is a shareable link).
// Pure code: the server page, the board services and the browser all parse the URL the same way,
// so the query keys they build match and server-prefetched data hydrates the browser's cache.
//
//   ?owner=user_…        deals owned by this user
//   ?q=acme              text in the deal name, its company's name or its contact's name
//   ?status=open         open (default), stalled, won, lost, a comma list, or all
//   ?min=5000&max=20000  deal value in major units of the deal's own currency (5000 = $5,000.00)
//   ?close_from=2026-04-01&close_to=2026-06-30   expected close date, inclusive
//
// Unusable values are ignored (a mistyped link still opens the board), never a server error.

export const BOARD_STATUSES = ['open', 'stalled', 'won', 'lost'] as const;
export type BoardStatus = (typeof BOARD_STATUSES)[number];

export interface BoardFilters {
  /** an owner's public user ID (user_…) */
  owner: string | null;
  q: string | null;
  /** the statuses shown, in BOARD_STATUSES order; all four means "any status" */
  statuses: BoardStatus[];
  /** decimal strings in major units ("5000", "99.5") */
  min: string | null;
  max: string | null;
  /** YYYY-MM-DD, inclusive */
  closeFrom: string | null;
  closeTo: string | null;
}

export const DEFAULT_BOARD_FILTERS: BoardFilters = {
  owner: null,
  q: null,
  statuses: ['open'],
  min: null,
  max: null,
  closeFrom: null,
  closeTo: null,
};

const AMOUNT = /^\d{1,13}(\.\d{1,3})?$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const OWNER = /^user_[A-Za-z0-9]{4,40}$/;

type ParamSource = URLSearchParams | Record<string, string | string[] | undefined> | null | undefined;

function read(source: ParamSource, key: string): string | null {
  if (!source) return null;
  if (source instanceof URLSearchParams) return source.get(key);
  if (typeof (source as { get?: unknown }).get === 'function') return (source as unknown as URLSearchParams).get(key);
  const value = (source as Record<string, string | string[] | undefined>)[key];
  return Array.isArray(value) ? (value[0] ?? null) : (value ?? null);
}

/** A typed filter amount ("5,000", " 99.50 ") in canonical form, or null when it is not one. */
export function parseFilterAmount(value: string | null): string | null {
  const text = value?.trim().replace(/,/g, '') ?? '';
  if (!AMOUNT.test(text)) return null;
  // canonical form, so "5000.0" and "5000" share one query key
  const [whole, fraction = ''] = text.split('.');
  const trimmedFraction = fraction.replace(/0+$/, '');
  const wholeNumber = whole!.replace(/^0+(?=\d)/, '');
  return trimmedFraction ? `${wholeNumber}.${trimmedFraction}` : wholeNumber;
}

/** A YYYY-MM-DD day as typed in a URL, or null when it is not a real calendar day. */
export function parseFilterDate(value: string | null): string | null {
  const text = value?.trim() ?? '';
  if (!DATE.test(text) || text.startsWith('0000')) return null; // years 0001–9999 only: PostgreSQL refuses year 0000
  const time = Date.parse(`${text}T00:00:00Z`);
  // a real calendar day: Date.parse rolls 2026-02-30 over to March 2, PostgreSQL's ::date refuses it
  return !Number.isNaN(time) && new Date(time).toISOString().slice(0, 10) === text ? text : null;
}

function statuses(value: string | null): BoardStatus[] {
  if (value === null || value.trim() === '') return [...DEFAULT_BOARD_FILTERS.statuses];
  const parts = value.split(',').map((s) => s.trim().toLowerCase());
  if (parts.includes('all')) return [...BOARD_STATUSES];
  const chosen = BOARD_STATUSES.filter((s) => parts.includes(s));
  return chosen.length > 0 ? chosen : [...DEFAULT_BOARD_FILTERS.statuses];
}

/** The filters named by a URL's search parameters (normalised: equal filters give equal objects). */
export function parseBoardFilters(source: ParamSource): BoardFilters {
  const owner = read(source, 'owner')?.trim() ?? '';
  const q = (read(source, 'q') ?? '').trim().slice(0, 200);
  return {
    owner: OWNER.test(owner) ? owner : null,
    q: q === '' ? null : q,
    statuses: statuses(read(source, 'status')),
    min: parseFilterAmount(read(source, 'min')),
    max: parseFilterAmount(read(source, 'max')),
    closeFrom: parseFilterDate(read(source, 'close_from')),
    closeTo: parseFilterDate(read(source, 'close_to')),
  };
}

/** The search string for these filters (defaults left out), without the leading "?". */
export function boardFiltersToSearch(filters: BoardFilters): string {
  const params = new URLSearchParams();
  if (filters.owner) params.set('owner', filters.owner);
  if (filters.q) params.set('q', filters.q);
  const statusText = filters.statuses.length === BOARD_STATUSES.length ? 'all' : filters.statuses.join(',');
  if (statusText !== DEFAULT_BOARD_FILTERS.statuses.join(',')) params.set('status', statusText);
  if (filters.min) params.set('min', filters.min);
  if (filters.max) params.set('max', filters.max);
  if (filters.closeFrom) params.set('close_from', filters.closeFrom);
  if (filters.closeTo) params.set('close_to', filters.closeTo);
  return params.toString();
}

/** True when the filters differ from the default view (open deals, nothing else). */
export function hasActiveFilters(filters: BoardFilters): boolean {
  return boardFiltersToSearch(filters) !== '';
}

/** Whether a deal with this status is shown under these filters. */
export function statusIsShown(filters: BoardFilters, status: BoardStatus): boolean {
  return filters.statuses.includes(status);
}

/** True when the value range cannot hold any deal: a minimum above the maximum. */
export function valueRangeIsEmpty(filters: Pick<BoardFilters, 'min' | 'max'>): boolean {
  if (filters.min === null || filters.max === null) return false;
  const scale = (text: string) => {
    const [whole, fraction = ''] = text.split('.');
    return BigInt(whole!) * 1000n + BigInt(fraction.padEnd(3, '0'));
  };
  return scale(filters.min) > scale(filters.max);
}
