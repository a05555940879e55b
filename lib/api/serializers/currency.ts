import type { z } from 'zod';
import type { RateInForce } from '../../currency/exchange-rate-table';
import { toPublicId } from '../../ids';
import type { exchangeRateSchema } from '../../schemas/exchange-rate';
import type { pipelineSummarySchema } from '../../schemas/pipeline-summary';
import type { PipelineSummary } from '../../services/pipelines/get-pipeline-summary';
import { minorUnits } from '../format';

// Exchange rates and converted figures → API JSON.

export function serializeExchangeRate(rate: RateInForce, base: string): z.output<typeof exchangeRateSchema> {
  return { currency: rate.currency, base, rate: rate.rate, valid_from: rate.validFrom };
}

export function serializePipelineSummary(summary: PipelineSummary): z.output<typeof pipelineSummarySchema> {
  const money = (value: string) => minorUnits(BigInt(value));
  return {
    currency: summary.currency,
    on: summary.day,
    count: summary.count,
    total: money(summary.total),
    weighted: money(summary.weighted),
    stages: summary.stages.map((s) => ({ stage_id: toPublicId('stage', s.stageId), count: s.count, total: money(s.total), weighted: money(s.weighted) })),
    unconverted: summary.unconverted.map((u) => ({ currency: u.currency, count: u.count, total: money(u.total), reason: u.reason })),
  };
}
