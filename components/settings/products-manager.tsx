'use client';

import { useId, useState, type FormEvent } from 'react';
import { toast } from 'sonner';
import { createProductAction, deleteProductAction, updateProductAction, type ProductFormValues } from '@/lib/actions/products';
import { Button, EmptyState, inputClass, Spinner } from '@/components/deal/ui';
import { plainDecimal, toMajorString } from '@/lib/money/amount-input';
import { BoxIcon, PlusIcon } from '@/components/ui/icons';
import { formatMoney } from '@/lib/money/format-money';
import { ActionDialog, ModalDialog } from '@/components/ui/modal-dialog';
import { FieldError, withoutField, type FieldErrors } from './field-error';
import { TextField } from './text-field';
import { RowActions } from './row-actions';
import { useConfirmDelete } from './use-confirm-delete';
import { useHydrated } from '@/components/ui/use-hydrated';

/** A catalog product as the page shows it (price in minor units, as a decimal string). */
export interface SettingsProduct {
  id: string;
  name: string;
  sku: string | null;
  unitPrice: string;
  currency: string;
  taxRate: string;
  taxLabel: string | null;
  unit: string | null;
  description: string | null;
  active: boolean;
}

const EMPTY: ProductFormValues = { name: '', sku: '', unit_price: '', currency: 'USD', tax_rate: '', tax_label: '', unit: '', description: '', active: true };

const FIELDS = Object.keys(EMPTY);

function valuesOf(product: SettingsProduct): ProductFormValues {
  return {
    name: product.name,
    sku: product.sku ?? '',
    unit_price: toMajorString(product.unitPrice, product.currency),
    currency: product.currency,
    tax_rate: plainDecimal(product.taxRate),
    tax_label: product.taxLabel ?? '',
    unit: product.unit ?? '',
    description: product.description ?? '',
    active: product.active,
  };
}

/** The product catalog: a table, a dialog to add or edit a product, and deleting one. */
export function ProductsManager({ products, readOnly, truncatedAt }: { products: SettingsProduct[]; readOnly: boolean; truncatedAt: number | null }) {
  const [editing, setEditing] = useState<SettingsProduct | 'new' | null>(null);
  const deletion = useConfirmDelete(
    (product: SettingsProduct) => deleteProductAction(product.id),
    (product) => `Product “${product.name}” deleted`,
  );
  const hydrated = useHydrated();

  return (
    <section aria-labelledby="products-heading" className="space-y-3">
      <div className="flex flex-wrap items-end gap-2">
        <div className="min-w-0 flex-1">
          <h2 id="products-heading" className="text-base font-semibold text-slate-900">
            Products
          </h2>
          <p className="text-sm text-slate-600">
            What line items on deals pick from. Inactive products stay on existing deals but are not offered for new ones.
          </p>
        </div>
        {readOnly ? null : (
          <Button tone="primary" disabled={!hydrated} onClick={() => setEditing('new')}>
            <PlusIcon />
            New product
          </Button>
        )}
      </div>
      {products.length === 0 ? (
        <EmptyState icon={<BoxIcon className="h-8 w-8" />} title="No products yet">
          {readOnly ? 'A manager or admin adds them.' : 'Add the first product to offer it on deals’ line items.'}
        </EmptyState>
      ) : (
        <div className="overflow-x-auto rounded-xl border border-slate-200 bg-white shadow-sm">
          <table aria-label="Products" className="w-full min-w-[40rem] text-sm">
            <thead className="bg-slate-50 text-left text-xs uppercase tracking-wide text-slate-500">
              <tr>
                <th scope="col" className="px-3 py-2 font-medium">
                  Name
                </th>
                <th scope="col" className="px-3 py-2 text-right font-medium">
                  Unit price
                </th>
                <th scope="col" className="px-3 py-2 font-medium">
                  Tax
                </th>
                <th scope="col" className="px-3 py-2 font-medium">
                  Unit
                </th>
                <th scope="col" className="px-3 py-2 font-medium">
                  Status
                </th>
                {readOnly ? null : (
                  <th scope="col" className="px-3 py-2 font-medium">
                    <span className="sr-only">Actions</span>
                  </th>
                )}
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {products.map((product) => (
                <tr key={product.id} data-testid="product-row">
                  <td className="px-3 py-2">
                    <p className="font-medium text-slate-900">{product.name}</p>
                    {product.sku ? <p className="text-xs text-slate-500">SKU {product.sku}</p> : null}
                  </td>
                  <td className="px-3 py-2 text-right tabular-nums">{formatMoney(product.unitPrice, product.currency)}</td>
                  <td className="px-3 py-2 tabular-nums">
                    {plainDecimal(product.taxRate)}%{product.taxLabel ? ` ${product.taxLabel}` : ''}
                  </td>
                  <td className="px-3 py-2">{product.unit ?? <span className="text-slate-500">—</span>}</td>
                  <td className="px-3 py-2">
                    {product.active ? (
                      <span className="rounded-full bg-emerald-50 px-2 py-0.5 text-xs font-medium text-emerald-800 ring-1 ring-inset ring-emerald-200">
                        Active
                      </span>
                    ) : (
                      <span className="rounded-full bg-slate-100 px-2 py-0.5 text-xs font-medium text-slate-600 ring-1 ring-inset ring-slate-200">
                        Inactive
                      </span>
                    )}
                  </td>
                  {readOnly ? null : (
                    <RowActions
                      what={`product ${product.name}`}
                      hydrated={hydrated}
                      onEdit={() => setEditing(product)}
                      onDelete={() => deletion.ask(product)}
                    />
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {truncatedAt !== null ? <p className="text-xs text-slate-500">Showing the first {truncatedAt} products by name.</p> : null}
      <ModalDialog wide open={editing !== null} title={editing === 'new' ? 'New product' : `Edit “${editing?.name ?? ''}”`} onClose={() => setEditing(null)}>
        <div className="mt-3">{editing !== null ? <ProductForm product={editing === 'new' ? null : editing} onDone={() => setEditing(null)} /> : null}</div>
      </ModalDialog>
      <ActionDialog tone="danger" {...deletion.dialog} title={`Delete product “${deletion.target?.name ?? ''}”?`} submitLabel="Delete product">
        <p>It leaves the catalog for good. A product already on deals’ line items cannot be deleted; deactivate it instead.</p>
      </ActionDialog>
    </section>
  );
}

function ProductForm({ product, onDone }: { product: SettingsProduct | null; onDone: () => void }) {
  const [values, setValues] = useState<ProductFormValues>(product ? valuesOf(product) : EMPTY);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [pending, setPending] = useState(false);
  const id = useId();
  const set = (field: keyof ProductFormValues) => (value: string) => {
    setValues((v) => ({ ...v, [field]: value }));
    setErrors((e) => withoutField(e, field));
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (pending) return;
    setPending(true);
    const result = product ? await updateProductAction(product.id, values) : await createProductAction(values);
    setPending(false);
    if (result.ok) {
      toast.success(product ? `Product “${values.name.trim()}” saved` : `Product “${values.name.trim()}” added`);
      onDone();
      return;
    }
    const shown = Object.keys(result.fieldErrors).some((field) => FIELDS.includes(field));
    setErrors(shown ? result.fieldErrors : { _: [result.message] });
  };

  return (
    <form onSubmit={submit} noValidate aria-label={product ? 'Edit product' : 'New product'} className="grid grid-cols-2 gap-3 sm:grid-cols-4">
      <TextField label="Name" value={values.name} onValue={set('name')} errors={errors.name} maxLength={200} className="col-span-2 sm:col-span-3" autoFocus />
      <TextField label="SKU" value={values.sku} onValue={set('sku')} errors={errors.sku} maxLength={100} className="col-span-2 sm:col-span-1" />
      <TextField label="Unit price" value={values.unit_price} onValue={set('unit_price')} errors={errors.unit_price} inputMode="decimal" placeholder="120.00" />
      <TextField label="Currency" value={values.currency} onValue={set('currency')} errors={errors.currency} maxLength={3} placeholder="USD" />
      <TextField label="Tax rate (%)" value={values.tax_rate} onValue={set('tax_rate')} errors={errors.tax_rate} inputMode="decimal" placeholder="0" />
      <TextField label="Tax label" value={values.tax_label} onValue={set('tax_label')} errors={errors.tax_label} maxLength={100} placeholder="VAT" />
      <TextField
        label="Unit"
        value={values.unit}
        onValue={set('unit')}
        errors={errors.unit}
        maxLength={50}
        placeholder="seat"
        className="col-span-2 sm:col-span-1"
      />
      <div className="col-span-2 sm:col-span-3">
        <label htmlFor={`${id}-description`} className="mb-0.5 block text-[11px] font-medium text-slate-600">
          Description
        </label>
        <textarea
          id={`${id}-description`}
          value={values.description}
          maxLength={5000}
          rows={2}
          onChange={(e) => set('description')(e.target.value)}
          className={inputClass}
        />
        <FieldError id={`${id}-description-error`} messages={errors.description} />
      </div>
      <label className="col-span-2 flex items-center gap-2 text-sm text-slate-700 sm:col-span-4">
        <input type="checkbox" checked={values.active} onChange={(e) => setValues((v) => ({ ...v, active: e.target.checked }))} className="accent-blue-600" />
        Active (offered for new line items)
      </label>
      <div className="col-span-2 sm:col-span-4">
        <FieldError id={`${id}-form-error`} messages={errors._} />
        <div className="mt-1 flex justify-end gap-2">
          <Button onClick={onDone} disabled={pending}>
            Cancel
          </Button>
          <Button type="submit" tone="primary" disabled={pending}>
            {pending ? <Spinner /> : null}
            {product ? 'Save product' : 'Add product'}
          </Button>
        </div>
      </div>
    </form>
  );
}
