import Decimal from 'decimal.js';

// Exact line-item arithmetic (pure: no database, no floating point). Amounts are integer minor units
// (bigint); quantities, percents and rates are decimals. Each step works on the previous step's
// amount rounded half-up to the minor unit, so a line always adds up as shown:
//   subtotal = unit_price × qty
//   discount = subtotal × percent / 100, or the fixed amount
//   taxable  = subtotal − discount
//   exclusive: tax = taxable × rate / 100,                total = taxable + tax
//   inclusive: tax = taxable − taxable / (1 + rate / 100), total = taxable
//   no_tax:    tax = 0,                                    total = taxable
// A deal's totals are the sums of its rounded lines.

/** decimal.js with room for the largest amounts (10^15 minor units × 10^10 qty) and exact division. */
const D = Decimal.clone({ precision: 64, rounding: Decimal.ROUND_HALF_UP, toExpNeg: -64, toExpPos: 64 });
type Dec = InstanceType<typeof D>;

export type LineTaxType = 'exclusive' | 'inclusive' | 'no_tax';
export type LineDiscountType = 'percent' | 'fixed';

/** A decimal as a string ("7.5"), a finite number, a bigint, or a decimal object (Prisma's Decimal). */
export type DecimalInput = string | number | bigint | { toString(): string };

export interface LineItemInput {
  /** integer minor units */
  unitPrice: DecimalInput;
  /** > 0, any number of decimals */
  quantity: DecimalInput;
  discountType: LineDiscountType;
  /** percent (0–100) when discountType is percent; integer minor units (≤ subtotal) when fixed */
  discountValue: DecimalInput;
  /** percent, e.g. 7.5 */
  taxRate: DecimalInput;
}

export interface LineAmounts {
  subtotal: bigint;
  discount: bigint;
  tax: bigint;
  total: bigint;
}

export type LineItemField = 'unitPrice' | 'quantity' | 'discountValue' | 'taxRate';

/** An input no line can have (negative price, discount over the subtotal, …); `field` names it. */
export class LineItemInputError extends RangeError {
  override name = 'LineItemInputError';

  constructor(
    readonly field: LineItemField,
    message: string,
  ) {
    super(message);
  }
}

function toDecimal(value: DecimalInput, field: LineItemField): Dec {
  let result: Dec;
  try {
    result = typeof value === 'bigint' ? new D(value.toString()) : typeof value === 'number' ? new D(value) : new D(String(value));
  } catch {
    throw new LineItemInputError(field, `${field} is not a number`);
  }
  if (!result.isFinite()) throw new LineItemInputError(field, `${field} must be a finite number`);
  return result;
}

/** Rounds half-up (away from zero at exactly .5) to a whole minor unit. */
function roundMinor(value: Dec): bigint {
  return BigInt(value.toDecimalPlaces(0, D.ROUND_HALF_UP).toFixed(0));
}

/** The rounded amounts of one line under the deal's tax type. Throws LineItemInputError for impossible input. */
export function computeLineItem(input: LineItemInput, taxType: LineTaxType): LineAmounts {
  const unitPrice = toDecimal(input.unitPrice, 'unitPrice');
  const quantity = toDecimal(input.quantity, 'quantity');
  const discountValue = toDecimal(input.discountValue, 'discountValue');
  const taxRate = toDecimal(input.taxRate, 'taxRate');

  if (unitPrice.isNegative() || !unitPrice.isInteger()) {
    throw new LineItemInputError('unitPrice', 'The unit price must be a whole, non-negative number of minor units');
  }
  if (quantity.lte(0)) throw new LineItemInputError('quantity', 'The quantity must be greater than 0');
  if (taxRate.isNegative()) throw new LineItemInputError('taxRate', 'The tax rate must not be negative');
  if (discountValue.isNegative()) throw new LineItemInputError('discountValue', 'The discount must not be negative');

  const subtotal = roundMinor(unitPrice.times(quantity));

  let discount: bigint;
  if (input.discountType === 'percent') {
    if (discountValue.gt(100)) throw new LineItemInputError('discountValue', 'A percent discount must be at most 100');
    discount = roundMinor(new D(subtotal.toString()).times(discountValue).dividedBy(100));
  } else {
    if (!discountValue.isInteger()) throw new LineItemInputError('discountValue', 'A fixed discount must be a whole number of minor units');
    discount = BigInt(discountValue.toFixed(0));
    if (discount > subtotal) {
      throw new LineItemInputError('discountValue', `The fixed discount (${discount}) must not exceed the line subtotal (${subtotal})`);
    }
  }

  const taxable = subtotal - discount;
  if (taxType === 'no_tax' || taxRate.isZero()) return { subtotal, discount, tax: 0n, total: taxable };

  const taxableDecimal = new D(taxable.toString());
  if (taxType === 'exclusive') {
    const tax = roundMinor(taxableDecimal.times(taxRate).dividedBy(100));
    return { subtotal, discount, tax, total: taxable + tax };
  }
  // inclusive: the tax hidden in the taxable amount
  const net = taxableDecimal.dividedBy(taxRate.dividedBy(100).plus(1));
  const tax = roundMinor(taxableDecimal.minus(net));
  return { subtotal, discount, tax, total: taxable };
}

/** A deal's totals: the sums of its lines' rounded amounts. */
export function computeDealTotals(lines: readonly LineAmounts[]): LineAmounts {
  const totals: LineAmounts = { subtotal: 0n, discount: 0n, tax: 0n, total: 0n };
  for (const line of lines) {
    totals.subtotal += line.subtotal;
    totals.discount += line.discount;
    totals.tax += line.tax;
    totals.total += line.total;
  }
  return totals;
}

/**
 * The same discount the other way round, so switching between percent and amount keeps what the
 * line is discounted by: a percent becomes the amount it takes off the subtotal (rounded as
 * computeLineItem does); an amount becomes its percent of the subtotal, half-up to `percentPlaces`
 * decimals, at most 100. A line with nothing to discount (a zero subtotal) keeps a zero discount.
 * Answers the new discountValue: a decimal percent string, or integer minor units as a string.
 */
export function convertDiscount(
  input: Pick<LineItemInput, 'unitPrice' | 'quantity' | 'discountType' | 'discountValue'>,
  to: LineDiscountType,
  percentPlaces = 4,
): string {
  const value = toDecimal(input.discountValue, 'discountValue');
  if (input.discountType === to) return value.toFixed();
  const subtotal = roundMinor(toDecimal(input.unitPrice, 'unitPrice').times(toDecimal(input.quantity, 'quantity')));
  if (to === 'fixed') {
    const { discount } = computeLineItem({ ...input, discountType: 'percent', taxRate: 0 }, 'no_tax');
    return discount.toString();
  }
  if (subtotal <= 0n) return '0';
  const percent = value.times(100).dividedBy(subtotal.toString()).toDecimalPlaces(percentPlaces, D.ROUND_HALF_UP);
  return D.min(percent, 100).toFixed();
}
