import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound, redirect } from 'next/navigation';
import { cache } from 'react';
import { getBrowserContext } from '@/lib/auth/get-browser-context';
import { isAppError } from '@/lib/errors';
import { mergedIntoOf } from '@/lib/schemas/merge';
import { findDuplicateContacts } from '@/lib/services/contacts/find-duplicate-contacts';
import { canMergeRecords } from '@/lib/services/permissions';
import { fromPublicId, toPublicId } from '@/lib/ids';
import { getContactPage } from '@/lib/services/contacts/get-contact-page';
import { ContactDetails, DeleteContactButton, MergeContactButton } from '@/components/people/contact-details';
import { DuplicateWarning } from '@/components/people/duplicate-warning';
import { MergedRecords } from '@/components/people/merged-records';
import { RecordHeader } from '@/components/people/record-header';
import { RelatedDeals } from '@/components/people/related-deals';
import { NewDealButton } from '@/components/deal/new-deal-dialog';

export const dynamic = 'force-dynamic';

/**
 * The contact's page data, whether the viewer may merge it, and other contacts with its email; a
 * contact deleted meanwhile is this page's not-found, a merged one opens the contact it went into.
 */
const loadContact = cache(async (contactId: string) => {
  const id = fromPublicId('contact', contactId);
  if (id === null) notFound();
  const ctx = await getBrowserContext();
  let page: Awaited<ReturnType<typeof getContactPage>>;
  try {
    page = await getContactPage({ ctx, input: { contactId: id } });
  } catch (error) {
    const survivor = isAppError(error) && error.code === 'not_found' ? mergedIntoOf(error.details) : null;
    if (survivor) redirect(`/contacts/${survivor}`);
    if (isAppError(error) && error.code === 'not_found') notFound();
    throw error;
  }
  const duplicates = page.contact.email ? await findDuplicateContacts({ ctx, input: { email: page.contact.email, exclude_id: id } }) : null;
  return { ...page, canMerge: canMergeRecords(ctx), sameEmail: duplicates?.sameEmail ?? [] };
});

const nameOf = (contact: { firstName: string; lastName: string }) => `${contact.firstName} ${contact.lastName}`.trim();

export async function generateMetadata({ params }: { params: Promise<{ contactId: string }> }): Promise<Metadata> {
  const { contactId } = await params;
  const { contact } = await loadContact(contactId);
  return { title: nameOf(contact) };
}

// /contacts/:contactId – a contact: its fields edited in place and every deal naming or linking it
export default async function ContactPage({ params }: { params: Promise<{ contactId: string }> }) {
  const { contactId } = await params;
  const page = await loadContact(contactId);
  const { contact } = page;
  const publicId = toPublicId('contact', contact.id);
  const company = contact.company ? { id: toPublicId('company', contact.company.id), name: contact.company.name } : null;
  return (
    <>
      <RecordHeader
        listHref="/contacts"
        listLabel="Contacts"
        title={nameOf(contact)}
        subtitle={
          company || contact.email ? (
            <>
              {contact.email}
              {company && contact.email ? ' · ' : null}
              {company ? (
                <Link href={`/companies/${company.id}`} className="hover:underline">
                  {company.name}
                </Link>
              ) : null}
            </>
          ) : undefined
        }
        actions={
          <>
            {page.canMerge ? <MergeContactButton contact={{ id: publicId, name: nameOf(contact) }} /> : null}
            <DeleteContactButton contact={{ id: publicId, name: nameOf(contact) }} />
          </>
        }
      />
      <div className="min-h-0 flex-1 overflow-auto">
        <div className="mx-auto grid w-full max-w-[90rem] grid-cols-1 items-start gap-4 p-3 sm:p-6 lg:grid-cols-[22rem_minmax(0,1fr)]">
          <div className="space-y-4">
            {page.sameEmail.length > 0 ? (
              <DuplicateWarning
                noun="contact"
                createAnyway={false}
                hits={{ exact: page.sameEmail.map((c) => ({ id: toPublicId('contact', c.id), name: nameOf(c), detail: c.email })), similar: [] }}
              />
            ) : null}
            <ContactDetails
              contact={{
                id: publicId,
                firstName: contact.firstName,
                lastName: contact.lastName,
                email: contact.email,
                phone: contact.phone,
                externalId: contact.externalId,
                company,
              }}
            />
            <MergedRecords records={page.mergedFrom.map((c) => ({ key: String(c.id), name: nameOf(c), details: [c.email, c.phone] }))} />
          </div>
          <RelatedDeals
            deals={page.deals}
            total={page.dealTotal}
            totals={page.openTotals}
            noun="contact"
            actions={<NewDealButton compact preset={{ contact: { id: publicId, name: nameOf(contact) }, ...(company ? { company } : {}) }} />}
          />
        </div>
      </div>
    </>
  );
}
