import Link from 'next/link';
import { toPublicId } from '@/lib/ids';
import type { PeopleTableQuery } from '@/lib/schemas/people-table';
import type { CompanyTableRow } from '@/lib/services/companies/list-companies-table';
import { EmptyState } from '@/components/deal/ui';
import { BuildingIcon } from '@/components/ui/icons';
import { Pager, PeopleTable, Td, type TableState } from './people-table';
import { tableHref } from './table-href';

/** The /companies table for one query: rows linking to each page, an empty state, the pager. */
export function CompaniesList({ query, table }: { query: PeopleTableQuery; table: { rows: CompanyTableRow[]; total: number; pageSize: number } }) {
  const { rows, total, pageSize } = table;
  const state: TableState = { base: '/companies', ...query };
  return (
    <>
      {total === 0 && !query.q ? (
        <EmptyState icon={<BuildingIcon className="h-8 w-8" />} title="No companies yet">
          Add the organisations you sell to with “New company”, or bring them in through the API.
        </EmptyState>
      ) : total === 0 ? (
        <EmptyState icon={<BuildingIcon className="h-8 w-8" />} title={`No companies match “${query.q}”`}>
          Search looks in names and domains; every word must match.{' '}
          <Link href="/companies" className="text-blue-700 hover:underline">
            Show all companies
          </Link>
        </EmptyState>
      ) : rows.length === 0 ? (
        <EmptyState title={`Page ${query.page} is past the last page`}>
          <Link href={tableHref('/companies', { ...query, page: Math.ceil(total / pageSize) })} className="text-blue-700 hover:underline">
            Go to the last page
          </Link>
        </EmptyState>
      ) : (
        <PeopleTable
          label="Companies"
          state={state}
          columns={[
            { label: 'Name', sortBy: 'name' },
            { label: 'Domain', className: 'hidden sm:table-cell' },
            { label: 'Contacts', className: 'text-right' },
            { label: 'Deals', sortBy: 'deals', className: 'text-right' },
          ]}
        >
          {rows.map((c) => (
            <tr key={c.id} className="hover:bg-slate-50">
              <Td>
                <Link
                  href={`/companies/${toPublicId('company', c.id)}`}
                  title={c.name}
                  className="line-clamp-2 font-medium wrap-anywhere text-blue-700 hover:underline"
                >
                  {c.name}
                </Link>
                {c.domain ? <span className="block text-xs text-slate-500 sm:hidden">{c.domain}</span> : null}
              </Td>
              <Td className="hidden text-slate-600 sm:table-cell">{c.domain ?? <span className="text-slate-500">—</span>}</Td>
              <Td className="text-right tabular-nums">{c.contactCount}</Td>
              <Td className="text-right tabular-nums">{c.dealCount}</Td>
            </tr>
          ))}
        </PeopleTable>
      )}
      {total > 0 || query.page > 1 ? <Pager state={state} total={total} pageSize={pageSize} noun="companies" /> : null}
    </>
  );
}
