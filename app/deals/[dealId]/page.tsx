import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getBrowserContext } from '@/lib/auth/get-browser-context';
import { isAppError } from '@/lib/errors';
import { fromPublicId, toPublicId } from '@/lib/ids';
import { formatMoney } from '@/lib/money/format-money';
import { getDealOverview } from '@/lib/services/deals/get-deal-overview';
import { PageHeader } from '@/components/app-shell/page-header';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Deal' };

function formatDateTime(date: Date): string {
  return date.toISOString().slice(0, 16).replace('T', ' ');
}

// /deals/:dealId – one deal: summary, stage history, products, activities, tasks
export default async function DealPage({ params }: { params: Promise<{ dealId: string }> }) {
  const { dealId } = await params;
  const id = fromPublicId('deal', dealId);
  if (id === null) notFound();
  const ctx = await getBrowserContext();
  const deal = await getDealOverview({ ctx, input: { dealId: id } }).catch((error: unknown) => {
    if (isAppError(error) && error.code === 'not_found') notFound();
    throw error;
  });
  return (
    <>
      <PageHeader title={deal.name}>
        <span className="rounded-full bg-slate-100 px-2 py-0.5 text-xs font-medium capitalize text-slate-700">{deal.status}</span>
        <Link href={`/pipelines/${toPublicId('pipeline', deal.pipelineId)}`} className="ml-auto text-sm text-blue-700 hover:underline">
          {deal.pipeline.name} board
        </Link>
      </PageHeader>
      <div className="grid min-h-0 flex-1 grid-cols-1 content-start items-start gap-4 overflow-auto p-6 lg:grid-cols-3">
        <section aria-label="Summary" className="rounded-lg bg-white p-4 shadow-sm">
          <h2 className="mb-2 font-semibold">Summary</h2>
          <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
            <dt className="text-slate-500">Value</dt>
            <dd className="font-medium">{formatMoney(deal.value, deal.currency)}</dd>
            <dt className="text-slate-500">Stage</dt>
            <dd>
              {deal.stage.name} ({deal.stage.probability}%)
            </dd>
            <dt className="text-slate-500">Owner</dt>
            <dd>{deal.owner?.name ?? '—'}</dd>
            <dt className="text-slate-500">Company</dt>
            <dd>{deal.company?.name ?? '—'}</dd>
            <dt className="text-slate-500">Contact</dt>
            <dd>{deal.contact ? `${deal.contact.firstName} ${deal.contact.lastName}`.trim() : '—'}</dd>
            <dt className="text-slate-500">Expected close</dt>
            <dd>{deal.expectedClose?.toISOString().slice(0, 10) ?? '—'}</dd>
            {deal.lostReason ? (
              <>
                <dt className="text-slate-500">Lost reason</dt>
                <dd>{deal.lostReason}</dd>
              </>
            ) : null}
          </dl>
        </section>
        <section aria-label="Stage history" className="rounded-lg bg-white p-4 shadow-sm lg:col-span-2">
          <h2 className="mb-2 font-semibold">Stage history</h2>
          <ol className="space-y-1 text-sm">
            {deal.history.map((h) => (
              <li key={h.id} data-testid="history-row" className="flex gap-3">
                <time className="w-36 shrink-0 tabular-nums text-slate-500">{formatDateTime(h.changedAt)}</time>
                <span>
                  {h.fromStage ? `${h.fromStage.name} → ` : 'Created in '}
                  <strong>{h.toStage.name}</strong>
                  <span className="text-slate-500">
                    {' '}
                    by {h.changedBy?.name ?? 'unknown'} via {h.source}
                    {h.reason ? ` — ${h.reason}` : ''}
                  </span>
                </span>
              </li>
            ))}
          </ol>
        </section>
        <section aria-label="Products" className="rounded-lg bg-white p-4 shadow-sm lg:col-span-3">
          <h2 className="mb-2 font-semibold">Products ({deal.taxType.replace('_', ' ')})</h2>
          {deal.lineItems.length === 0 ? (
            <p className="text-sm text-slate-500">No products on this deal.</p>
          ) : (
            <table className="w-full text-sm">
              <thead className="text-left text-xs uppercase text-slate-500">
                <tr>
                  <th className="py-1">Product</th>
                  <th className="py-1 text-right">Unit price</th>
                  <th className="py-1 text-right">Qty</th>
                  <th className="py-1 text-right">Discount</th>
                  <th className="py-1 text-right">Tax</th>
                  <th className="py-1 text-right">Total</th>
                </tr>
              </thead>
              <tbody>
                {deal.lineItems.map((li) => (
                  <tr key={li.id} className="border-t border-slate-100">
                    <td className="py-1">{li.name}</td>
                    <td className="py-1 text-right tabular-nums">{formatMoney(li.unitPrice, deal.currency)}</td>
                    <td className="py-1 text-right tabular-nums">{li.quantity.toString()}</td>
                    <td className="py-1 text-right tabular-nums">{formatMoney(li.discount, deal.currency)}</td>
                    <td className="py-1 text-right tabular-nums">{formatMoney(li.tax, deal.currency)}</td>
                    <td className="py-1 text-right tabular-nums">{formatMoney(li.total, deal.currency)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
        <section aria-label="Activities" className="rounded-lg bg-white p-4 shadow-sm lg:col-span-2">
          <h2 className="mb-2 font-semibold">Activities</h2>
          <ul className="space-y-1 text-sm">
            {deal.activities.map((a) => (
              <li key={a.id} className="flex gap-3">
                <time className="w-36 shrink-0 tabular-nums text-slate-500">{formatDateTime(a.occurredAt)}</time>
                <span className="w-16 shrink-0 capitalize text-slate-500">{a.type}</span>
                <span>{a.subject}</span>
              </li>
            ))}
            {deal.activities.length === 0 ? <li className="text-slate-500">No activities yet.</li> : null}
          </ul>
        </section>
        <section aria-label="Tasks" className="rounded-lg bg-white p-4 shadow-sm">
          <h2 className="mb-2 font-semibold">Tasks</h2>
          <ul className="space-y-1 text-sm">
            {deal.tasks.map((t) => (
              <li key={t.id} className={t.status === 'completed' ? 'text-slate-400 line-through' : ''}>
                {t.title}
                <span className="text-slate-500"> · {t.dueAt?.toISOString().slice(0, 10) ?? 'no due date'}</span>
              </li>
            ))}
            {deal.tasks.length === 0 ? <li className="text-slate-500">No tasks.</li> : null}
          </ul>
        </section>
      </div>
    </>
  );
}
