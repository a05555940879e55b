import type { DealLineItem, TaxType } from '../../generated/prisma/client';
import { computeDealTotals } from '../../money/line-item-totals';
import { minorToMajorUnits } from '../../money/major-units';
import type { ConcordDealRecord } from './services/list-concord-deals';
import { decimalText } from './services/concord-numbers';

// Database rows → Concord's JSON. Integer IDs; money in major units as decimal strings ("1500.00", as
// Laravel's decimal casts answer); timestamps as Laravel serialises them ("2026-03-16T12:00:00.000000Z");
// expected_close_date as a date. Custom fields appear as further keys, as Concord shows them.

/** Laravel's JSON timestamp: microseconds, UTC. */
export function concordTimestamp(date: Date): string;
export function concordTimestamp(date: Date | null): string | null;
export function concordTimestamp(date: Date | null): string | null {
  return date ? `${date.toISOString().slice(0, 23)}000Z` : null;
}

export function serializeBillableProduct(line: DealLineItem, currency: string) {
  return {
    id: line.id,
    product_id: line.productId,
    name: line.name,
    description: line.description,
    unit_price: minorToMajorUnits(line.unitPrice, currency),
    qty: Number(line.quantity.toString()),
    unit: line.unit,
    discount_type: line.discountType,
    // a percent, or a fixed amount (stored in minor units)
    discount_total: line.discountType === 'fixed' ? minorToMajorUnits(BigInt(decimalText(line.discountValue)), currency) : decimalText(line.discountValue),
    tax_label: line.taxLabel,
    tax_rate: Number(line.taxRate.toString()),
    sub_total: minorToMajorUnits(line.subtotal, currency),
    discount_amount: minorToMajorUnits(line.discount, currency),
    tax_amount: minorToMajorUnits(line.tax, currency),
    amount: minorToMajorUnits(line.total, currency),
    display_order: line.position,
  };
}

export function serializeBillable(taxType: TaxType, lines: DealLineItem[], currency: string) {
  const totals = computeDealTotals(lines);
  return {
    tax_type: taxType,
    sub_total: minorToMajorUnits(totals.subtotal, currency),
    has_discount: totals.discount > 0n,
    discount_total: minorToMajorUnits(totals.discount, currency),
    total_tax: minorToMajorUnits(totals.tax, currency),
    total: minorToMajorUnits(totals.total, currency),
    products: lines.map((line) => serializeBillableProduct(line, currency)),
  };
}

function dateOnly(date: Date | null): string | null {
  return date ? date.toISOString().slice(0, 10) : null;
}

/**
 * A deal as Concord shows it. `select`: only those fields, in that order (null: all). Custom fields
 * are keys of their own (a key equal to one of the resource's fields is not shown at the top level).
 */
export function serializeConcordDeal(record: ConcordDealRecord, customFieldKeys: readonly string[], select: readonly string[] | null = null) {
  const deal = record.view;
  const fields: Record<string, () => unknown> = {
    id: () => deal.id,
    name: () => deal.name,
    display_name: () => deal.name,
    amount: () => minorToMajorUnits(deal.value, deal.currency),
    currency: () => deal.currency,
    expected_close_date: () => dateOnly(deal.expectedClose),
    pipeline_id: () => deal.pipelineId,
    stage_id: () => deal.stageId,
    user_id: () => deal.ownerId,
    // Concord knows open, won and lost: a stalled deal is still open
    status: () => (deal.status === 'stalled' ? 'open' : deal.status),
    lost_reason: () => deal.lostReason,
    won_date: () => (deal.status === 'won' ? concordTimestamp(deal.closedAt) : null),
    lost_date: () => (deal.status === 'lost' ? concordTimestamp(deal.closedAt) : null),
    stage_changed_date: () => concordTimestamp(deal.stageEnteredAt),
    board_order: () => deal.position,
    billable: () => serializeBillable(deal.taxType, record.lines, deal.currency),
    contacts: () => record.contacts.map((c) => ({ id: c.id, display_name: `${c.firstName} ${c.lastName}`.trim(), email: c.email })),
    companies: () => record.companies.map((c) => ({ id: c.id, display_name: c.name, domain: c.domain })),
    activities: () => record.activities.map((a) => ({ id: a.id, title: a.subject, type: a.type })),
    created_at: () => concordTimestamp(deal.createdAt),
    updated_at: () => concordTimestamp(deal.updatedAt),
  };
  const customFields = deal.customFields ?? {};
  for (const key of customFieldKeys) {
    if (!Object.hasOwn(fields, key)) fields[key] = () => customFields[key] ?? null;
  }
  const keys = select ?? Object.keys(fields);
  const body: Record<string, unknown> = {};
  for (const key of keys) {
    const read = fields[key];
    if (read) body[key] = read();
  }
  return body;
}
