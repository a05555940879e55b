import { toPublicId } from '../../ids';
import { isoSeconds, minorUnits, publicIdOrNull } from '../format';

interface StageHistoryRow {
  id: number;
  dealId: number;
  fromStageId: number | null;
  toStageId: number;
  fromPipelineId: number | null;
  toPipelineId: number;
  changedAt: Date;
  changedById: number | null;
  source: 'ui' | 'api' | 'import';
  value: bigint;
  currency: string;
  probability: number;
  reason: string | null;
}

/** One stage transition as GET /deals/:id/history shows it (rex-deals-api.md, plus snapshots). */
export function serializeStageHistory(row: StageHistoryRow) {
  return {
    id: toPublicId('stageHistory', row.id),
    number: row.id,
    deal_id: toPublicId('deal', row.dealId),
    from_stage_id: publicIdOrNull('stage', row.fromStageId),
    to_stage_id: toPublicId('stage', row.toStageId),
    from_pipeline_id: publicIdOrNull('pipeline', row.fromPipelineId),
    to_pipeline_id: toPublicId('pipeline', row.toPipelineId),
    changed_at: isoSeconds(row.changedAt),
    changed_by: publicIdOrNull('user', row.changedById),
    source: row.source,
    value: minorUnits(row.value),
    currency: row.currency,
    probability: row.probability,
    reason: row.reason,
  };
}
