import { parseDealsTableParams, dealsTableHref, NO_LOSS_REASON } from '../schemas/deals-table';
import { utcDay } from '../time/utc-day';

// The deals behind a Lost deals figure: a link to the deals table narrowed the way the report
// counted them (lost, the pipeline, the owner, closed in the period — or the month — and the
// reason or the stage lost from), biggest first. Pure: the page builds the links.

export interface LostDealsScope {
  /** public IDs */
  pipeline: string;
  owner: string | null;
  /** [from, to) of the report */
  from: Date;
  to: Date;
}

const DAY_MS = 86_400_000;

/** The deals table listing the deals behind one figure. `reason`: null = no reason given; undefined = any. */
export function lostDealsHref(scope: LostDealsScope, narrow: { reason?: string | null; lostFrom?: string; owner?: string; month?: Date } = {}): string {
  let from = scope.from;
  let to = scope.to;
  if (narrow.month) {
    const monthEnd = new Date(Date.UTC(narrow.month.getUTCFullYear(), narrow.month.getUTCMonth() + 1, 1));
    if (narrow.month.getTime() > from.getTime()) from = narrow.month;
    if (monthEnd.getTime() < to.getTime()) to = monthEnd;
  }
  const base = parseDealsTableParams(null);
  return dealsTableHref({
    ...base,
    filters: { ...base.filters, statuses: ['lost'], owner: narrow.owner ?? scope.owner },
    pipeline: scope.pipeline,
    lostReason: narrow.reason === undefined ? null : (narrow.reason ?? NO_LOSS_REASON),
    // the table filters whole days: the report's period is whole days from the page's form
    closedFrom: utcDay(from),
    closedTo: utcDay(new Date(to.getTime() - DAY_MS)),
    lostFrom: narrow.lostFrom ?? null,
    sort: 'value',
    dir: 'desc',
  });
}
