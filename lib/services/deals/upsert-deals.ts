import 'server-only';
import { db } from '../../db';
import { AppError, type ErrorCode, type ErrorDetail } from '../../errors';
import { zodIssuesToDetails } from '../../schemas/zod-details';
import { upsertDealItem } from '../../schemas/deal';
import type { ServiceContext } from '../context';
import { createDeal } from './create-deal';
import type { DealView } from './deal-view';
import { updateDeal } from './update-deal';

export const UPSERT_EXTERNAL_SOURCE = 'api';
// items run a few at a time: each is its own transaction, and PostgreSQL's pool serves several
const CONCURRENCY = 6;

export type UpsertOutcome =
  | { index: number; externalId: string | null; status: 'created' | 'updated'; deal: DealView }
  | { index: number; externalId: string | null; status: 'failed'; error: { code: ErrorCode; message: string; details: ErrorDetail[] } };

/**
 * Creates or updates up to 100 deals keyed by external_id. Each item is applied on its own (its own
 * transaction), so one bad item never blocks the others; the answer says per item what happened.
 * History rows written here say they came from an import.
 */
export async function upsertDeals({ ctx, input }: { ctx: ServiceContext; input: { items: unknown[] } }): Promise<UpsertOutcome[]> {
  const importCtx: ServiceContext = { ...ctx, source: 'import' };
  const parsed = input.items.map((item, index) => ({ index, result: upsertDealItem.safeParse(item), raw: item }));
  const externalIds = parsed.flatMap((p) => (p.result.success ? [p.result.data.external_id] : []));
  const existing = await db.deal.findMany({
    where: { externalSource: UPSERT_EXTERNAL_SOURCE, externalId: { in: externalIds }, deletedAt: null },
    select: { id: true, externalId: true },
  });
  const existingIds = new Map(existing.map((d) => [d.externalId!, d.id]));
  const firstIndex = new Map<string, number>();
  const outcomes: UpsertOutcome[] = new Array(parsed.length);

  const work = parsed.map((p) => async () => {
    const rawExternalId = typeof (p.raw as { external_id?: unknown })?.external_id === 'string' ? (p.raw as { external_id: string }).external_id : null;
    if (!p.result.success) {
      outcomes[p.index] = failed(
        p.index,
        rawExternalId,
        new AppError('validation_failed', 'This deal is not valid.', zodIssuesToDetails(p.result.error.issues)),
      );
      return;
    }
    const item = p.result.data;
    const seenAt = firstIndex.get(item.external_id);
    if (seenAt !== undefined) {
      outcomes[p.index] = failed(
        p.index,
        item.external_id,
        new AppError('conflict', `external_id "${item.external_id}" appears earlier in this request (item ${seenAt}).`, [
          { path: 'external_id', message: 'Duplicate in this request' },
        ]),
      );
      return;
    }
    firstIndex.set(item.external_id, p.index);
    try {
      const dealId = existingIds.get(item.external_id);
      if (dealId !== undefined) {
        const { external_id: _externalId, ...changes } = item;
        void _externalId;
        const deal = await updateDeal({ ctx: importCtx, input: { dealId, changes } });
        outcomes[p.index] = { index: p.index, externalId: item.external_id, status: 'updated', deal };
      } else {
        if (!item.name || (item.stage_id === undefined && item.pipeline_id === undefined)) {
          throw new AppError('validation_failed', 'A new deal needs a name and a stage_id (or pipeline_id).', [
            ...(item.name ? [] : [{ path: 'name', message: 'Required to create a deal' }]),
            ...(item.stage_id === undefined && item.pipeline_id === undefined ? [{ path: 'stage_id', message: 'Required to create a deal' }] : []),
          ]);
        }
        const deal = await createDeal({
          ctx: importCtx,
          input: { ...item, name: item.name, pipeline_id: item.pipeline_id!, stage_id: item.stage_id! },
          externalSource: UPSERT_EXTERNAL_SOURCE,
        });
        outcomes[p.index] = { index: p.index, externalId: item.external_id, status: 'created', deal };
      }
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      outcomes[p.index] = failed(p.index, item.external_id, error);
    }
  });
  await runWithConcurrency(work, CONCURRENCY);
  return outcomes;
}

function failed(index: number, externalId: string | null, error: AppError): UpsertOutcome {
  return { index, externalId, status: 'failed', error: { code: error.code, message: error.message, details: error.details } };
}

async function runWithConcurrency(tasks: (() => Promise<void>)[], limit: number): Promise<void> {
  let next = 0;
  const workers = Array.from({ length: Math.min(limit, tasks.length) }, async () => {
    while (next < tasks.length) {
      const task = tasks[next++]!;
      await task();
    }
  });
  await Promise.all(workers);
}
