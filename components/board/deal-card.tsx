import Link from 'next/link';
import type { BoardDeal } from '@/lib/services/pipelines/get-pipeline-board';
import { formatMoney } from '@/lib/money/format-money';
import { toPublicId } from '@/lib/ids';

const DAY = 86_400_000;

export function DealCard({ deal, rottingDays, now }: { deal: BoardDeal; rottingDays: number | null; now: number }) {
  const daysInStage = Math.floor((now - Date.parse(deal.stageEnteredAt)) / DAY);
  const idleSince = Date.parse(deal.lastActivityAt ?? deal.stageEnteredAt);
  const rotting = deal.status === 'open' && rottingDays !== null && now - idleSince > rottingDays * DAY;
  return (
    <article
      data-testid="deal-card"
      className={`rounded-md border bg-white p-2.5 text-sm shadow-sm ${rotting ? 'border-red-300' : 'border-slate-200'}`}
    >
      <Link href={`/deals/${toPublicId('deal', deal.id)}`} className="block font-medium text-slate-900 hover:underline">
        {deal.name}
      </Link>
      <p className="truncate text-xs text-slate-500">{deal.companyName ?? deal.contactName ?? 'No organisation'}</p>
      <div className="mt-1.5 flex items-center justify-between text-xs">
        <span className="font-medium text-slate-700">{formatMoney(deal.value, deal.currency)}</span>
        <span className="text-slate-500" title={`${daysInStage} days in this stage`}>
          {deal.status !== 'open' ? deal.status : `${daysInStage}d`}
          {rotting ? <span className="ml-1 text-red-600">· rotting</span> : null}
        </span>
      </div>
      {deal.ownerName ? <p className="mt-1 text-xs text-slate-400">{deal.ownerName}</p> : null}
    </article>
  );
}
