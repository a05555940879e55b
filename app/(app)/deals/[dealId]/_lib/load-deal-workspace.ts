import 'server-only';
import { notFound } from 'next/navigation';
import { cache } from 'react';
import { DEFAULT_DEAL_ACCESS, isRestrictedToOwnDeals, mayChangeDeal } from '@/lib/access/deal-access';
import { getBrowserContext } from '@/lib/auth/get-browser-context';
import { isAppError } from '@/lib/errors';
import { fromPublicId, toPublicId } from '@/lib/ids';
import { computeDealTotals } from '@/lib/money/line-item-totals';
import { selectOptions } from '@/lib/services/custom-fields/validate-custom-field-values';
import { listCustomFieldDefinitions } from '@/lib/services/custom-fields/list-custom-field-definitions';
import { listDealCompanies } from '@/lib/services/deal-links/list-deal-companies';
import { listDealContacts } from '@/lib/services/deal-links/list-deal-contacts';
import { DEAL_TIMELINE_PAGE, readDealTimeline } from '@/lib/services/change-events/read-deal-timeline';
import { getDealOverview } from '@/lib/services/deals/get-deal-overview';
import { getLostReasonPolicy } from '@/lib/services/lost-reasons/get-lost-reason-policy';
import { listPipelines } from '@/lib/services/pipelines/list-pipelines';
import { listProducts } from '@/lib/services/products/list-products';
import { listStages } from '@/lib/services/stages/list-stages';
import { readDealAccessSettings } from '@/lib/services/settings/deal-access-settings';
import { listUsers } from '@/lib/services/users-directory/list-users';
import type { DealWorkspaceData } from '@/components/deal/types';

/** A deal read that is gone (deleted meanwhile) is this page's not-found, never an error page. */
async function orNotFound<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if (isAppError(error) && error.code === 'not_found') notFound();
    throw error;
  }
}

/** The deal's overview, read once per request (metadata and page share it); not found → this route's 404. */
export const loadOverview = cache(async (dealId: string) => {
  const id = fromPublicId('deal', dealId);
  if (id === null) notFound();
  const ctx = await getBrowserContext();
  return orNotFound(getDealOverview({ ctx, input: { dealId: id } }));
});

/**
 * Why this viewer may only look at the deal (lib/access/deal-access.ts), said once at the top of the
 * workspace instead of under every control it hides; null when they may change it.
 */
function viewOnlyReason(ownerName: string | null): string {
  return ownerName
    ? `${ownerName} owns this deal: you can view it and add activities and tasks; only they or a manager can change it.`
    : 'Nobody owns this deal: you can view it and add activities and tasks; only a manager can change it.';
}

const iso = (date: Date) => date.toISOString();
const isoOrNull = (date: Date | null) => (date ? date.toISOString() : null);

/**
 * Everything the deal workspace shows, as plain data for the client component: read once per request
 * by the deal page (/deals/:id) and by the board's side panel (the same URL intercepted on a board).
 */
export async function loadDealWorkspace(dealId: string): Promise<DealWorkspaceData> {
  const deal = await loadOverview(dealId);
  const ctx = await getBrowserContext();
  const [pipelines, users, products, definitions, policy, contacts, companies, access, changes] = await Promise.all([
    listPipelines({ ctx }),
    listUsers({ ctx }),
    listProducts({ ctx, input: { limit: 200, active: true, sort: 'name' } }),
    listCustomFieldDefinitions({ ctx }),
    getLostReasonPolicy({ ctx }),
    orNotFound(listDealContacts({ ctx, input: { dealId: deal.id, limit: 200 } })),
    orNotFound(listDealCompanies({ ctx, input: { dealId: deal.id, limit: 200 } })),
    // the setting restricts reps only: managers and admins skip the read
    ctx.user.role === 'rep' ? readDealAccessSettings() : DEFAULT_DEAL_ACCESS,
    orNotFound(readDealTimeline({ ctx, input: { dealId: deal.id, limit: DEAL_TIMELINE_PAGE } })),
  ]);
  const stagesByPipeline = await Promise.all(pipelines.map((p) => listStages({ ctx, input: { pipelineId: p.id, limit: 200 } })));
  const totals = computeDealTotals(deal.lineItems);
  const me = { id: ctx.user.id, role: ctx.user.role };
  const viewOnly = mayChangeDeal(me, deal.ownerId, access) ? null : viewOnlyReason(deal.owner?.name ?? null);
  // a restricted rep keeps their own deals: the services refuse handing one to anybody else
  const ownerReadOnly = viewOnly === null && isRestrictedToOwnDeals(me.role, access) ? 'Only managers and admins hand deals to someone else.' : null;

  const data: DealWorkspaceData = {
    deal: {
      id: toPublicId('deal', deal.id),
      version: deal.version,
      name: deal.name,
      value: deal.value.toString(),
      currency: deal.currency,
      status: deal.status,
      lostReason: deal.lostReason,
      expectedClose: isoOrNull(deal.expectedClose),
      closedAt: isoOrNull(deal.closedAt),
      source: deal.source,
      taxType: deal.taxType,
      customFields: (deal.customFields ?? {}) as Record<string, unknown>,
      pipeline: { id: toPublicId('pipeline', deal.pipeline.id), name: deal.pipeline.name },
      stage: {
        id: toPublicId('stage', deal.stage.id),
        name: deal.stage.name,
        probability: deal.stage.probability,
        outcome: deal.stage.outcome,
        rottingDays: deal.stage.rottingDays,
      },
      stageEnteredAt: iso(deal.stageEnteredAt),
      lastActivityAt: isoOrNull(deal.lastActivityAt),
      owner: deal.owner ? { id: toPublicId('user', deal.owner.id), name: deal.owner.name } : null,
      contact: deal.contact
        ? { id: toPublicId('contact', deal.contact.id), name: `${deal.contact.firstName} ${deal.contact.lastName}`.trim(), email: deal.contact.email }
        : null,
      company: deal.company ? { id: toPublicId('company', deal.company.id), name: deal.company.name, domain: deal.company.domain } : null,
      createdAt: iso(deal.createdAt),
      updatedAt: iso(deal.updatedAt),
    },
    history: deal.history.map((h) => ({
      id: toPublicId('stageHistory', h.id),
      from: h.fromStage ? { id: toPublicId('stage', h.fromStage.id), name: h.fromStage.name, outcome: h.fromStage.outcome } : null,
      to: { id: toPublicId('stage', h.toStage.id), name: h.toStage.name, outcome: h.toStage.outcome },
      changedAt: iso(h.changedAt),
      changedBy: h.changedBy?.name ?? null,
      source: h.source,
      reason: h.reason,
    })),
    changes,
    lineItems: deal.lineItems.map((li) => ({
      id: toPublicId('lineItem', li.id),
      productId: li.productId === null ? null : toPublicId('product', li.productId),
      name: li.name,
      description: li.description,
      unitPrice: li.unitPrice.toString(),
      quantity: li.quantity.toString(),
      discountType: li.discountType,
      discountValue: li.discountValue.toString(),
      taxRate: li.taxRate.toString(),
      taxLabel: li.taxLabel,
      unit: li.unit,
      subtotal: li.subtotal.toString(),
      discount: li.discount.toString(),
      tax: li.tax.toString(),
      total: li.total.toString(),
    })),
    lineTotals: { subtotal: totals.subtotal.toString(), discount: totals.discount.toString(), tax: totals.tax.toString(), total: totals.total.toString() },
    activities: deal.activities.map((a) => ({
      id: toPublicId('activity', a.id),
      type: a.type,
      status: a.status,
      subject: a.subject,
      body: a.body,
      occurredAt: iso(a.occurredAt),
      owner: a.owner?.name ?? null,
      ownerId: a.ownerId === null ? null : toPublicId('user', a.ownerId),
    })),
    tasks: deal.tasks.map((t) => ({
      id: toPublicId('task', t.id),
      title: t.title,
      priority: t.priority,
      status: t.status,
      dueAt: isoOrNull(t.dueAt),
      completedAt: isoOrNull(t.completedAt),
      assignee: t.assignee?.name ?? null,
      assigneeId: t.assigneeId === null ? null : toPublicId('user', t.assigneeId),
    })),
    contacts: contacts.rows.map((c) => ({ id: toPublicId('contact', c.id), name: `${c.firstName} ${c.lastName}`.trim(), email: c.email, phone: c.phone })),
    companies: companies.rows.map((c) => ({ id: toPublicId('company', c.id), name: c.name, domain: c.domain })),
    pipelines: pipelines.map((p, i) => ({
      id: toPublicId('pipeline', p.id),
      name: p.name,
      stages: stagesByPipeline[i]!.rows.map((s) => ({ id: toPublicId('stage', s.id), name: s.name, probability: s.probability, outcome: s.outcome })),
    })),
    users: users.map((u) => ({ id: toPublicId('user', u.id), name: u.name })),
    products: products.rows.map((p) => ({
      id: toPublicId('product', p.id),
      name: p.name,
      sku: p.sku,
      unitPrice: p.unitPrice.toString(),
      currency: p.currency,
      taxRate: p.taxRate.toString(),
      taxLabel: p.taxLabel,
      unit: p.unit,
    })),
    customFieldDefinitions: definitions.map((d) => ({ key: d.key, label: d.label, type: d.type, options: selectOptions(d.options), required: d.required })),
    lostReasonPolicy: policy,
    viewOnly,
    ownerReadOnly,
    renderedAt: new Date().toISOString(),
  };
  return data;
}
