import type { DealLineItem, TaxType } from '../../generated/prisma/client';
import { toPublicId } from '../../ids';
import type { LineAmounts } from '../../money/line-item-totals';
import { minorUnits, publicIdOrNull } from '../format';

/** A decimal column (qty, percent, rate) as a JSON number; they have at most 4 decimals and 14 digits. */
function decimalNumber(value: { toString(): string }): number {
  return Number(value.toString());
}

export function serializeLineItem(item: DealLineItem) {
  return {
    id: toPublicId('lineItem', item.id),
    number: item.id,
    product_id: publicIdOrNull('product', item.productId),
    name: item.name,
    description: item.description,
    unit_price: minorUnits(item.unitPrice),
    qty: decimalNumber(item.quantity),
    discount_type: item.discountType,
    discount_total: decimalNumber(item.discountValue),
    tax_label: item.taxLabel,
    tax_rate: decimalNumber(item.taxRate),
    unit: item.unit,
    position: item.position,
    subtotal: minorUnits(item.subtotal),
    discount: minorUnits(item.discount),
    tax: minorUnits(item.tax),
    total: minorUnits(item.total),
  };
}

/** `{tax_type, items, subtotal, discount, tax, total}` of GET/PUT /api/v1/deals/:id/line-items. */
export function serializeDealLineItems(list: { taxType: TaxType; items: DealLineItem[]; totals: LineAmounts }) {
  return {
    tax_type: list.taxType,
    items: list.items.map(serializeLineItem),
    subtotal: minorUnits(list.totals.subtotal),
    discount: minorUnits(list.totals.discount),
    tax: minorUnits(list.totals.tax),
    total: minorUnits(list.totals.total),
  };
}
