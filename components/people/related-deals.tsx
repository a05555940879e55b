import Link from 'next/link';
import type { ReactNode } from 'react';
import { toPublicId } from '@/lib/ids';
import { formatMoney } from '@/lib/money/format-money';
import type { OpenTotal, RelatedDeal } from '@/lib/services/contacts/list-related-deals';
import { Card, EmptyState, StatusBadge } from '@/components/deal/ui';
import { BoxIcon } from '@/components/ui/icons';

// A contact's or company's deals: open pipeline per currency, then every deal with its stage,
// status, value, owner and expected close, each linking to its workspace.

const CALENDAR = new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeZone: 'UTC' });

export function OpenTotals({ totals }: { totals: OpenTotal[] }) {
  return (
    <div data-testid="open-totals" className="flex flex-wrap items-baseline gap-x-4 gap-y-1 text-sm">
      <span className="text-slate-500">Open pipeline</span>
      {totals.length === 0 ? (
        <span className="text-slate-500">No open deals</span>
      ) : (
        totals.map((t) => (
          <span key={t.currency} className="font-semibold tabular-nums text-slate-900">
            {formatMoney(t.total, t.currency)}{' '}
            <span className="font-normal text-slate-500">
              ({t.deals} {t.deals === 1 ? 'deal' : 'deals'})
            </span>
          </span>
        ))
      )}
    </div>
  );
}

export function RelatedDeals({
  deals,
  total,
  totals,
  noun,
  actions,
}: {
  deals: RelatedDeal[];
  total: number;
  totals: OpenTotal[];
  noun: 'contact' | 'company';
  /** the card's header buttons ("New deal") */
  actions?: ReactNode;
}) {
  return (
    <Card label="Deals" title={`Deals (${total})`} actions={actions}>
      <OpenTotals totals={totals} />
      {deals.length === 0 ? (
        <div className="mt-3">
          <EmptyState icon={<BoxIcon className="h-6 w-6" />} title="No deals yet">
            Create one with New deal, link this {noun} from a deal’s page (People and companies), or choose it as a deal’s primary {noun}.
          </EmptyState>
        </div>
      ) : (
        <>
          {/* phones: one block per deal; wider screens: the table */}
          <ul aria-label={`Deals of this ${noun}`} className="-mx-4 mt-3 divide-y divide-slate-100 border-t border-slate-100 sm:hidden">
            {deals.map((d) => (
              <li key={d.id} className="px-4 py-2.5 text-sm">
                <div className="flex items-start gap-2">
                  <Link href={`/deals/${toPublicId('deal', d.id)}`} className="min-w-0 flex-1 font-medium wrap-anywhere text-blue-700 hover:underline">
                    {d.name}
                  </Link>
                  <span className="shrink-0 font-medium tabular-nums">{formatMoney(d.value, d.currency)}</span>
                </div>
                <div className="mt-1 flex flex-wrap items-center gap-x-2 gap-y-1 text-xs text-slate-500">
                  <StatusBadge status={d.status} />
                  <span>
                    {d.pipelineName} · {d.stageName}
                  </span>
                  {d.ownerName ? <span>{d.ownerName}</span> : null}
                  {d.expectedClose ? <span>closes {CALENDAR.format(d.expectedClose)}</span> : null}
                  <span>{d.primary ? `Primary ${noun}` : 'Linked'}</span>
                </div>
              </li>
            ))}
          </ul>
          <div className="-mx-4 mt-3 hidden overflow-x-auto sm:block">
            <table aria-label={`Deals of this ${noun}`} className="w-full min-w-[40rem] border-collapse text-sm">
              <thead className="border-y border-slate-100 bg-slate-50 text-left text-xs uppercase tracking-wide text-slate-500">
                <tr>
                  <th scope="col" className="px-4 py-2 font-medium">
                    Deal
                  </th>
                  <th scope="col" className="px-3 py-2 font-medium">
                    Stage
                  </th>
                  <th scope="col" className="px-3 py-2 font-medium">
                    Status
                  </th>
                  <th scope="col" className="px-3 py-2 text-right font-medium">
                    Value
                  </th>
                  <th scope="col" className="px-3 py-2 font-medium">
                    Owner
                  </th>
                  <th scope="col" className="px-4 py-2 font-medium">
                    Expected close
                  </th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {deals.map((d) => (
                  <tr key={d.id} data-testid="related-deal" className="hover:bg-slate-50">
                    <td className="px-4 py-2">
                      <Link
                        href={`/deals/${toPublicId('deal', d.id)}`}
                        title={d.name}
                        className="line-clamp-2 font-medium wrap-anywhere text-blue-700 hover:underline"
                      >
                        {d.name}
                      </Link>
                      <span className="block text-xs text-slate-500">{d.primary ? `Primary ${noun}` : 'Linked'}</span>
                    </td>
                    <td className="px-3 py-2">
                      <span className="block">{d.stageName}</span>
                      <span className="block text-xs text-slate-500">{d.pipelineName}</span>
                    </td>
                    <td className="px-3 py-2">
                      <StatusBadge status={d.status} />
                    </td>
                    <td className="px-3 py-2 text-right tabular-nums whitespace-nowrap">{formatMoney(d.value, d.currency)}</td>
                    <td className="px-3 py-2">{d.ownerName ?? <span className="text-slate-500">—</span>}</td>
                    <td className="px-4 py-2 whitespace-nowrap">
                      {d.expectedClose ? CALENDAR.format(d.expectedClose) : <span className="text-slate-500">—</span>}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
      {total > deals.length ? (
        <p className="mt-3 text-xs text-slate-500">
          Showing {deals.length} of {total} deals; the totals cover all of them.
        </p>
      ) : null}
    </Card>
  );
}
