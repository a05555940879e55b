import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound, redirect } from 'next/navigation';
import { cache } from 'react';
import { getBrowserContext } from '@/lib/auth/get-browser-context';
import { isAppError } from '@/lib/errors';
import { mergedIntoOf } from '@/lib/schemas/merge';
import { findDuplicateCompanies } from '@/lib/services/companies/find-duplicate-companies';
import { canMergeRecords } from '@/lib/services/permissions';
import { fromPublicId, toPublicId } from '@/lib/ids';
import { getCompanyPage } from '@/lib/services/companies/get-company-page';
import { Card, EmptyState } from '@/components/deal/ui';
import { CompanyDetails, DeleteCompanyButton, MergeCompanyButton } from '@/components/people/company-details';
import { DuplicateWarning } from '@/components/people/duplicate-warning';
import { MergedRecords } from '@/components/people/merged-records';
import { RecordHeader } from '@/components/people/record-header';
import { RelatedDeals } from '@/components/people/related-deals';
import { NewDealButton } from '@/components/deal/new-deal-dialog';
import { UsersIcon } from '@/components/ui/icons';

export const dynamic = 'force-dynamic';

/**
 * The company's page data, whether the viewer may merge it, and other companies with its domain; a
 * company deleted meanwhile is this page's not-found, a merged one opens the company it went into.
 */
const loadCompany = cache(async (companyId: string) => {
  const id = fromPublicId('company', companyId);
  if (id === null) notFound();
  const ctx = await getBrowserContext();
  let page: Awaited<ReturnType<typeof getCompanyPage>>;
  try {
    page = await getCompanyPage({ ctx, input: { companyId: id } });
  } catch (error) {
    const survivor = isAppError(error) && error.code === 'not_found' ? mergedIntoOf(error.details) : null;
    if (survivor) redirect(`/companies/${survivor}`);
    if (isAppError(error) && error.code === 'not_found') notFound();
    throw error;
  }
  const duplicates = page.company.domain ? await findDuplicateCompanies({ ctx, input: { domain: page.company.domain, exclude_id: id } }) : null;
  return { ...page, canMerge: canMergeRecords(ctx), sameDomain: duplicates?.sameDomain ?? [] };
});

export async function generateMetadata({ params }: { params: Promise<{ companyId: string }> }): Promise<Metadata> {
  const { companyId } = await params;
  const { company } = await loadCompany(companyId);
  return { title: company.name };
}

// /companies/:companyId – a company: its fields edited in place, its contacts, and every deal naming or linking it
export default async function CompanyPage({ params }: { params: Promise<{ companyId: string }> }) {
  const { companyId } = await params;
  const page = await loadCompany(companyId);
  const { company } = page;
  const publicId = toPublicId('company', company.id);
  return (
    <>
      <RecordHeader
        listHref="/companies"
        listLabel="Companies"
        title={company.name}
        subtitle={company.domain ?? undefined}
        actions={
          <>
            {page.canMerge ? <MergeCompanyButton company={{ id: publicId, name: company.name }} /> : null}
            <DeleteCompanyButton company={{ id: publicId, name: company.name }} />
          </>
        }
      />
      <div className="min-h-0 flex-1 overflow-auto">
        <div className="mx-auto grid w-full max-w-[90rem] grid-cols-1 items-start gap-4 p-3 sm:p-6 lg:grid-cols-[22rem_minmax(0,1fr)]">
          <div className="space-y-4">
            {page.sameDomain.length > 0 ? (
              <DuplicateWarning
                noun="company"
                createAnyway={false}
                hits={{ exact: page.sameDomain.map((c) => ({ id: toPublicId('company', c.id), name: c.name, detail: c.domain })), similar: [] }}
              />
            ) : null}
            <CompanyDetails company={{ id: publicId, name: company.name, domain: company.domain, externalId: company.externalId }} />
            <Card label="Contacts" title={`Contacts (${page.contactTotal})`}>
              {page.contacts.length === 0 ? (
                <EmptyState icon={<UsersIcon className="h-6 w-6" />} title="No contacts yet">
                  Choose this company on a contact’s page to list the contact here.
                </EmptyState>
              ) : (
                <ul aria-label="Contacts of this company" className="-my-1 divide-y divide-slate-100">
                  {page.contacts.map((c) => (
                    <li key={c.id} className="py-2 text-sm">
                      <Link href={`/contacts/${toPublicId('contact', c.id)}`} className="font-medium text-blue-700 hover:underline">
                        {`${c.firstName} ${c.lastName}`.trim()}
                      </Link>
                      {c.email || c.phone ? (
                        <span className="block truncate text-xs text-slate-500">{[c.email, c.phone].filter(Boolean).join(' · ')}</span>
                      ) : null}
                    </li>
                  ))}
                </ul>
              )}
              {page.contactTotal > page.contacts.length ? (
                <p className="mt-3 text-xs text-slate-500">
                  Showing {page.contacts.length} of {page.contactTotal} contacts.
                </p>
              ) : null}
            </Card>
            <MergedRecords records={page.mergedFrom.map((c) => ({ key: String(c.id), name: c.name, details: [c.domain] }))} />
          </div>
          <RelatedDeals
            deals={page.deals}
            total={page.dealTotal}
            totals={page.openTotals}
            noun="company"
            actions={<NewDealButton compact preset={{ company: { id: publicId, name: company.name } }} />}
          />
        </div>
      </div>
    </>
  );
}
