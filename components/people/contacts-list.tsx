import Link from 'next/link';
import { toPublicId } from '@/lib/ids';
import type { PeopleTableQuery } from '@/lib/schemas/people-table';
import type { ContactTableRow } from '@/lib/services/contacts/list-contacts-table';
import { EmptyState } from '@/components/deal/ui';
import { UsersIcon } from '@/components/ui/icons';
import { Pager, PeopleTable, Td, type TableState } from './people-table';
import { tableHref } from './table-href';

/** The /contacts table for one query: rows linking to each page, an empty state, the pager. */
export function ContactsList({ query, table }: { query: PeopleTableQuery; table: { rows: ContactTableRow[]; total: number; pageSize: number } }) {
  const { rows, total, pageSize } = table;
  const state: TableState = { base: '/contacts', ...query };
  return (
    <>
      {total === 0 && !query.q ? (
        <EmptyState icon={<UsersIcon className="h-8 w-8" />} title="No contacts yet">
          Add the people you deal with using “New contact”, or bring them in through the API.
        </EmptyState>
      ) : total === 0 ? (
        <EmptyState icon={<UsersIcon className="h-8 w-8" />} title={`No contacts match “${query.q}”`}>
          Search looks in first and last names and emails; every word must match.{' '}
          <Link href="/contacts" className="text-blue-700 hover:underline">
            Show all contacts
          </Link>
        </EmptyState>
      ) : rows.length === 0 ? (
        <EmptyState title={`Page ${query.page} is past the last page`}>
          <Link href={tableHref('/contacts', { ...query, page: Math.ceil(total / pageSize) })} className="text-blue-700 hover:underline">
            Go to the last page
          </Link>
        </EmptyState>
      ) : (
        <PeopleTable
          label="Contacts"
          state={state}
          columns={[
            { label: 'Name', sortBy: 'name' },
            { label: 'Email', className: 'hidden md:table-cell' },
            { label: 'Phone', className: 'hidden lg:table-cell' },
            { label: 'Company', className: 'hidden sm:table-cell' },
            { label: 'Deals', sortBy: 'deals', className: 'text-right' },
          ]}
        >
          {rows.map((c) => (
            <tr key={c.id} className="hover:bg-slate-50">
              <Td>
                <Link href={`/contacts/${toPublicId('contact', c.id)}`} className="line-clamp-2 font-medium wrap-anywhere text-blue-700 hover:underline">
                  {`${c.firstName} ${c.lastName}`.trim()}
                </Link>
                {c.email ? <span className="block truncate text-xs text-slate-500 md:hidden">{c.email}</span> : null}
              </Td>
              <Td className="hidden text-slate-600 md:table-cell">{c.email ?? <span className="text-slate-500">—</span>}</Td>
              <Td className="hidden whitespace-nowrap text-slate-600 lg:table-cell">{c.phone ?? <span className="text-slate-500">—</span>}</Td>
              <Td className="hidden sm:table-cell">
                {c.company ? (
                  <Link
                    href={`/companies/${toPublicId('company', c.company.id)}`}
                    title={c.company.name}
                    className="line-clamp-2 wrap-anywhere hover:underline"
                  >
                    {c.company.name}
                  </Link>
                ) : (
                  <span className="text-slate-500">—</span>
                )}
              </Td>
              <Td className="text-right tabular-nums">{c.dealCount}</Td>
            </tr>
          ))}
        </PeopleTable>
      )}
      {total > 0 || query.page > 1 ? <Pager state={state} total={total} pageSize={pageSize} noun="contacts" /> : null}
    </>
  );
}
