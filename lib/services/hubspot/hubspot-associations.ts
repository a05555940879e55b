import 'server-only';
import { db } from '../../db';
import { AppError } from '../../errors';
import type { HubSpotAssociationsInput } from '../../schemas/hubspot';
import type { ServiceContext } from '../context';
import { linkCompanyToDeal } from '../deal-links/link-company-to-deal';
import { linkContactToDeal } from '../deal-links/link-contact-to-deal';
import { integerId } from './read-hubspot-properties';

export interface AssociationFailure {
  objectType: 'CONTACT' | 'COMPANY';
  objectId: number | string;
  failReason: 'OBJECT_NOT_FOUND' | 'INVALID_ID';
  message: string;
  association: { fromObjectId: number; toObjectId: number | string; associationType: 'DEAL_TO_CONTACT' | 'DEAL_TO_COMPANY' };
}

/** Association targets split into existing records (in the order sent, each once) and failures to report. */
export interface CheckedAssociations {
  contactIds: number[];
  companyIds: number[];
  /** without the deal's ID yet: `withDealId` completes them once the deal exists */
  failures: Omit<AssociationFailure, 'association'>[];
}

/**
 * Which association IDs name live contacts (associatedVids) and companies (associatedCompanyIds).
 * A missing or malformed one is not an error: it is reported in associationCreateFailures.
 */
export async function checkHubSpotAssociations(associations: HubSpotAssociationsInput | null | undefined): Promise<CheckedAssociations> {
  const failures: CheckedAssociations['failures'] = [];
  const contactIds = await existing('CONTACT', associations?.associatedVids ?? [], failures);
  const companyIds = await existing('COMPANY', associations?.associatedCompanyIds ?? [], failures);
  return { contactIds, companyIds, failures };
}

async function existing(objectType: 'CONTACT' | 'COMPANY', raw: (number | string)[], failures: CheckedAssociations['failures']): Promise<number[]> {
  const label = objectType === 'CONTACT' ? 'Contact' : 'Company';
  const ids: number[] = [];
  for (const value of raw) {
    const id = integerId(value);
    if (id === null) failures.push({ objectType, objectId: value, failReason: 'INVALID_ID', message: `${JSON.stringify(value)} is not a valid ${label.toLowerCase()} ID` });
    else if (!ids.includes(id)) ids.push(id);
  }
  if (ids.length === 0) return [];
  const where = { id: { in: ids }, deletedAt: null };
  const found = new Set(
    (objectType === 'CONTACT' ? await db.contact.findMany({ where, select: { id: true } }) : await db.company.findMany({ where, select: { id: true } })).map((r) => r.id),
  );
  for (const id of ids) if (!found.has(id)) failures.push({ objectType, objectId: id, failReason: 'OBJECT_NOT_FOUND', message: `${label} ${id} does not exist` });
  return ids.filter((id) => found.has(id));
}

/**
 * Links the deal to these contacts and companies with the deal-link services (linking twice
 * changes nothing); a record deleted since it was checked becomes a failure instead.
 */
export async function linkHubSpotAssociations({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { dealId: number; contactIds: number[]; companyIds: number[] };
}): Promise<Omit<AssociationFailure, 'association'>[]> {
  const failures: Omit<AssociationFailure, 'association'>[] = [];
  for (const contactId of input.contactIds) {
    try {
      await linkContactToDeal({ ctx, input: { dealId: input.dealId, contactId } });
    } catch (error) {
      if (!(error instanceof AppError && error.code === 'not_found')) throw error;
      failures.push({ objectType: 'CONTACT', objectId: contactId, failReason: 'OBJECT_NOT_FOUND', message: `Contact ${contactId} does not exist` });
    }
  }
  for (const companyId of input.companyIds) {
    try {
      await linkCompanyToDeal({ ctx, input: { dealId: input.dealId, companyId } });
    } catch (error) {
      if (!(error instanceof AppError && error.code === 'not_found')) throw error;
      failures.push({ objectType: 'COMPANY', objectId: companyId, failReason: 'OBJECT_NOT_FOUND', message: `Company ${companyId} does not exist` });
    }
  }
  return failures;
}

/** Failures as legacy HubSpot lists them, naming the association that was not made. */
export function withDealId(dealId: number, failures: Omit<AssociationFailure, 'association'>[]): AssociationFailure[] {
  return failures.map((failure) => ({
    ...failure,
    association: {
      fromObjectId: dealId,
      toObjectId: failure.objectId,
      associationType: failure.objectType === 'CONTACT' ? 'DEAL_TO_CONTACT' : 'DEAL_TO_COMPANY',
    },
  }));
}
