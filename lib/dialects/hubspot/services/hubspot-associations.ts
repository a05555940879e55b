import 'server-only';
import { db, type Prisma } from '../../../db';
import type { HubSpotAssociationsInput } from '../schemas';
import type { ServiceContext } from '../../../services/context';
import { linkRecordsToDeal } from '../../../services/deal-links/link-records-to-deal';
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
 * `tx`: the caller's transaction, when reading inside one.
 */
export async function checkHubSpotAssociations(
  associations: HubSpotAssociationsInput | null | undefined,
  tx?: Prisma.TransactionClient,
): Promise<CheckedAssociations> {
  const client = tx ?? db;
  const failures: CheckedAssociations['failures'] = [];
  const contactIds = await existing(client, 'CONTACT', associations?.associatedVids ?? [], failures);
  const companyIds = await existing(client, 'COMPANY', associations?.associatedCompanyIds ?? [], failures);
  return { contactIds, companyIds, failures };
}

async function existing(
  client: Prisma.TransactionClient,
  objectType: 'CONTACT' | 'COMPANY',
  raw: (number | string)[],
  failures: CheckedAssociations['failures'],
): Promise<number[]> {
  const label = objectType === 'CONTACT' ? 'Contact' : 'Company';
  const ids: number[] = [];
  for (const value of raw) {
    const id = integerId(value);
    if (id === null)
      failures.push({ objectType, objectId: value, failReason: 'INVALID_ID', message: `${JSON.stringify(value)} is not a valid ${label.toLowerCase()} ID` });
    else if (!ids.includes(id)) ids.push(id);
  }
  if (ids.length === 0) return [];
  const where = { id: { in: ids }, deletedAt: null };
  const found = new Set(
    (objectType === 'CONTACT'
      ? await client.contact.findMany({ where, select: { id: true } })
      : await client.company.findMany({ where, select: { id: true } })
    ).map((r) => r.id),
  );
  for (const id of ids)
    if (!found.has(id)) failures.push({ objectType, objectId: id, failReason: 'OBJECT_NOT_FOUND', message: `${label} ${id} does not exist` });
  return ids.filter((id) => found.has(id));
}

/**
 * Links the deal to these contacts and companies with the deal-link service (linking twice changes
 * nothing); a record deleted since it was checked becomes a failure instead.
 */
export async function linkHubSpotAssociations({
  ctx,
  input,
  tx,
}: {
  ctx: ServiceContext;
  input: { dealId: number; contactIds: number[]; companyIds: number[] };
  /** the caller's transaction: the links are written with the deal's other changes */
  tx?: Prisma.TransactionClient;
}): Promise<Omit<AssociationFailure, 'association'>[]> {
  const { missingContactIds, missingCompanyIds } = await linkRecordsToDeal({ ctx, input, tx });
  return [
    ...missingContactIds.map((id) => ({
      objectType: 'CONTACT' as const,
      objectId: id,
      failReason: 'OBJECT_NOT_FOUND' as const,
      message: `Contact ${id} does not exist`,
    })),
    ...missingCompanyIds.map((id) => ({
      objectType: 'COMPANY' as const,
      objectId: id,
      failReason: 'OBJECT_NOT_FOUND' as const,
      message: `Company ${id} does not exist`,
    })),
  ];
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
