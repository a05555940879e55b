import type { Metadata } from 'next';
import { Suspense } from 'react';
import { getBrowserContext } from '@/lib/auth/get-browser-context';
import { peopleTableQuery, type PeopleTableQuery } from '@/lib/schemas/people-table';
import { listContactsTable } from '@/lib/services/contacts/list-contacts-table';
import { PageHeader } from '@/components/app-shell/page-header';
import { ExportCsvLink } from '@/components/ui/export-csv-link';
import { ContactsList } from '@/components/people/contacts-list';
import { NewContactDialog } from '@/components/people/new-contact-dialog';
import { TableRowsSkeleton } from '@/components/people/skeletons';
import { TableSearch } from '@/components/people/table-search';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Contacts' };

// /contacts – people: search by name or email, sort by name or deals, 50 a page (?q=&sort=&page=).
// The table loads behind its own skeleton (a Suspense boundary, not loading.tsx: a loading.tsx here
// would also wrap /contacts/[id]'s layout, whose not-found must answer 404 before anything streams).
export default async function ContactsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const query = peopleTableQuery.parse(await searchParams);
  return (
    <>
      <PageHeader title="Contacts">
        <div className="ml-auto flex items-center gap-2">
          <ExportCsvLink href={`/contacts/export${query.q ? `?${new URLSearchParams({ q: query.q })}` : ''}`} compact />
          <NewContactDialog />
        </div>
      </PageHeader>
      <div className="min-h-0 flex-1 space-y-3 overflow-auto p-3 sm:p-6">
        <TableSearch action="/contacts" q={query.q} sort={query.sort} label="Search contacts" placeholder="Name or email" />
        <Suspense key={`${query.q ?? ''}|${query.sort}|${query.page}`} fallback={<TableRowsSkeleton label="Loading contacts" />}>
          <ContactsTable query={query} />
        </Suspense>
      </div>
    </>
  );
}

/** Loads one page of the table inside the Suspense boundary, so the skeleton shows while it loads. */
async function ContactsTable({ query }: { query: PeopleTableQuery }) {
  const ctx = await getBrowserContext();
  const table = await listContactsTable({ ctx, input: query });
  return <ContactsList query={query} table={table} />;
}
