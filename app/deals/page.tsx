import type { Metadata } from 'next';
import Link from 'next/link';
import { getBrowserContext } from '@/lib/auth/get-browser-context';
import { toPublicId } from '@/lib/ids';
import { formatMoney } from '@/lib/money/format-money';
import { listDealsTable } from '@/lib/services/deals/list-deals-table';
import { PageHeader } from '@/components/app-shell/page-header';
import { Cell, DataTable } from '@/components/app-shell/data-table';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Deals' };

const PAGE_SIZE = 100;

// /deals – recently updated deals
export default async function DealsPage() {
  const ctx = await getBrowserContext();
  const deals = await listDealsTable({ ctx, input: { take: PAGE_SIZE } });
  return (
    <>
      <PageHeader title="Deals">
        <span className="text-sm text-slate-500">{deals.length === PAGE_SIZE ? `${PAGE_SIZE} most recently updated` : `${deals.length} deals`}</span>
      </PageHeader>
      <DataTable label="Deals" headers={['Deal', 'Value', 'Stage', 'Status', 'Company', 'Owner', 'Expected close']}>
        {deals.map((d) => (
          <tr key={d.id} className="hover:bg-slate-50">
            <Cell>
              <Link href={`/deals/${toPublicId('deal', d.id)}`} className="font-medium hover:underline">
                {d.name}
              </Link>
            </Cell>
            <Cell className="tabular-nums">{formatMoney(d.value, d.currency)}</Cell>
            <Cell>
              {d.pipeline.name} · {d.stage.name}
            </Cell>
            <Cell className="capitalize">{d.status}</Cell>
            <Cell>{d.company?.name ?? '—'}</Cell>
            <Cell>{d.owner?.name ?? '—'}</Cell>
            <Cell>{d.expectedClose ? d.expectedClose.toISOString().slice(0, 10) : '—'}</Cell>
          </tr>
        ))}
      </DataTable>
    </>
  );
}
