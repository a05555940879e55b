import { z } from 'zod';
import { fromPublicId } from '../ids';
import { boardFiltersToSearch, parseBoardFilters, parseFilterDate, type BoardFilters } from '../board/board-filters';
import { acceptedText, publicIdSchema } from './common';

// The /deals table as it appears in the URL (a filtered, sorted page is a link to share), and what
// its bulk actions accept. Pure code: the server page parses the URL and the browser builds links
// with the same functions.
//
//   the board's filters: ?q= &owner= &status= &min= &max= &close_from= &close_to= (board-filters.ts)
//   ?pipeline=pipe_…&stage=stg_…   deals in this pipeline / stage
//   ?lost_reason=Price            lost deals with this loss reason; ?lost_reason=(none): lost without one
//   ?closed_from=2026-04-01&closed_to=2026-04-30   won or lost on these days (inclusive, UTC)
//   ?lost_from=stg_…              lost deals lost from this stage (the Lost deals report's rule)
//   ?sort=value&dir=asc           a column (DEALS_TABLE_SORTS) and direction; default: updated, newest first
//   ?page=2                       50 deals a page (offset paging: the table shows a total count)
//
// Unusable values are ignored (a mistyped link still opens the table), never a server error.

export const DEALS_TABLE_PAGE_SIZE = 50;
/** The most deals one bulk action changes (the selection is at most a page, so this is generous). */
export const MAX_BULK_DEALS = 200;

export const DEALS_TABLE_SORTS = ['name', 'value', 'stage', 'status', 'lost_reason', 'owner', 'expected_close', 'updated', 'created'] as const;
export type DealsTableSort = (typeof DEALS_TABLE_SORTS)[number];
export type SortDirection = 'asc' | 'desc';

/** The direction a column sorts in when first clicked: words A→Z, amounts and dates biggest/newest first. */
export const FIRST_DIRECTION: Record<DealsTableSort, SortDirection> = {
  name: 'asc',
  value: 'desc',
  stage: 'asc',
  status: 'asc',
  lost_reason: 'asc',
  owner: 'asc',
  expected_close: 'asc',
  updated: 'desc',
  created: 'desc',
};

const DEFAULT_SORT: DealsTableSort = 'updated';

/** `?lost_reason=` of the lost deals that have no loss reason (parenthesised like the CSVs' pseudo-values, so no real reason reads as it). */
export const NO_LOSS_REASON = '(none)';

export interface DealsTableParams {
  filters: BoardFilters;
  /** public IDs (pipe_…, stg_…) */
  pipeline: string | null;
  stage: string | null;
  /** a loss reason's text, or NO_LOSS_REASON; narrows to lost deals */
  lostReason: string | null;
  /** YYYY-MM-DD, inclusive: the day the deal was won or lost (closed_at, UTC) */
  closedFrom: string | null;
  closedTo: string | null;
  /** stg_…: lost deals lost from this stage */
  lostFrom: string | null;
  sort: DealsTableSort;
  dir: SortDirection;
  /** 1-based */
  page: number;
}

const publicIdParam = (kind: 'pipeline' | 'stage') =>
  z
    .string()
    .trim()
    .refine((v) => fromPublicId(kind, v) !== null)
    .nullable()
    .catch(null);

const tableParamsSchema = z.object({
  pipeline: publicIdParam('pipeline'),
  stage: publicIdParam('stage'),
  lostFrom: publicIdParam('stage'),
  lostReason: z.string().trim().min(1).max(500).nullable().catch(null),
  sort: z.enum(DEALS_TABLE_SORTS).catch(DEFAULT_SORT),
  dir: z.enum(['asc', 'desc']).nullable().catch(null),
  page: z.coerce.number().int().min(1).max(1_000_000).catch(1),
});

type ParamSource = URLSearchParams | Record<string, string | string[] | undefined> | null | undefined;

function read(source: ParamSource, key: string): string | null {
  if (!source) return null;
  if (source instanceof URLSearchParams || typeof (source as { get?: unknown }).get === 'function') return (source as URLSearchParams).get(key);
  const value = (source as Record<string, string | string[] | undefined>)[key];
  return Array.isArray(value) ? (value[0] ?? null) : (value ?? null);
}

/** The table named by a URL's search parameters (normalised). */
export function parseDealsTableParams(source: ParamSource): DealsTableParams {
  const raw = tableParamsSchema.parse({
    pipeline: read(source, 'pipeline'),
    stage: read(source, 'stage'),
    lostFrom: read(source, 'lost_from'),
    lostReason: read(source, 'lost_reason'),
    sort: read(source, 'sort') ?? DEFAULT_SORT,
    dir: read(source, 'dir'),
    page: read(source, 'page') ?? 1,
  });
  return {
    filters: parseBoardFilters(source),
    pipeline: raw.pipeline,
    // a stage only narrows a chosen pipeline
    stage: raw.pipeline ? raw.stage : null,
    lostReason: raw.lostReason,
    closedFrom: parseFilterDate(read(source, 'closed_from')),
    closedTo: parseFilterDate(read(source, 'closed_to')),
    lostFrom: raw.lostFrom,
    sort: raw.sort,
    dir: raw.dir ?? FIRST_DIRECTION[raw.sort],
    page: raw.page,
  };
}

/** The search string for this table (defaults left out), without the leading "?". */
export function dealsTableSearch(params: DealsTableParams): string {
  const search = new URLSearchParams(boardFiltersToSearch(params.filters));
  if (params.pipeline) search.set('pipeline', params.pipeline);
  if (params.pipeline && params.stage) search.set('stage', params.stage);
  if (params.lostReason) search.set('lost_reason', params.lostReason);
  if (params.closedFrom) search.set('closed_from', params.closedFrom);
  if (params.closedTo) search.set('closed_to', params.closedTo);
  if (params.lostFrom) search.set('lost_from', params.lostFrom);
  if (params.sort !== DEFAULT_SORT || params.dir !== FIRST_DIRECTION[DEFAULT_SORT]) {
    search.set('sort', params.sort);
    if (params.dir !== FIRST_DIRECTION[params.sort]) search.set('dir', params.dir);
  }
  if (params.page > 1) search.set('page', String(params.page));
  return search.toString();
}

/** The href of this table. */
export function dealsTableHref(params: DealsTableParams): string {
  const search = dealsTableSearch(params);
  return search ? `/deals?${search}` : '/deals';
}

/** True when anything narrows the table beyond the default (open deals). */
export function dealsTableIsFiltered(params: DealsTableParams): boolean {
  return boardFiltersToSearch(params.filters) !== '' || params.pipeline !== null || lossFiltersSet(params);
}

/** True when a loss filter (reason, closed days, lost-from stage) narrows the table. */
export function lossFiltersSet(params: Pick<DealsTableParams, 'lostReason' | 'closedFrom' | 'closedTo' | 'lostFrom'>): boolean {
  return params.lostReason !== null || params.closedFrom !== null || params.closedTo !== null || params.lostFrom !== null;
}

/** The href of the same order without any filter (open deals, page 1). */
export function clearedDealsTableHref(params: DealsTableParams): string {
  return dealsTableHref({
    ...params,
    filters: parseBoardFilters(null),
    pipeline: null,
    stage: null,
    lostReason: null,
    closedFrom: null,
    closedTo: null,
    lostFrom: null,
    page: 1,
  });
}

// ---- bulk actions: deals by public ID, deduplicated, at most MAX_BULK_DEALS ----

const dealIds = z
  .array(publicIdSchema('deal'), { error: 'Select the deals to change' })
  .min(1, 'Select at least one deal')
  .max(MAX_BULK_DEALS, `Select at most ${MAX_BULK_DEALS} deals at a time`)
  .transform((ids) => [...new Set(ids)]);

const lossReason = acceptedText(z.string().trim().max(500, 'A loss reason must be at most 500 characters'), 'A loss reason').nullable().optional();

export const bulkMoveDealsInput = z.strictObject({
  dealIds,
  stageId: publicIdSchema('stage'),
  /** needed when the stage is a lost-outcome stage (the workspace's lost-reason policy) */
  lossReason,
});
export type BulkMoveDealsInput = z.output<typeof bulkMoveDealsInput>;
export type BulkMoveDealsRequest = z.input<typeof bulkMoveDealsInput>;

export const bulkUpdateDealsInput = z.strictObject({
  dealIds,
  /** the new owner, or null for nobody */
  ownerId: publicIdSchema('user').nullable(),
});
export type BulkUpdateDealsInput = z.output<typeof bulkUpdateDealsInput>;
export type BulkUpdateDealsRequest = z.input<typeof bulkUpdateDealsInput>;

export const bulkCloseDealsInput = z.strictObject({
  dealIds,
  outcome: z.enum(['won', 'lost']),
  lossReason,
});
export type BulkCloseDealsInput = z.output<typeof bulkCloseDealsInput>;
export type BulkCloseDealsRequest = z.input<typeof bulkCloseDealsInput>;

export const bulkDeleteDealsInput = z.strictObject({ dealIds });
export type BulkDeleteDealsInput = z.output<typeof bulkDeleteDealsInput>;
export type BulkDeleteDealsRequest = z.input<typeof bulkDeleteDealsInput>;
