import 'server-only';
import { db } from '../../db';
import type { ServiceContext } from '../context';
import { companyNotFound } from './company-not-found';
import { listRelatedDeals } from '../contacts/list-related-deals';

/** At most this many deals and contacts are listed on a company's page (the counts and totals cover all). */
export const COMPANY_PAGE_DEALS = 200;
export const COMPANY_PAGE_CONTACTS = 200;

/**
 * A company's page: its fields, its (not deleted) contacts by name, and its deals — primary company
 * or linked — with the open pipeline per currency, and the companies merged into it. 404 for an unknown or deleted company. Every role may read.
 */
export async function getCompanyPage({ ctx, input }: { ctx: ServiceContext; input: { companyId: number } }) {
  void ctx; // every role reads every company
  const company = await db.company.findFirst({
    where: { id: input.companyId, deletedAt: null },
    select: { id: true, name: true, domain: true, externalId: true, createdAt: true, updatedAt: true },
  });
  if (!company) throw await companyNotFound(input.companyId);
  const contactWhere = { companyId: company.id, deletedAt: null };
  const [contacts, contactTotal, deals, mergedFrom] = await Promise.all([
    db.contact.findMany({
      where: contactWhere,
      orderBy: [{ firstName: 'asc' }, { lastName: 'asc' }, { id: 'asc' }],
      take: COMPANY_PAGE_CONTACTS,
      select: { id: true, firstName: true, lastName: true, email: true, phone: true },
    }),
    db.contact.count({ where: contactWhere }),
    listRelatedDeals('company', company.id, COMPANY_PAGE_DEALS),
    // the companies merged into this one, whose values it did not take stay readable (decision 020)
    db.company.findMany({ where: { mergedIntoCompanyId: company.id }, orderBy: { id: 'asc' }, select: { id: true, name: true, domain: true } }),
  ]);
  return { mergedFrom, company, contacts, contactTotal, deals: deals.rows, dealTotal: deals.total, openTotals: deals.openTotals };
}
