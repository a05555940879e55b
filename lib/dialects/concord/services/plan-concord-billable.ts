import 'server-only';
import { db, type Prisma } from '../../../db';
import { AppError, type ErrorDetail } from '../../../errors';
import type { DealLineItem, Product, TaxType } from '../../../generated/prisma/client';
import { computeDealTotals, computeLineItem, LineItemInputError, type LineItemField } from '../../../money/line-item-totals';
import type { ConcordBillableInput, ConcordProductInput } from '../schemas';
import type { CreateProductBody } from '../../../schemas/product';
import { MAX_LINE_ITEMS, type LineItemInputBody } from '../../../schemas/line-item';
import type { ServiceContext } from '../../../services/context';
import { canConfigureWorkspace } from '../../../services/permissions';
import { DECIMAL_PLACES, MAX_LINE_QUANTITY, MAX_MINOR_UNITS, MAX_PERCENT } from '../../../money/limits';
import { minorToMajorUnits } from '../../../money/major-units';
import { boundedDecimal, majorToMinor, type Checked } from './concord-numbers';

// A Concord billable request (products to add or update, removed_products, tax_type) merged into a
// deal's current line items, giving the complete list replaceDealLineItems saves. Everything a write
// could refuse is checked here first, with the same arithmetic (lib/money/line-item-totals.ts), so a
// request that passes is written whole and one that fails writes nothing.

export interface BillablePlan {
  taxType: TaxType;
  /** the deal's complete line list, in order: kept lines (with their id) then added ones */
  items: LineItemInputBody[];
  /** catalog products to create first; each one fills `product_id` of the items at `itemIndexes` */
  newProducts: { itemIndexes: number[]; input: CreateProductBody }[];
  /** what the lines come to: the deal's amount when there are lines */
  total: bigint;
  /** Concord path of each item in `items` (kept lines not in the request: the billable) */
  itemPaths: string[];
}

const FIELD_OF: Record<LineItemField, string> = { unitPrice: 'unit_price', quantity: 'qty', discountValue: 'discount_total', taxRate: 'tax_rate' };

/**
 * Plans the deal's lines. `pathPrefix` is where the products sit in the request ("billable." in a deal
 * body, "" for POST /deals/{id}/billable). 422 naming each bad field; 403 when a product must be added
 * to the catalog and the user may not (docs/decisions/003-permissions.md: prices are policy).
 */
export async function planConcordBillable({
  ctx,
  input,
  tx,
}: {
  ctx: ServiceContext;
  input: { currency: string; currentTaxType: TaxType; existing: DealLineItem[]; billable: ConcordBillableInput; pathPrefix: string };
  /** the caller's transaction, when planning inside one (every read must go through it then) */
  tx?: Prisma.TransactionClient;
}): Promise<BillablePlan> {
  const client = tx ?? db;
  const { currency, existing, billable, pathPrefix } = input;
  const taxType = billable.tax_type ?? input.currentTaxType;
  const products = billable.products ?? [];
  const problems: ErrorDetail[] = [];
  const at = (index: number, field: string) => `${pathPrefix}products.${index}.${field}`;
  const fail = (path: string, message: string) => problems.push({ path, message });

  const removed = new Set(billable.removed_products ?? []);
  const existingById = new Map(existing.map((line) => [line.id, line]));
  const updates = new Map<number, number>(); // line id → request index
  products.forEach((product, index) => {
    if (product.id === undefined) return;
    if (!existingById.has(product.id)) fail(at(index, 'id'), 'The selected :attribute is invalid.');
    else if (removed.has(product.id)) fail(at(index, 'id'), 'The :attribute field names a product that removed_products removes.');
    else if (updates.has(product.id)) fail(at(index, 'id'), `The :attribute field repeats ${pathPrefix}products.${updates.get(product.id)}.id.`);
    else updates.set(product.id, index);
  });

  // catalog products: by ID, or by name for products sent without one
  const catalogIds = [...new Set(products.flatMap((p) => (p.product_id == null ? [] : [p.product_id])))];
  const byName = products.filter((p) => p.id === undefined && p.product_id == null && p.name !== undefined).map((p) => p.name!);
  const [catalogById, catalogByName] = await Promise.all([
    catalogIds.length === 0
      ? new Map<number, Product>()
      : client.product.findMany({ where: { id: { in: catalogIds } } }).then((rows) => new Map(rows.map((p) => [p.id, p]))),
    findProductsByName(client, byName),
  ]);

  const items: LineItemInputBody[] = [];
  const itemPaths: string[] = [];
  const itemRequestIndex: (number | undefined)[] = [];
  const rates: number[] = []; // the tax rate each line will have (explicit, else its product's, else 0)
  const newProducts = new Map<string, { itemIndexes: number[]; input: CreateProductBody }>();

  const convert = (index: number, field: string, result: Checked<number | bigint>) => {
    if (!result.ok) fail(at(index, field), result.message);
    return result.ok ? Number(result.value) : undefined;
  };

  const build = (product: Partial<ConcordProductInput>, index: number, base: DealLineItem | undefined) => {
    const catalog = product.product_id == null ? undefined : catalogById.get(product.product_id);
    if (product.product_id != null && !catalog) fail(at(index, 'product_id'), 'The selected :attribute is invalid.');
    const name = product.name ?? base?.name;
    if (name === undefined) fail(at(index, 'name'), 'The :attribute field is required.');
    let unitPrice = base ? Number(base.unitPrice) : undefined;
    if (product.unit_price !== undefined) unitPrice = convert(index, 'unit_price', majorToMinor(product.unit_price, currency));
    else if (!base) fail(at(index, 'unit_price'), 'The :attribute field is required.');
    let qty = base ? Number(base.quantity.toString()) : 1;
    if (product.qty !== undefined)
      qty = convert(index, 'qty', boundedDecimal(product.qty, { min: 0, max: MAX_LINE_QUANTITY, places: DECIMAL_PLACES, exclusiveMin: true })) ?? qty;
    const discountType = product.discount_type ?? base?.discountType ?? 'percent';
    let discount = base && base.discountType === discountType ? Number(base.discountValue.toString()) : 0;
    if (product.discount_total !== undefined) {
      discount =
        (discountType === 'percent'
          ? convert(index, 'discount_total', boundedDecimal(product.discount_total, { min: 0, max: MAX_PERCENT, places: DECIMAL_PLACES }))
          : convert(index, 'discount_total', majorToMinor(product.discount_total, currency))) ?? 0;
    }
    let taxRate: number | undefined = base ? Number(base.taxRate.toString()) : undefined;
    if (product.tax_rate !== undefined)
      taxRate = convert(index, 'tax_rate', boundedDecimal(product.tax_rate, { min: 0, max: MAX_PERCENT, places: DECIMAL_PLACES }));
    const item: LineItemInputBody = {
      ...(base ? { id: base.id } : {}),
      product_id: product.product_id !== undefined ? product.product_id : (base?.productId ?? null),
      name,
      description: product.description !== undefined ? product.description : (base?.description ?? null),
      unit_price: unitPrice,
      qty,
      discount_type: discountType,
      discount_total: discount,
      tax_label: product.tax_label !== undefined ? product.tax_label : base?.taxLabel,
      tax_rate: taxRate,
      unit: product.unit !== undefined ? product.unit : base?.unit,
    };
    // a product named but not linked: the catalog product of that name, or a new one
    if (!base && product.product_id == null && name !== undefined) {
      const match = catalogByName.get(name.toLowerCase());
      if (match) item.product_id = match.id;
      else {
        const key = name.toLowerCase();
        const pending = newProducts.get(key) ?? {
          itemIndexes: [],
          input: {
            name,
            unit_price: unitPrice ?? 0,
            currency,
            tax_rate: taxRate ?? 0,
            tax_label: item.tax_label ?? null,
            unit: item.unit ?? null,
            description: item.description ?? null,
          },
        };
        pending.itemIndexes.push(items.length);
        newProducts.set(key, pending);
      }
    }
    const linked = item.product_id == null ? undefined : (catalogById.get(item.product_id) ?? catalogByName.get(name?.toLowerCase() ?? ''));
    // the native service fills unset fields from the linked product: plan with the same values
    rates.push(taxRate ?? (linked ? Number(linked.taxRate.toString()) : 0));
    items.push(item);
    itemPaths.push(base && updates.get(base.id) === undefined ? `${pathPrefix}products` : `${pathPrefix}products.${index}`);
    itemRequestIndex.push(base && updates.get(base.id) === undefined ? undefined : index);
  };

  for (const line of existing) {
    if (removed.has(line.id)) continue;
    const index = updates.get(line.id);
    build(index === undefined ? {} : products[index]!, index ?? -1, line);
  }
  products.forEach((product, index) => {
    if (product.id === undefined) build(product, index, undefined);
  });
  if (items.length > MAX_LINE_ITEMS) fail(`${pathPrefix}products`, `A deal can have at most ${MAX_LINE_ITEMS} products.`);

  let total = 0n;
  if (problems.length === 0) {
    const amounts = items.map((item, i) => {
      try {
        const line = computeLineItem(
          { unitPrice: item.unit_price!, quantity: item.qty, discountType: item.discount_type, discountValue: item.discount_total, taxRate: rates[i]! },
          taxType,
        );
        if (line.subtotal > MAX_MINOR_UNITS || line.total > MAX_MINOR_UNITS) {
          fail(itemPaths[i]!, `The product comes to more than ${minorToMajorUnits(MAX_MINOR_UNITS, currency)}.`);
        }
        return line;
      } catch (error) {
        if (!(error instanceof LineItemInputError)) throw error;
        const requestIndex = itemRequestIndex[i];
        const path = requestIndex === undefined ? itemPaths[i]! : at(requestIndex, FIELD_OF[error.field]);
        // the bounds above leave one refusal: a fixed discount over the line's subtotal
        fail(
          path,
          error.field === 'discountValue'
            ? "The :attribute field must not be greater than the product's subtotal (unit_price × qty)."
            : 'The :attribute field is invalid.',
        );
        return { subtotal: 0n, discount: 0n, tax: 0n, total: 0n };
      }
    });
    total = computeDealTotals(amounts).total;
    if (problems.length === 0 && total > MAX_MINOR_UNITS)
      fail(`${pathPrefix}products`, `The products come to more than ${minorToMajorUnits(MAX_MINOR_UNITS, currency)}.`);
  }
  if (problems.length > 0) throw new AppError('unprocessable', 'The products cannot be saved; nothing was changed.', problems);

  if (newProducts.size > 0 && !canConfigureWorkspace(ctx)) {
    const names = [...newProducts.values()].map((p) => `"${p.input.name}"`).join(', ');
    throw new AppError(
      'forbidden',
      `No catalog product is named ${names}, and only managers and admins can add products to the catalog; send the product_id of an existing product.`,
    );
  }
  return { taxType, items, newProducts: [...newProducts.values()], total, itemPaths };
}

/** Catalog products by name, case-insensitively (an active one first, then the oldest), keyed by lower-cased name. */
async function findProductsByName(client: Prisma.TransactionClient, names: string[]): Promise<Map<string, Product>> {
  if (names.length === 0) return new Map();
  const rows = await client.product.findMany({
    where: { name: { in: [...new Set(names)], mode: 'insensitive' } },
    orderBy: [{ active: 'desc' }, { id: 'asc' }],
  });
  const byName = new Map<string, Product>();
  for (const row of rows) if (!byName.has(row.name.toLowerCase())) byName.set(row.name.toLowerCase(), row);
  return byName;
}
