import 'server-only';
import { db } from '../../db';
import { isRestrictedToOwnDeals } from '../../access/deal-access';
import { toPublicId } from '../../ids';
import type { ServiceContext } from '../context';
import { listCustomFieldDefinitions } from '../custom-fields/list-custom-field-definitions';
import { selectOptions, type CustomFieldType } from '../custom-fields/validate-custom-field-values';
import { readHomeCurrency } from '../currency/home-currency';
import { listPipelines } from '../pipelines/list-pipelines';
import { readDealAccessSettings } from '../settings/deal-access-settings';
import { listUsers } from '../users/list-users';
import type { NewDealFormData } from '../../schemas/new-deal-form';

/**
 * What the "New deal" form offers: pipelines with their live stages, the owners the viewer may
 * choose (the rule createDeal enforces: ownerForNewDeal), and every deal custom field definition.
 */
export async function getNewDealFormData({ ctx }: { ctx: ServiceContext }): Promise<NewDealFormData> {
  const [pipelines, users, definitions, access, homeCurrency] = await Promise.all([
    listPipelines({ ctx }),
    listUsers({ ctx }),
    listCustomFieldDefinitions({ ctx }),
    readDealAccessSettings(),
    readHomeCurrency(),
  ]);
  const stages = await db.stage.findMany({
    where: { pipelineId: { in: pipelines.map((p) => p.id) }, deletedAt: null },
    orderBy: [{ position: 'asc' }, { id: 'asc' }],
    select: { id: true, pipelineId: true, name: true, outcome: true },
  });
  const restricted = isRestrictedToOwnDeals(ctx.user.role, access);
  return {
    pipelines: pipelines.map((p) => ({
      id: toPublicId('pipeline', p.id),
      name: p.name,
      stages: stages.filter((s) => s.pipelineId === p.id).map((s) => ({ id: toPublicId('stage', s.id), name: s.name, outcome: s.outcome })),
    })),
    owners: (restricted ? users.filter((u) => u.id === ctx.user.id) : users).map((u) => ({ id: u.publicId, name: u.name })),
    me: toPublicId('user', ctx.user.id),
    customFields: definitions.map((d) => ({
      key: d.key,
      label: d.label,
      type: d.type as CustomFieldType,
      options: selectOptions(d.options),
      required: d.required,
    })),
    // a new deal starts in the home currency (createDeal's own default)
    defaultCurrency: homeCurrency,
  };
}
