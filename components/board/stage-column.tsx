import type { BoardStage } from '@/lib/services/pipelines/get-pipeline-board';
import { formatMoney } from '@/lib/money/format-money';
import { DealCard } from './deal-card';

/** Sum per currency, exact (minor units as bigint). */
function totalsByCurrency(stage: BoardStage): string {
  const sums = new Map<string, bigint>();
  for (const d of stage.deals) sums.set(d.currency, (sums.get(d.currency) ?? 0n) + BigInt(d.value));
  if (sums.size === 0) return formatMoney(0, 'USD', { compact: true });
  return [...sums].map(([currency, sum]) => formatMoney(sum, currency, { compact: true })).join(' + ');
}

export function StageColumn({ stage, now }: { stage: BoardStage; now: number }) {
  return (
    <section aria-label={stage.name} data-testid="stage-column" className="flex w-72 shrink-0 flex-col rounded-lg bg-slate-100">
      <header className="border-b border-slate-200 px-3 py-2">
        <div className="flex items-center justify-between gap-2">
          <h2 className="truncate text-sm font-semibold">{stage.name}</h2>
          <span data-testid="stage-count" className="rounded-full bg-white px-2 text-xs font-medium text-slate-600">
            {stage.deals.length}
          </span>
        </div>
        <p className="text-xs text-slate-500">
          {totalsByCurrency(stage)} · {stage.outcome ? `${stage.outcome}` : `${stage.probability}%`}
        </p>
      </header>
      <ol className="flex min-h-0 flex-1 flex-col gap-2 overflow-y-auto p-2">
        {stage.deals.map((deal) => (
          <li key={deal.id}>
            <DealCard deal={deal} rottingDays={stage.rottingDays} now={now} />
          </li>
        ))}
      </ol>
    </section>
  );
}
