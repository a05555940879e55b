'use client';

import { useId, useMemo, useState } from 'react';
import { toast } from 'sonner';
import { formatMoney } from '@/lib/money/format-money';
import { computeDealTotals, computeLineItem, convertDiscount, LineItemInputError, type LineAmounts } from '@/lib/money/line-item-totals';
import { replaceLineItemsAction } from '@/lib/actions/deal';
import { parseDecimal, parseMajorAmount, plainDecimal, toMajorString } from '@/lib/money/amount-input';
import { DECIMAL_PLACES, MAX_LINE_QUANTITY, MAX_MINOR_UNITS, MAX_PERCENT } from '@/lib/money/limits';
import { SearchPicker } from './search-picker';
import type { DealWorkspaceData, DiscountType, LineItemData, ProductOption, TaxType } from './types';
import { BoxIcon, Button, Card, EmptyState, inputClass, PlusIcon, Spinner, TrashIcon } from './ui';
import { useDealMutations } from './use-deal-mutations';

// The deal's products: pick from the catalog or type a free item; quantity, unit price, a percent or
// fixed discount and a tax rate per line; one tax type (exclusive, inclusive, no tax) for the deal.
// Every line's subtotal, discount, tax and total — and the deal's — are computed as you type by the
// same code the server saves with (lib/money/line-item-totals.ts), on exact minor units (bigint) and
// decimals; money is typed and shown in major units. Save replaces the deal's list; the deal's value
// becomes the total. A viewer who may not change the deal gets LineItemsView: the saved lines and
// the amounts the server computed, without inputs.

type Field = 'name' | 'qty' | 'unitPrice' | 'discount' | 'taxRate';

interface DraftLine {
  key: string;
  /** li_… of a saved line (kept on save), absent for a new one */
  id?: string;
  productId: string | null;
  /** the catalog price's currency when it differs from the deal's */
  productCurrency?: string;
  name: string;
  description: string | null;
  qty: string;
  unitPrice: string;
  discountType: DiscountType;
  discount: string;
  taxRate: string;
  taxLabel: string | null;
  unit: string | null;
}

interface Evaluated {
  amounts: LineAmounts | null;
  errors: Partial<Record<Field, string>>;
  body: LineBody | null;
}

interface LineBody {
  id?: string;
  product_id: string | null;
  name: string;
  description: string | null;
  unit_price: number;
  qty: number;
  discount_type: DiscountType;
  discount_total: number;
  tax_rate: number;
  tax_label: string | null;
  unit: string | null;
}

const TAX_TYPES: { value: TaxType; label: string }[] = [
  { value: 'exclusive', label: 'Tax exclusive' },
  { value: 'inclusive', label: 'Tax inclusive' },
  { value: 'no_tax', label: 'No tax' },
];

let keySeq = 0;
const newKey = () => `new-${++keySeq}`;

function draftOf(item: LineItemData, currency: string): DraftLine {
  return {
    key: item.id,
    id: item.id,
    productId: item.productId,
    name: item.name,
    description: item.description,
    qty: plainDecimal(item.quantity),
    unitPrice: toMajorString(item.unitPrice, currency),
    discountType: item.discountType,
    discount: item.discountType === 'fixed' ? toMajorString(BigInt(plainDecimal(item.discountValue)), currency) : plainDecimal(item.discountValue),
    taxRate: plainDecimal(item.taxRate),
    taxLabel: item.taxLabel,
    unit: item.unit,
  };
}

/**
 * Switching a line's discount between percent and amount converts what is typed (10 % of a 200.00
 * line becomes 20.00, and back), so the discount is never silently lost. A discount that cannot be
 * read yet, or a line without a price and quantity to convert against, keeps its text as typed.
 */
function switchDiscountType(line: DraftLine, to: DiscountType, currency: string): Partial<DraftLine> {
  if (to === line.discountType) return {};
  const qty = parseDecimal(line.qty, { label: 'quantity', min: 0, exclusiveMin: true, max: MAX_LINE_QUANTITY, places: DECIMAL_PLACES });
  const price = parseMajorAmount(line.unitPrice, currency, { blank: null });
  const discount =
    line.discountType === 'percent'
      ? parseDecimal(line.discount.trim() === '' ? '0' : line.discount, { label: 'discount', min: 0, max: MAX_PERCENT, places: DECIMAL_PLACES })
      : parseMajorAmount(line.discount, currency);
  if (!qty.ok || !price.ok || price.value === null || !discount.ok || discount.value === null) return { discountType: to };
  try {
    const value = convertDiscount(
      { unitPrice: price.value, quantity: qty.value, discountType: line.discountType, discountValue: discount.value },
      to,
      DECIMAL_PLACES,
    );
    return { discountType: to, discount: to === 'fixed' ? toMajorString(value, currency) : value };
  } catch (error) {
    if (error instanceof LineItemInputError) return { discountType: to };
    throw error;
  }
}

function evaluate(line: DraftLine, currency: string, taxType: TaxType): Evaluated {
  const errors: Evaluated['errors'] = {};
  const name = line.name.trim();
  if (name === '') errors.name = 'Enter the item’s name';
  else if (name.length > 255) errors.name = 'At most 255 characters';
  const qty = parseDecimal(line.qty, { label: 'quantity', min: 0, exclusiveMin: true, max: MAX_LINE_QUANTITY, places: DECIMAL_PLACES });
  if (!qty.ok) errors.qty = qty.message;
  const price = parseMajorAmount(line.unitPrice, currency, { blank: null });
  if (!price.ok) errors.unitPrice = price.message;
  else if (price.value === null) errors.unitPrice = 'Enter the unit price';
  let discountValue: string | bigint = '0';
  if (line.discountType === 'percent') {
    const percent =
      line.discount.trim() === ''
        ? ({ ok: true, value: '0' } as const)
        : parseDecimal(line.discount, { label: 'discount', min: 0, max: MAX_PERCENT, places: DECIMAL_PLACES });
    if (!percent.ok) errors.discount = percent.message;
    else discountValue = percent.value;
  } else {
    const amount = parseMajorAmount(line.discount, currency);
    if (!amount.ok) errors.discount = amount.message;
    else discountValue = amount.value ?? 0n;
  }
  const rate =
    line.taxRate.trim() === ''
      ? ({ ok: true, value: '0' } as const)
      : parseDecimal(line.taxRate, { label: 'tax rate', min: 0, max: MAX_PERCENT, places: DECIMAL_PLACES });
  if (!rate.ok) errors.taxRate = rate.message;

  if (!qty.ok || !price.ok || price.value === null || errors.discount || !rate.ok) return { amounts: null, errors, body: null };
  let amounts: LineAmounts;
  try {
    amounts = computeLineItem({ unitPrice: price.value, quantity: qty.value, discountType: line.discountType, discountValue, taxRate: rate.value }, taxType);
  } catch (error) {
    if (!(error instanceof LineItemInputError)) throw error;
    const field: Field =
      error.field === 'discountValue' ? 'discount' : error.field === 'taxRate' ? 'taxRate' : error.field === 'quantity' ? 'qty' : 'unitPrice';
    errors[field] = error.field === 'discountValue' && line.discountType === 'fixed' ? 'The discount is more than the line’s subtotal' : error.message;
    return { amounts: null, errors, body: null };
  }
  if (amounts.subtotal > MAX_MINOR_UNITS || amounts.total > MAX_MINOR_UNITS) {
    errors.qty = 'This line comes to more than the largest amount a deal can hold';
    return { amounts: null, errors, body: null };
  }
  if (errors.name) return { amounts, errors, body: null };
  return {
    amounts,
    errors,
    body: {
      ...(line.id ? { id: line.id } : {}),
      product_id: line.productId,
      name,
      description: line.description,
      unit_price: Number(price.value),
      qty: Number(qty.value),
      discount_type: line.discountType,
      discount_total: line.discountType === 'percent' ? Number(discountValue) : Number(discountValue as bigint),
      tax_rate: Number(rate.value),
      tax_label: line.taxLabel,
      unit: line.unit,
    },
  };
}

/** Server field paths ("items.2.qty") → the editor's fields of that line. */
const SERVER_FIELD: Record<string, Field> = {
  name: 'name',
  qty: 'qty',
  unit_price: 'unitPrice',
  discount_total: 'discount',
  tax_rate: 'taxRate',
  product_id: 'name',
  id: 'name',
};

export function LineItemsEditor({ data }: { data: DealWorkspaceData }) {
  const { deal } = data;
  const currency = deal.currency;
  const initialLines = useMemo(() => data.lineItems.map((item) => draftOf(item, currency)), [data.lineItems, currency]);
  const [lines, setLines] = useState<DraftLine[]>(initialLines);
  const [taxType, setTaxType] = useState<TaxType>(deal.taxType);
  const [serverErrors, setServerErrors] = useState<Record<string, Partial<Record<Field, string>>>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [showErrors, setShowErrors] = useState(false);
  const [saving, setSaving] = useState(false);
  const { dealId, run } = useDealMutations();
  const taxTypeId = useId();

  const evaluated = lines.map((line) => evaluate(line, currency, taxType));
  const allValid = evaluated.every((e) => e.body !== null);
  const totals = allValid ? computeDealTotals(evaluated.map((e) => e.amounts!)) : null;
  const dirty = taxType !== deal.taxType || JSON.stringify(lines) !== JSON.stringify(initialLines);

  const update = (key: string, patch: Partial<DraftLine>) => {
    setLines((current) => current.map((line) => (line.key === key ? { ...line, ...patch } : line)));
    setServerErrors((current) => {
      if (!current[key]) return current;
      const next = { ...current };
      delete next[key];
      return next;
    });
    setFormError(null);
  };

  const addProduct = (product: ProductOption) => {
    setLines((current) => [
      ...current,
      {
        key: newKey(),
        productId: product.id,
        productCurrency: product.currency !== currency ? product.currency : undefined,
        name: product.name,
        description: null,
        qty: '1',
        unitPrice: toMajorString(product.unitPrice, product.currency),
        discountType: 'percent',
        discount: '0',
        taxRate: plainDecimal(product.taxRate),
        taxLabel: product.taxLabel,
        unit: product.unit,
      },
    ]);
  };

  const addFreeItem = () => {
    setLines((current) => [
      ...current,
      {
        key: newKey(),
        productId: null,
        name: '',
        description: null,
        qty: '1',
        unitPrice: '',
        discountType: 'percent',
        discount: '0',
        taxRate: '0',
        taxLabel: null,
        unit: null,
      },
    ]);
  };

  const discard = () => {
    setLines(initialLines);
    setTaxType(deal.taxType);
    setServerErrors({});
    setFormError(null);
    setShowErrors(false);
  };

  const save = async () => {
    setShowErrors(true);
    if (!allValid) {
      setFormError('Fix the highlighted fields, then save.');
      return;
    }
    setSaving(true);
    setFormError(null);
    const body = { tax_type: taxType, items: evaluated.map((e) => e.body!) };
    const result = await run((version) => replaceLineItemsAction(dealId, version, body));
    setSaving(false);
    if (result.ok) {
      setServerErrors({});
      setShowErrors(false);
      toast.success('Products saved — the deal value is now their total');
      return;
    }
    const byLine: Record<string, Partial<Record<Field, string>>> = {};
    for (const [path, messages] of Object.entries(result.fieldErrors)) {
      const match = /^items\.(\d+)\.(\w+)$/.exec(path);
      const line = match ? lines[Number(match[1])] : undefined;
      if (match && line) byLine[line.key] = { ...byLine[line.key], [SERVER_FIELD[match[2]!] ?? 'name']: messages.join(' ') };
    }
    setServerErrors(byLine);
    setFormError(result.message);
  };

  // after a save the page re-renders with the saved lines: start from them (keyed by the saved list)
  const catalog = data.products;
  const searchCatalog = (q: string) => {
    const words = q.toLowerCase().split(/\s+/).filter(Boolean);
    return catalog
      .filter((p) => words.every((w) => p.name.toLowerCase().includes(w) || (p.sku ?? '').toLowerCase().includes(w)))
      .map((p) => ({ id: p.id, name: p.name, detail: `${formatMoney(p.unitPrice, p.currency)}${p.unit ? ` / ${p.unit}` : ''}${p.sku ? ` · ${p.sku}` : ''}` }));
  };

  return (
    <Card
      label="Products"
      id="products"
      title={<ProductsTitle count={lines.length} />}
      actions={
        <>
          <label htmlFor={taxTypeId} className="sr-only">
            Tax
          </label>
          <select
            id={taxTypeId}
            value={taxType}
            onChange={(e) => setTaxType(e.target.value as TaxType)}
            className={`${inputClass} h-8 w-auto py-1`}
            aria-label="Tax type"
          >
            {TAX_TYPES.map((t) => (
              <option key={t.value} value={t.value}>
                {t.label}
              </option>
            ))}
          </select>
        </>
      }
    >
      <div className="@container">
        {lines.length === 0 ? (
          <EmptyState icon={<BoxIcon className="h-8 w-8" />} title="No products on this deal">
            Add products from the catalog or type a custom item; the deal’s value then follows their total.
          </EmptyState>
        ) : (
          <ol aria-label="Line items" className="-mt-3 divide-y divide-slate-100">
            {lines.map((line, index) => (
              <LineRow
                key={line.key}
                index={index}
                line={line}
                evaluated={evaluated[index]!}
                serverErrors={serverErrors[line.key] ?? {}}
                showErrors={showErrors}
                currency={currency}
                taxType={taxType}
                onChange={(patch) => update(line.key, patch)}
                onRemove={() => setLines((current) => current.filter((l) => l.key !== line.key))}
              />
            ))}
          </ol>
        )}
        <div className="mt-3 flex flex-wrap items-start gap-2">
          <SearchPicker
            label="Add product from catalog"
            placeholder="Add a product from the catalog…"
            search={searchCatalog}
            emptyText="No product matches"
            onPick={(hit) => {
              const product = catalog.find((p) => p.id === hit.id);
              if (product) addProduct(product);
            }}
            className="w-full @md:w-72"
          />
          <Button onClick={addFreeItem}>
            <PlusIcon className="h-3.5 w-3.5" /> Custom item
          </Button>
        </div>

        {lines.length > 0 || dirty ? (
          <div className="mt-4 flex flex-col gap-3 border-t border-slate-100 pt-3 @xl:flex-row @xl:items-start @xl:justify-between">
            <div className="order-2 flex flex-wrap items-center gap-2 @xl:order-1">
              <Button tone="primary" onClick={save} disabled={!dirty || saving}>
                {saving ? <Spinner /> : null} Save products
              </Button>
              <Button tone="ghost" onClick={discard} disabled={!dirty || saving}>
                Discard changes
              </Button>
              {dirty && !saving ? <span className="text-xs text-amber-700">Unsaved changes</span> : null}
              {formError ? (
                <p role="alert" className="w-full text-sm text-red-600">
                  {formError}
                </p>
              ) : null}
            </div>
            <dl data-testid="line-totals" aria-label="Totals" className="order-1 grid min-w-56 grid-cols-[1fr_auto] gap-x-6 gap-y-0.5 text-sm @xl:order-2">
              <dt className="text-slate-500">Subtotal</dt>
              <dd data-testid="total-subtotal" className="text-right tabular-nums">
                {totals ? formatMoney(totals.subtotal, currency) : '—'}
              </dd>
              <dt className="text-slate-500">Discount</dt>
              <dd data-testid="total-discount" className="text-right tabular-nums">
                {totals ? `${totals.discount > 0n ? '−' : ''}${formatMoney(totals.discount, currency)}` : '—'}
              </dd>
              <dt className="text-slate-500">{taxType === 'inclusive' ? 'Tax (included)' : taxType === 'no_tax' ? 'Tax (none)' : 'Tax'}</dt>
              <dd data-testid="total-tax" className="text-right tabular-nums">
                {totals ? formatMoney(totals.tax, currency) : '—'}
              </dd>
              <dt className="border-t border-slate-200 pt-1 font-semibold text-slate-900">Total</dt>
              <dd data-testid="total-total" className="border-t border-slate-200 pt-1 text-right font-semibold tabular-nums text-slate-900">
                {totals ? formatMoney(totals.total, currency) : '—'}
              </dd>
            </dl>
          </div>
        ) : null}
      </div>
    </Card>
  );
}

function ProductsTitle({ count }: { count: number }) {
  return (
    <span className="inline-flex items-center gap-1.5">
      <BoxIcon className="h-4 w-4 text-slate-500" />
      Products {count > 0 ? <span className="font-normal text-slate-500">({count})</span> : null}
    </span>
  );
}

/** The deal's products as saved, for a viewer who may not change them (data.viewOnly). */
export function LineItemsView({ data }: { data: DealWorkspaceData }) {
  const { deal, lineItems, lineTotals } = data;
  const currency = deal.currency;
  const taxType = deal.taxType;
  return (
    <Card
      label="Products"
      id="products"
      title={<ProductsTitle count={lineItems.length} />}
      actions={<span className="text-xs text-slate-500">{TAX_TYPES.find((t) => t.value === taxType)?.label}</span>}
    >
      {lineItems.length === 0 ? (
        <EmptyState icon={<BoxIcon className="h-8 w-8" />} title="No products on this deal" />
      ) : (
        <>
          <ol aria-label="Line items" className="-mt-3 divide-y divide-slate-100">
            {lineItems.map((item, index) => {
              const discount = BigInt(item.discount);
              return (
                <li key={item.id} data-testid="line-item" aria-label={`Line ${index + 1}: ${item.name}`} className="py-3">
                  <div className="flex items-start justify-between gap-3">
                    <div className="min-w-0">
                      <p className="font-medium wrap-anywhere text-slate-900">{item.name}</p>
                      <p className="text-xs text-slate-500 tabular-nums">
                        {plainDecimal(item.quantity)} × {formatMoney(item.unitPrice, currency)}
                        {item.unit ? ` per ${item.unit}` : ''} · {item.productId ? 'From the catalog' : 'Custom item'}
                      </p>
                    </div>
                    <span data-testid="line-total" className="shrink-0 font-semibold tabular-nums text-slate-900">
                      {formatMoney(item.total, currency)}
                    </span>
                  </div>
                  <p data-testid="line-breakdown" className="mt-1 text-xs text-slate-500 tabular-nums">
                    Subtotal {formatMoney(item.subtotal, currency)}
                    {discount > 0n ? (
                      <>
                        {' '}
                        · Discount −{formatMoney(discount, currency)}
                        {item.discountType === 'percent' ? ` (${plainDecimal(item.discountValue)} %)` : ''}
                      </>
                    ) : null}
                    {taxType !== 'no_tax' ? (
                      <>
                        {' '}
                        · {item.taxLabel ?? 'Tax'} {plainDecimal(item.taxRate)} % {formatMoney(item.tax, currency)}
                        {taxType === 'inclusive' ? ' (included)' : ''}
                      </>
                    ) : null}
                  </p>
                </li>
              );
            })}
          </ol>
          <div className="mt-1 flex justify-end border-t border-slate-100 pt-3">
            <dl data-testid="line-totals" aria-label="Totals" className="grid w-full grid-cols-[1fr_auto] gap-x-6 gap-y-0.5 text-sm sm:w-auto sm:min-w-56">
              <dt className="text-slate-500">Subtotal</dt>
              <dd data-testid="total-subtotal" className="text-right tabular-nums">
                {formatMoney(lineTotals.subtotal, currency)}
              </dd>
              <dt className="text-slate-500">Discount</dt>
              <dd data-testid="total-discount" className="text-right tabular-nums">
                {BigInt(lineTotals.discount) > 0n ? '−' : ''}
                {formatMoney(lineTotals.discount, currency)}
              </dd>
              <dt className="text-slate-500">{taxType === 'inclusive' ? 'Tax (included)' : taxType === 'no_tax' ? 'Tax (none)' : 'Tax'}</dt>
              <dd data-testid="total-tax" className="text-right tabular-nums">
                {formatMoney(lineTotals.tax, currency)}
              </dd>
              <dt className="border-t border-slate-200 pt-1 font-semibold text-slate-900">Total</dt>
              <dd data-testid="total-total" className="border-t border-slate-200 pt-1 text-right font-semibold tabular-nums text-slate-900">
                {formatMoney(lineTotals.total, currency)}
              </dd>
            </dl>
          </div>
        </>
      )}
    </Card>
  );
}

function LineRow({
  index,
  line,
  evaluated,
  serverErrors,
  showErrors,
  currency,
  taxType,
  onChange,
  onRemove,
}: {
  index: number;
  line: DraftLine;
  evaluated: Evaluated;
  serverErrors: Partial<Record<Field, string>>;
  showErrors: boolean;
  currency: string;
  taxType: TaxType;
  onChange: (patch: Partial<DraftLine>) => void;
  onRemove: () => void;
}) {
  const id = useId();
  const [touched, setTouched] = useState<Partial<Record<Field, boolean>>>({});
  const errorOf = (field: Field) => serverErrors[field] ?? (showErrors || touched[field] ? evaluated.errors[field] : undefined);
  const fieldProps = (field: Field) => {
    const error = errorOf(field);
    return {
      id: `${id}-${field}`,
      'aria-invalid': error ? true : undefined,
      'aria-describedby': error ? `${id}-${field}-error` : undefined,
      onBlur: () => setTouched((t) => ({ ...t, [field]: true })),
    };
  };
  const a = evaluated.amounts;
  const errors = (['name', 'qty', 'unitPrice', 'discount', 'taxRate'] as Field[]).flatMap((f) => {
    const message = errorOf(f);
    return message ? [{ f, message }] : [];
  });
  const cell = 'flex min-w-0 flex-col gap-0.5';
  const label = 'text-xs text-slate-500';
  return (
    <li data-testid="line-item" aria-label={`Line ${index + 1}${line.name ? `: ${line.name}` : ''}`} className="py-3">
      <div className="flex items-start gap-2">
        <div className={`${cell} flex-1`}>
          <input
            {...fieldProps('name')}
            aria-label="Item name"
            value={line.name}
            maxLength={255}
            placeholder="Item name"
            onChange={(e) => onChange({ name: e.target.value })}
            className={`${inputClass} font-medium`}
          />
          <span className="truncate text-xs text-slate-500">
            {line.productId ? 'From the catalog' : 'Custom item'}
            {line.unit ? ` · per ${line.unit}` : ''}
            {line.productCurrency ? ` · catalog price in ${line.productCurrency}` : ''}
          </span>
        </div>
        <Button
          tone="ghost"
          size="icon"
          onClick={onRemove}
          aria-label={`Remove ${line.name || `line ${index + 1}`}`}
          className="text-slate-500 hover:text-red-600"
        >
          <TrashIcon className="h-4 w-4" />
        </Button>
      </div>
      <div className="mt-1.5 grid grid-cols-2 gap-x-2 gap-y-1.5 @xl:grid-cols-[4.5rem_minmax(0,1fr)_minmax(0,1.25fr)_4.5rem_minmax(6.5rem,auto)] @xl:items-end">
        <div className={cell}>
          <label htmlFor={`${id}-qty`} className={label}>
            Qty
          </label>
          <input
            {...fieldProps('qty')}
            aria-label="Quantity"
            inputMode="decimal"
            value={line.qty}
            onChange={(e) => onChange({ qty: e.target.value })}
            className={`${inputClass} text-right tabular-nums`}
          />
        </div>
        <div className={cell}>
          <label htmlFor={`${id}-unitPrice`} className={label}>
            Unit price ({currency})
          </label>
          <input
            {...fieldProps('unitPrice')}
            aria-label="Unit price"
            inputMode="decimal"
            value={line.unitPrice}
            placeholder="0.00"
            onChange={(e) => onChange({ unitPrice: e.target.value })}
            className={`${inputClass} text-right tabular-nums`}
          />
        </div>
        <div className={cell}>
          <label htmlFor={`${id}-discount`} className={label}>
            Discount
          </label>
          <div className="flex min-w-0">
            <input
              {...fieldProps('discount')}
              aria-label="Discount"
              inputMode="decimal"
              value={line.discount}
              onChange={(e) => onChange({ discount: e.target.value })}
              className={`${inputClass} rounded-r-none text-right tabular-nums`}
            />
            <select
              aria-label="Discount type"
              value={line.discountType}
              onChange={(e) => onChange(switchDiscountType(line, e.target.value as DiscountType, currency))}
              className="-ml-px shrink-0 rounded-r-md border border-slate-300 bg-slate-50 px-1.5 text-sm text-slate-700 focus:border-blue-500 focus:outline-none focus:ring-2 focus:ring-blue-500/30"
            >
              <option value="percent">%</option>
              <option value="fixed">{currency}</option>
            </select>
          </div>
        </div>
        <div className={cell}>
          <label htmlFor={`${id}-taxRate`} className={label}>
            Tax %
          </label>
          <input
            {...fieldProps('taxRate')}
            aria-label="Tax rate"
            inputMode="decimal"
            value={line.taxRate}
            disabled={taxType === 'no_tax'}
            title={taxType === 'no_tax' ? 'The deal has no tax' : undefined}
            onChange={(e) => onChange({ taxRate: e.target.value })}
            className={`${inputClass} text-right tabular-nums`}
          />
        </div>
        <div className="col-span-2 flex items-baseline justify-between gap-2 border-t border-dashed border-slate-200 pt-1.5 @xl:col-span-1 @xl:flex-col @xl:items-end @xl:gap-0.5 @xl:border-0 @xl:pt-0">
          <span className={label}>Line total</span>
          <span data-testid="line-total" className="py-1 font-semibold tabular-nums text-slate-900">
            {a ? formatMoney(a.total, currency) : '—'}
          </span>
        </div>
      </div>
      <p data-testid="line-breakdown" className="mt-1 text-xs text-slate-500 tabular-nums">
        {a ? (
          <>
            Subtotal {formatMoney(a.subtotal, currency)}
            {a.discount > 0n ? <> · Discount −{formatMoney(a.discount, currency)}</> : null}
            {taxType !== 'no_tax' ? (
              <>
                {' '}
                · {line.taxLabel ?? 'Tax'} {formatMoney(a.tax, currency)}
                {taxType === 'inclusive' ? ' (included)' : ''}
              </>
            ) : null}
          </>
        ) : (
          'Totals appear once the line is complete.'
        )}
      </p>
      {errors.length > 0 ? (
        <ul className="mt-1 space-y-0.5">
          {errors.map(({ f, message }) => (
            <li key={f} id={`${id}-${f}-error`} role="alert" className="text-xs text-red-600">
              {message}
            </li>
          ))}
        </ul>
      ) : null}
    </li>
  );
}
