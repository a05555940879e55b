import 'server-only';
import type { BoardFilters } from '../../board/board-filters';
import { sql, tableAs, type RawBuilder } from '../../database/typed-sql';
import { fromPublicId } from '../../ids';
import { NO_LOSS_REASON, type DealsTableParams } from '../../schemas/deals-table';
import { boardFilterSql } from '../board/board-filter-sql';
import { lostFromStageSql, lostReasonSql } from '../reports/lost-from-stage-sql';

const d = tableAs('deals', 'd');

/** The deals table's filters with their IDs resolved: what the table page shows and its export writes. */
export interface DealsTableFilter {
  /** the board's filters (search, status, owner, value and expected-close ranges) */
  filters: BoardFilters;
  pipelineId: number | null;
  stageId: number | null;
  /** lost deals with this (trimmed) loss reason; NO_LOSS_REASON: lost without one */
  lostReason?: string | null;
  /** YYYY-MM-DD, inclusive: won or lost on these days (UTC) */
  closedFrom?: string | null;
  closedTo?: string | null;
  /** lost deals lost from this stage (lib/services/reports/lost-from-stage-sql.ts) */
  lostFromStageId?: number | null;
}

/** The table's URL filters as a DealsTableFilter. */
export function dealsTableFilterOf(params: DealsTableParams): DealsTableFilter {
  return {
    filters: params.filters,
    pipelineId: params.pipeline ? fromPublicId('pipeline', params.pipeline) : null,
    stageId: params.stage ? fromPublicId('stage', params.stage) : null,
    lostReason: params.lostReason,
    closedFrom: params.closedFrom,
    closedTo: params.closedTo,
    lostFromStageId: params.lostFrom ? fromPublicId('stage', params.lostFrom) : null,
  };
}

/**
 * The WHERE of the deals table over `deals AS d`: the board's filters (so the table and the board
 * agree on what a filter means), pipeline and stage, and the loss filters the Lost deals report links
 * with (the report's own SQL, so a figure and its deals agree). The table page and its CSV export
 * both use it, so an export holds exactly the deals the table lists.
 */
export function dealsTableWhereSql(filter: DealsTableFilter): RawBuilder<unknown> {
  const conditions: RawBuilder<unknown>[] = [boardFilterSql(filter.filters)];
  if (filter.pipelineId !== null) conditions.push(sql`${d('pipeline_id')} = ${filter.pipelineId}`);
  if (filter.stageId !== null) conditions.push(sql`${d('stage_id')} = ${filter.stageId}`);
  if (filter.lostReason) {
    const reason = filter.lostReason.trim();
    conditions.push(sql`${d('status')} = 'lost'`, reason === NO_LOSS_REASON ? sql`${lostReasonSql} IS NULL` : sql`${lostReasonSql} = ${reason}`);
  }
  if (filter.closedFrom) conditions.push(sql`${d('closed_at')} >= ${filter.closedFrom}::date`);
  if (filter.closedTo) conditions.push(sql`${d('closed_at')} < ${filter.closedTo}::date + 1`);
  if (filter.lostFromStageId !== undefined && filter.lostFromStageId !== null) {
    conditions.push(sql`${d('status')} = 'lost'`, sql`${lostFromStageSql} = ${filter.lostFromStageId}`);
  }
  return sql.join(conditions, sql` AND `);
}
