import type { Metadata } from 'next';
import { getBrowserContext } from '@/lib/auth/get-browser-context';
import { listCompaniesTable } from '@/lib/services/companies/list-companies-table';
import { PageHeader } from '@/components/app-shell/page-header';
import { Cell, DataTable } from '@/components/app-shell/data-table';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Companies' };

// /companies – organisations, by name
export default async function CompaniesPage() {
  const ctx = await getBrowserContext();
  const companies = await listCompaniesTable({ ctx, input: { take: 500 } });
  return (
    <>
      <PageHeader title="Companies" />
      <DataTable label="Companies" headers={['Name', 'Domain', 'Contacts', 'Deals']}>
        {companies.map((c) => (
          <tr key={c.id} className="hover:bg-slate-50">
            <Cell className="font-medium">{c.name}</Cell>
            <Cell>{c.domain ?? '—'}</Cell>
            <Cell className="tabular-nums">{c._count.contacts}</Cell>
            <Cell className="tabular-nums">{c._count.deals}</Cell>
          </tr>
        ))}
      </DataTable>
    </>
  );
}
