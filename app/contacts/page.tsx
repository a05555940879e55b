import type { Metadata } from 'next';
import { getBrowserContext } from '@/lib/auth/get-browser-context';
import { listContactsTable } from '@/lib/services/contacts/list-contacts-table';
import { PageHeader } from '@/components/app-shell/page-header';
import { Cell, DataTable } from '@/components/app-shell/data-table';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Contacts' };

// /contacts – people, by name
export default async function ContactsPage() {
  const ctx = await getBrowserContext();
  const contacts = await listContactsTable({ ctx, input: { take: 500 } });
  return (
    <>
      <PageHeader title="Contacts" />
      <DataTable label="Contacts" headers={['Name', 'Email', 'Phone', 'Company', 'Deals']}>
        {contacts.map((c) => (
          <tr key={c.id} className="hover:bg-slate-50">
            <Cell className="font-medium">{`${c.firstName} ${c.lastName}`.trim()}</Cell>
            <Cell>{c.email ?? '—'}</Cell>
            <Cell>{c.phone ?? '—'}</Cell>
            <Cell>{c.company?.name ?? '—'}</Cell>
            <Cell className="tabular-nums">{c._count.deals}</Cell>
          </tr>
        ))}
      </DataTable>
    </>
  );
}
