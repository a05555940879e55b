import 'server-only';
import { db } from '../../../db';
import type { CustomFieldDefinition } from '../../../generated/prisma/client';
import type { ServiceContext } from '../../../services/context';
import { listCustomFieldDefinitions } from '../../../services/custom-fields/list-custom-field-definitions';
import type { DealView } from '../../../services/deals/deal-view';
import { getDealViewOrThrow } from '../../../services/deals/get-deal-view-or-throw';

/** A deal with what the HubSpot record shows beyond the native view. */
export interface HubSpotDealView {
  deal: DealView;
  /** the IDs a HubSpot client knows its pipeline and stage by: external ID when set */
  pipelineExternalId: string | null;
  stageExternalId: string | null;
  /** linked live contacts and companies, oldest link first */
  contactIds: number[];
  companyIds: number[];
  customFieldDefinitions: CustomFieldDefinition[];
}

/** One (not deleted) deal for the HubSpot dialect, or 404. Every role may read every deal. */
export async function getHubSpotDeal({ ctx, input }: { ctx: ServiceContext; input: { dealId: number } }): Promise<HubSpotDealView> {
  const deal = await getDealViewOrThrow({ ctx, input });
  const [pipeline, stage, contacts, companies, customFieldDefinitions] = await Promise.all([
    db.pipeline.findUnique({ where: { id: deal.pipelineId }, select: { externalId: true } }),
    db.stage.findUnique({ where: { id: deal.stageId }, select: { externalId: true } }),
    db.dealContact.findMany({
      where: { dealId: deal.id, contact: { deletedAt: null } },
      orderBy: [{ createdAt: 'asc' }, { contactId: 'asc' }],
      select: { contactId: true },
    }),
    db.dealCompany.findMany({
      where: { dealId: deal.id, company: { deletedAt: null } },
      orderBy: [{ createdAt: 'asc' }, { companyId: 'asc' }],
      select: { companyId: true },
    }),
    listCustomFieldDefinitions({ ctx }),
  ]);
  return {
    deal,
    pipelineExternalId: pipeline?.externalId ?? null,
    stageExternalId: stage?.externalId ?? null,
    contactIds: contacts.map((c) => c.contactId),
    companyIds: companies.map((c) => c.companyId),
    customFieldDefinitions,
  };
}
