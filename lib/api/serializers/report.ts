import { toPublicId } from '../../ids';
import type { MoneyByCurrency } from '../../reports/money-by-currency';
import { percent } from '../../reports/rates';
import type { ReportScope, ReportStage } from '../../services/reports/report-scope';
import type { FunnelReport } from '../../services/reports/get-funnel-report';
import type { ForecastBucket, ForecastOpenBucket, ForecastReport } from '../../services/reports/get-forecast-report';
import { emptyConvertedMoney } from '../../reports/converted-money';
import type { LostFigure } from '../../reports/lost-deals';
import type { LostDealsReport } from '../../services/reports/get-lost-deals-report';
import type { MovementReport } from '../../services/reports/get-movement-report';
import type { PipelineSnapshot } from '../../services/reports/get-pipeline-snapshot';
import type { SnapshotChanges } from '../../services/reports/get-snapshot-changes';
import type { StageDurationsReport } from '../../services/reports/get-stage-durations-report';
import { isoSeconds, minorUnits, publicIdOrNull } from '../format';
import { serializeConvertedMoney, serializeRatesUsed } from './converted-money';

// Report results → the JSON of /api/v1/reports/* (snake_case, public IDs, money per currency).

const DAY_SECONDS = 86_400;

export function serializeMoney(money: MoneyByCurrency): Record<string, number> {
  return Object.fromEntries(Object.entries(money).map(([currency, value]) => [currency, minorUnits(value)]));
}

export function serializeReportStage(stage: ReportStage) {
  return {
    stage_id: toPublicId('stage', stage.id),
    number: stage.id,
    name: stage.name,
    position: stage.position,
    probability: stage.probability,
    rotting_days: stage.rottingDays,
    outcome: stage.outcome,
    deleted: stage.deleted,
  };
}

function header(scope: ReportScope, stages: ReportStage[]) {
  return {
    pipeline_id: toPublicId('pipeline', scope.pipeline.id),
    owner_id: publicIdOrNull('user', scope.owner?.id),
    stages: stages.map(serializeReportStage),
  };
}

/** Seconds → days with two decimals. */
export function days(seconds: number | null): number | null {
  return seconds === null ? null : Math.round((seconds / DAY_SECONDS) * 100) / 100;
}

export function serializeMovementReport(report: MovementReport) {
  return {
    ...header(report.scope, report.stages),
    from: isoSeconds(report.period.from),
    to: isoSeconds(report.period.to),
    transitions: report.cells.map((c) => ({
      from_stage_id: publicIdOrNull('stage', c.fromStageId),
      to_stage_id: publicIdOrNull('stage', c.toStageId),
      from_pipeline_id: publicIdOrNull('pipeline', c.fromPipelineId),
      to_pipeline_id: publicIdOrNull('pipeline', c.toPipelineId),
      direction: c.direction,
      count: c.count,
      value: serializeMoney(c.value),
      converted: serializeConvertedMoney(c.converted),
    })),
    totals: report.totals.map((t) => ({
      direction: t.direction,
      count: t.count,
      value: serializeMoney(t.value),
      converted: serializeConvertedMoney(t.converted),
    })),
    rates_used: serializeRatesUsed(report.ratesUsed),
  };
}

export function serializeFunnelReport(report: FunnelReport) {
  const counts = (c: { entered: number; reachedNext: number; won: number; lost: number }) => ({
    entered: c.entered,
    reached_next: c.reachedNext,
    won: c.won,
    lost: c.lost,
    conversion_rate: percent(c.reachedNext, c.entered),
    win_rate: percent(c.won, c.entered),
  });
  const overall = (o: { entered: number; won: number; lost: number }) => ({ ...o, win_rate: percent(o.won, o.entered) });
  return {
    ...header(report.scope, report.stages),
    from: isoSeconds(report.period.from),
    to: isoSeconds(report.period.to),
    overall: overall(report.overall),
    steps: report.steps.map((s) => ({
      stage_id: toPublicId('stage', s.stageId),
      ...counts(s),
      reached: s.reached.map((r) => ({ stage_id: toPublicId('stage', r.stageId), count: r.count, rate: percent(r.count, s.entered) })),
    })),
    owners: report.owners.map((o) => ({
      owner_id: publicIdOrNull('user', o.owner?.id),
      name: o.owner?.name ?? null,
      overall: overall(o.overall),
      steps: o.steps.map((s) => ({ stage_id: toPublicId('stage', s.stageId), ...counts(s) })),
    })),
  };
}

export function serializeStageDurationsReport(report: StageDurationsReport) {
  return {
    ...header(report.scope, report.stages),
    from: isoSeconds(report.period.from),
    to: isoSeconds(report.period.to),
    as_of: isoSeconds(report.asOf),
    durations: report.durations.map((d) => ({
      stage_id: toPublicId('stage', d.stageId),
      deals: d.deals,
      stays: d.stays,
      median_days: days(d.medianSeconds),
      p75_days: days(d.p75Seconds),
      mean_days: days(d.meanSeconds),
      current_deals: d.currentDeals,
      over_p75: d.overP75,
      rotting: d.rotting,
      stuck: d.stuck,
    })),
    stuck_deals: report.stuckDeals.map((d) => ({
      id: toPublicId('deal', d.id),
      number: d.id,
      name: d.name,
      stage_id: toPublicId('stage', d.stageId),
      owner_id: publicIdOrNull('user', d.ownerId),
      value: minorUnits(d.value),
      currency: d.currency,
      status: d.status,
      stage_entered_at: isoSeconds(d.stageEnteredAt),
      days_in_stage: days(d.secondsInStage)!,
      over_p75: d.overP75,
      rotting: d.rotting,
    })),
    stuck_total: report.stuckTotal,
  };
}

export function serializePipelineSnapshot(snapshot: PipelineSnapshot) {
  const columns = new Map(snapshot.columns.map((c) => [c.stageId, c]));
  return {
    pipeline_id: toPublicId('pipeline', snapshot.scope.pipeline.id),
    owner_id: publicIdOrNull('user', snapshot.scope.owner?.id),
    as_of: isoSeconds(snapshot.asOf),
    count: snapshot.totals.count,
    value: serializeMoney(snapshot.totals.value),
    converted: serializeConvertedMoney(snapshot.totals.converted),
    stages: snapshot.stages.map((stage) => {
      const column = columns.get(stage.id)!;
      return {
        ...serializeReportStage(stage),
        count: column.count,
        value: serializeMoney(column.value),
        converted: serializeConvertedMoney(column.converted),
        deals: column.deals.map((d) => ({
          id: toPublicId('deal', d.id),
          number: d.id,
          name: d.name,
          value: minorUnits(d.value),
          currency: d.currency,
          converted_value: d.converted === null ? null : minorUnits(d.converted),
          deleted: d.deleted,
        })),
        has_more: column.hasMoreDeals,
      };
    }),
    rates_used: serializeRatesUsed(snapshot.ratesUsed),
  };
}

export function serializeSnapshotChanges(changes: SnapshotChanges) {
  return {
    ...header(changes.scope, changes.stages),
    from: isoSeconds(changes.from),
    to: isoSeconds(changes.to),
    summary: changes.summary.map((s) => ({ change: s.change, count: s.count, value: serializeMoney(s.value) })),
    slipped: { count: changes.slipped.count, value: serializeMoney(changes.slipped.value) },
    total: changes.total,
    deals: changes.deals.map((d) => ({
      id: toPublicId('deal', d.id),
      number: d.id,
      name: d.name,
      change: d.change,
      slipped: d.slipped,
      from_stage_id: publicIdOrNull('stage', d.fromStageId),
      to_stage_id: publicIdOrNull('stage', d.toStageId),
      value_before: d.valueBefore === null ? null : minorUnits(d.valueBefore),
      value_after: d.valueAfter === null ? null : minorUnits(d.valueAfter),
      currency: d.currency,
      expected_close: isoSeconds(d.expectedClose),
      owner_id: publicIdOrNull('user', d.ownerId),
    })),
  };
}

export function serializeForecastReport(report: ForecastReport) {
  const open = (b: ForecastOpenBucket) => ({
    count: b.count,
    value: serializeMoney(b.value),
    weighted: serializeMoney(b.weighted),
    converted: serializeConvertedMoney(b.converted),
    converted_weighted: serializeConvertedMoney(b.convertedWeighted),
  });
  const won = (b: ForecastBucket) => ({ count: b.count, value: serializeMoney(b.value), converted: serializeConvertedMoney(b.converted) });
  return {
    pipeline_id: toPublicId('pipeline', report.scope.pipeline.id),
    owner_id: publicIdOrNull('user', report.scope.owner?.id),
    from: isoSeconds(report.period.from),
    to: isoSeconds(report.period.to),
    months: report.months.map((m) => ({ month: m.month.toISOString().slice(0, 7), open: open(m.open), won: won(m.won) })),
    totals: { open: open(report.totals.open), won: won(report.totals.won) },
    no_expected_close: open(report.noExpectedClose),
    rates_used: serializeRatesUsed(report.ratesUsed),
  };
}

function serializeLostFigure(f: LostFigure, currency: string) {
  return {
    count: f.count,
    share: f.share,
    value: serializeMoney(f.value),
    converted: serializeConvertedMoney(f.converted ?? emptyConvertedMoney(currency)),
    deleted: f.deleted,
  };
}

export function serializeLostDealsReport(report: LostDealsReport) {
  const stageName = new Map([...report.scope.stages, ...report.otherStages].map((s) => [s.id, s.name]));
  const ownerName = new Map(report.ownerNames.map((o) => [o.id, o.name]));
  const figure = (f: LostFigure) => serializeLostFigure(f, report.currency);
  return {
    ...header(report.scope, report.boardStages),
    from: isoSeconds(report.period.from),
    to: isoSeconds(report.period.to),
    currency: report.currency,
    total: figure(report.total),
    reasons: report.reasons.map((r) => ({ reason: r.reason, ...figure(r) })),
    lost_from_stages: report.stages.map((s) => ({ stage_id: toPublicId('stage', s.stageId), name: stageName.get(s.stageId) ?? '', ...figure(s) })),
    owners: report.owners.map((o) => ({
      owner_id: publicIdOrNull('user', o.ownerId),
      name: o.ownerId === null ? null : (ownerName.get(o.ownerId) ?? null),
      ...figure(o),
    })),
    months: report.months.map((m) => ({ month: m.month.toISOString().slice(0, 7), ...figure(m), reasons: m.reasons })),
    rates_used: serializeRatesUsed(report.ratesUsed),
  };
}
