import { z } from 'zod';
import { fromPublicId } from '../ids';
import { boardFiltersToSearch, parseBoardFilters, type BoardFilters } from '../board/board-filters';
import { acceptedText, publicIdSchema } from './common';

// The /deals table as it appears in the URL (a filtered, sorted page is a link to share), and what
// its bulk actions accept. Pure code: the server page parses the URL and the browser builds links
// with the same functions.
//
//   the board's filters: ?q= &owner= &status= &min= &max= &close_from= &close_to= (board-filters.ts)
//   ?pipeline=pipe_…&stage=stg_…   deals in this pipeline / stage
//   ?sort=value&dir=asc           a column (DEALS_TABLE_SORTS) and direction; default: updated, newest first
//   ?page=2                       50 deals a page (offset paging: the table shows a total count)
//
// Unusable values are ignored (a mistyped link still opens the table), never a server error.

export const DEALS_TABLE_PAGE_SIZE = 50;
/** The most deals one bulk action changes (the selection is at most a page, so this is generous). */
export const MAX_BULK_DEALS = 200;

export const DEALS_TABLE_SORTS = ['name', 'value', 'stage', 'status', 'owner', 'expected_close', 'updated', 'created'] as const;
export type DealsTableSort = (typeof DEALS_TABLE_SORTS)[number];
export type SortDirection = 'asc' | 'desc';

/** The direction a column sorts in when first clicked: words A→Z, amounts and dates biggest/newest first. */
export const FIRST_DIRECTION: Record<DealsTableSort, SortDirection> = {
  name: 'asc',
  value: 'desc',
  stage: 'asc',
  status: 'asc',
  owner: 'asc',
  expected_close: 'asc',
  updated: 'desc',
  created: 'desc',
};

const DEFAULT_SORT: DealsTableSort = 'updated';

export interface DealsTableParams {
  filters: BoardFilters;
  /** public IDs (pipe_…, stg_…) */
  pipeline: string | null;
  stage: string | null;
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
    sort: read(source, 'sort') ?? DEFAULT_SORT,
    dir: read(source, 'dir'),
    page: read(source, 'page') ?? 1,
  });
  return {
    filters: parseBoardFilters(source),
    pipeline: raw.pipeline,
    // a stage only narrows a chosen pipeline
    stage: raw.pipeline ? raw.stage : null,
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
  return boardFiltersToSearch(params.filters) !== '' || params.pipeline !== null;
}

/** The href of the same order without any filter (open deals, page 1). */
export function clearedDealsTableHref(params: DealsTableParams): string {
  return dealsTableHref({ ...params, filters: parseBoardFilters(null), pipeline: null, stage: null, page: 1 });
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
