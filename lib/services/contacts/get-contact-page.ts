import 'server-only';
import { db } from '../../db';
import type { ServiceContext } from '../context';
import { contactNotFound } from './contact-not-found';
import { listRelatedDeals } from './list-related-deals';

/** At most this many deals are listed on a contact's page (the count and totals cover all). */
export const CONTACT_PAGE_DEALS = 200;

/**
 * A contact's page: its fields, its company (unless deleted), and its deals — primary contact or
 * linked — with the open pipeline per currency, and the contacts merged into it. 404 for an unknown or deleted contact. Every role may read.
 */
export async function getContactPage({ ctx, input }: { ctx: ServiceContext; input: { contactId: number } }) {
  void ctx; // every role reads every contact
  const contact = await db.contact.findFirst({
    where: { id: input.contactId, deletedAt: null },
    select: {
      id: true,
      firstName: true,
      lastName: true,
      email: true,
      phone: true,
      externalId: true,
      createdAt: true,
      updatedAt: true,
      company: { select: { id: true, name: true, domain: true, deletedAt: true } },
    },
  });
  if (!contact) throw await contactNotFound(input.contactId);
  const { company, ...fields } = contact;
  const deals = await listRelatedDeals('contact', contact.id, CONTACT_PAGE_DEALS);
  // the contacts merged into this one, whose values it did not take stay readable (decision 020)
  const mergedFrom = await db.contact.findMany({
    where: { mergedIntoContactId: contact.id },
    orderBy: { id: 'asc' },
    select: { id: true, firstName: true, lastName: true, email: true, phone: true },
  });
  return {
    mergedFrom,
    contact: { ...fields, company: company && company.deletedAt === null ? { id: company.id, name: company.name, domain: company.domain } : null },
    deals: deals.rows,
    dealTotal: deals.total,
    openTotals: deals.openTotals,
  };
}
