import 'server-only';
import Decimal from 'decimal.js';
import { db, type Prisma } from '../../db';
import { AppError, type ErrorDetail } from '../../errors';
import type { DiscountType, TaxType } from '../../generated/prisma/client';
import { assertMayChangeDeal } from '../deals/assert-may-change-deal';
import { MAX_MINOR_UNITS } from '../../money/limits';
import { computeDealTotals, computeLineItem, LineItemInputError, type LineAmounts, type LineItemField } from '../../money/line-item-totals';
import type { LineItemInputBody } from '../../schemas/line-item';
import type { ServiceContext } from '../context';
import { setChangeActor } from '../../change-record/change-actor';
import { executeStatement, queryRows } from '../../database/run-sql';
import { sql, tableAs } from '../../database/typed-sql';

const API_FIELD: Record<LineItemField, string> = {
  unitPrice: 'unit_price',
  quantity: 'qty',
  discountValue: 'discount_total',
  taxRate: 'tax_rate',
};

export interface ReplaceDealLineItemsInput {
  dealId: number;
  taxType: TaxType;
  /** the complete list, in order (parsed by lib/schemas/line-item.ts) */
  items: LineItemInputBody[];
}

interface ResolvedLine {
  id: number | undefined;
  data: {
    productId: number | null;
    name: string;
    description: string | null;
    unitPrice: bigint;
    quantity: string;
    discountType: DiscountType;
    discountValue: string;
    taxLabel: string | null;
    taxRate: string;
    unit: string | null;
    position: number;
  } & LineAmounts;
}

const li = tableAs('deal_line_items', 'li');
const d = tableAs('deals', 'd');

/**
 * A deal's line items as the change record shows them: every column in snake_case (as the
 * triggers' snapshots are), in the deal's order — a jsonb array (a scalar subquery).
 */
function lineItemsJson(dealId: number) {
  return sql`(
    SELECT coalesce(jsonb_agg(to_jsonb(${li.alias}) - 'created_at' - 'updated_at' ORDER BY ${li('position')}, ${li('id')}), '[]'::jsonb)
    FROM ${li.from} WHERE ${li('deal_id')} = ${dealId})`;
}

/** What a replace read before it wrote: the change record's event is made from it at the end. */
export interface LineItemsBefore {
  dealId: number;
  /** the list before the replace, as JSON text: it goes back into the event exactly as stored */
  items: string;
}

/**
 * Appends the `line_items.replaced` event (previous and new lists) when the deal's lines differ
 * from `before` now. dealboard_record_event takes the change record's lock, held until commit, so
 * this must be the LAST statement of the transaction (after every row lock it takes): a caller that
 * passed its transaction to replaceDealLineItems calls it itself, at its end.
 */
export async function recordLineItemsReplaced(tx: Prisma.TransactionClient, before: LineItemsBefore): Promise<void> {
  await executeStatement(
    tx,
    sql`
      SELECT dealboard_record_event('line_items.replaced', 'line_items', ${String(before.dealId)}::text, ${d('id')}, ${d('pipeline_id')},
               jsonb_build_object('line_items', jsonb_build_object('from', ${before.items}::jsonb, 'to', now_items.items)),
               jsonb_build_object('deal_id', ${d('id')}, 'line_items', now_items.items))
      FROM ${d.from}, LATERAL (SELECT ${lineItemsJson(before.dealId)} AS items) AS now_items
      WHERE ${d('id')} = ${before.dealId} AND now_items.items IS DISTINCT FROM ${before.items}::jsonb`,
  );
}

/**
 * Replaces a deal's line items with `items`, in one transaction: lines with an `id` of this deal are
 * updated, lines without one are added, the deal's other lines are deleted. Sets the deal's tax type,
 * its value to the lines' total (unless the list is now empty: then the value stays), and bumps its
 * version. 404 for a deleted or unknown deal; 422 (nothing written) for an `id` that is not a line of
 * this deal, an unknown product, a fixed discount over the line's subtotal, or amounts over 10^15.
 * The change record gets one `line_items.replaced` event when the lines changed: in its own
 * transaction this records it; in the caller's (`tx`), the caller must say who acts first and call
 * recordLineItemsReplaced(tx, result.before) last.
 */
export async function replaceDealLineItems({
  ctx,
  input,
  tx: outerTx,
}: {
  ctx: ServiceContext;
  input: ReplaceDealLineItemsInput & {
    /** the deal version the caller read: a different current version is a 412 and nothing changes */
    expectedVersion?: number | null;
  };
  /** the caller's transaction, to replace the lines together with other writes */
  tx?: Prisma.TransactionClient;
}) {
  const { dealId, taxType } = input;
  const work = async (tx: Prisma.TransactionClient) => {
    // writing the deal row first locks it: two replaces of one deal run one after the other
    const guard = input.expectedVersion != null ? { version: input.expectedVersion } : {};
    const locked = await tx.deal.updateMany({ where: { id: dealId, deletedAt: null, ...guard }, data: { taxType, version: { increment: 1 } } });
    if (locked.count === 0) {
      if (input.expectedVersion != null && (await tx.deal.count({ where: { id: dealId, deletedAt: null } })) > 0) {
        throw new AppError('precondition_failed', 'The deal changed since you read it; read it again and retry.');
      }
      throw new AppError('not_found', 'No deal with this ID exists.');
    }
    const deal = await tx.deal.findUniqueOrThrow({ where: { id: dealId }, select: { currency: true, ownerId: true } });
    // read under the deal's lock: no other replace of this deal runs in between
    const [itemsBefore] = await queryRows<{ items: string }>(tx, sql`SELECT ${lineItemsJson(dealId)}::text AS "items"`);
    const before: LineItemsBefore = { dealId, items: itemsBefore!.items };
    // refused after the lock, so the owner cannot change in between; the transaction undoes the lock's write
    await assertMayChangeDeal(ctx, deal, tx);

    const productIds = [...new Set(input.items.flatMap((item) => (item.product_id == null ? [] : [item.product_id])))];
    const products = productIds.length === 0 ? [] : await tx.product.findMany({ where: { id: { in: productIds } } });
    const productsById = new Map(products.map((p) => [p.id, p]));
    const existing = await tx.dealLineItem.findMany({ where: { dealId }, select: { id: true } });
    const existingIds = new Set(existing.map((row) => row.id));

    const problems: ErrorDetail[] = [];
    const lines: ResolvedLine[] = [];
    input.items.forEach((item, position) => {
      const at = (field: string) => `items.${position}.${field}`;
      if (item.id !== undefined && !existingIds.has(item.id)) {
        problems.push({ path: at('id'), message: 'No line item with this ID belongs to this deal' });
      }
      const product = item.product_id == null ? undefined : productsById.get(item.product_id);
      if (item.product_id != null && !product) {
        problems.push({ path: at('product_id'), message: 'No product with this ID exists' });
        return;
      }
      if (product && item.unit_price === undefined && product.currency !== deal.currency) {
        problems.push({
          path: at('unit_price'),
          message: `The product is priced in ${product.currency} but the deal is in ${deal.currency}; send unit_price`,
        });
        return;
      }
      // explicit fields win over the product's
      const unitPrice = item.unit_price !== undefined ? BigInt(item.unit_price) : product!.unitPrice;
      const taxRate = item.tax_rate !== undefined ? new Decimal(item.tax_rate).toFixed() : (product?.taxRate.toString() ?? '0');
      const quantity = new Decimal(item.qty).toFixed();
      const discountValue = new Decimal(item.discount_total).toFixed();
      let amounts: LineAmounts;
      try {
        amounts = computeLineItem({ unitPrice, quantity, discountType: item.discount_type, discountValue, taxRate }, taxType);
      } catch (error) {
        if (!(error instanceof LineItemInputError)) throw error;
        problems.push({ path: at(API_FIELD[error.field]), message: error.message });
        return;
      }
      if (amounts.subtotal > MAX_MINOR_UNITS || amounts.total > MAX_MINOR_UNITS) {
        problems.push({ path: at('qty'), message: 'The line comes to more than 10^15 minor units' });
        return;
      }
      lines.push({
        id: item.id,
        data: {
          productId: product?.id ?? null,
          name: item.name ?? product!.name,
          description: item.description ?? null,
          unitPrice,
          quantity,
          discountType: item.discount_type,
          discountValue,
          taxLabel: item.tax_label !== undefined ? item.tax_label : (product?.taxLabel ?? null),
          taxRate,
          unit: item.unit !== undefined ? item.unit : (product?.unit ?? null),
          position,
          ...amounts,
        },
      });
    });
    const totals = computeDealTotals(lines.map((line) => line.data));
    if (problems.length === 0 && totals.total > MAX_MINOR_UNITS) {
      problems.push({ path: 'items', message: 'The line items come to more than 10^15 minor units' });
    }
    if (problems.length > 0) {
      throw new AppError('unprocessable', 'The line items cannot be saved; nothing was changed.', problems);
    }

    const keptIds = lines.flatMap((line) => (line.id === undefined ? [] : [line.id]));
    await tx.dealLineItem.deleteMany({ where: { dealId, id: { notIn: keptIds } } });
    for (const line of lines) {
      if (line.id !== undefined) await tx.dealLineItem.update({ where: { id: line.id }, data: line.data });
    }
    const added = lines.filter((line) => line.id === undefined).map((line) => ({ ...line.data, dealId }));
    if (added.length > 0) await tx.dealLineItem.createMany({ data: added });
    if (lines.length > 0) await tx.deal.update({ where: { id: dealId }, data: { value: totals.total } });

    const items = await tx.dealLineItem.findMany({ where: { dealId }, orderBy: [{ position: 'asc' }, { id: 'asc' }] });
    return { taxType, items, totals, before };
  };
  if (outerTx) return work(outerTx);
  return db.$transaction(
    async (tx) => {
      await setChangeActor(tx, ctx);
      const replaced = await work(tx);
      await recordLineItemsReplaced(tx, replaced.before);
      return replaced;
    },
    { timeout: 30_000, maxWait: 10_000 },
  );
}
