import type { Metadata } from 'next';
import { Suspense } from 'react';
import { getBrowserContext } from '@/lib/auth/get-browser-context';
import { peopleTableQuery, type PeopleTableQuery } from '@/lib/schemas/people-table';
import { listCompaniesTable } from '@/lib/services/companies/list-companies-table';
import { PageHeader } from '@/components/app-shell/page-header';
import { ExportCsvLink } from '@/components/ui/export-csv-link';
import { CompaniesList } from '@/components/people/companies-list';
import { NewCompanyDialog } from '@/components/people/new-company-dialog';
import { TableRowsSkeleton } from '@/components/people/skeletons';
import { TableSearch } from '@/components/people/table-search';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Companies' };

// /companies – organisations: search by name or domain, sort by name or deals, 50 a page (?q=&sort=&page=).
// The table loads behind its own skeleton (a Suspense boundary, not loading.tsx: a loading.tsx here
// would also wrap /companies/[id]'s layout, whose not-found must answer 404 before anything streams).
export default async function CompaniesPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const query = peopleTableQuery.parse(await searchParams);
  return (
    <>
      <PageHeader title="Companies">
        <div className="ml-auto flex items-center gap-2">
          <ExportCsvLink href={`/companies/export${query.q ? `?${new URLSearchParams({ q: query.q })}` : ''}`} compact />
          <NewCompanyDialog />
        </div>
      </PageHeader>
      <div className="min-h-0 flex-1 space-y-3 overflow-auto p-3 sm:p-6">
        <TableSearch action="/companies" q={query.q} sort={query.sort} label="Search companies" placeholder="Name or domain" />
        <Suspense key={`${query.q ?? ''}|${query.sort}|${query.page}`} fallback={<TableRowsSkeleton label="Loading companies" />}>
          <CompaniesTable query={query} />
        </Suspense>
      </div>
    </>
  );
}

/** Loads one page of the table inside the Suspense boundary, so the skeleton shows while it loads. */
async function CompaniesTable({ query }: { query: PeopleTableQuery }) {
  const ctx = await getBrowserContext();
  const table = await listCompaniesTable({ ctx, input: query });
  return <CompaniesList query={query} table={table} />;
}
