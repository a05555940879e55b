'use server';

import { refresh } from 'next/cache';
import { runAction, type ActionResult } from './run-action';
import { getBrowserContext } from '../auth/get-browser-context';
import type { z } from 'zod';
import { AppError, isAppError, type ErrorDetail } from '../errors';
import { toPublicId } from '../ids';
import { createProductBody, updateProductBody } from '../schemas/product';
import { zodIssuesToDetails } from '../schemas/zod-details';
import { createProduct } from '../services/products/create-product';
import { deleteProduct } from '../services/products/delete-product';
import { updateProduct } from '../services/products/update-product';
import { parseMajorAmount } from '../money/amount-input';
import { idOf, numberFromText } from './action-input';

// The product catalog's writes: the form's text (price in major units, "7.5" percent) becomes the
// API's body, parsed by its schema; one service call; the page refreshes in the same response.

/** A product as the form holds it. */
export type ProductFormValues = {
  name: string;
  sku: string;
  unit_price: string;
  currency: string;
  tax_rate: string;
  tax_label: string;
  unit: string;
  description: string;
  active: boolean;
};

/**
 * The API body for the form's values, parsed by `schema`. Every problem is reported at once: the
 * price (read here, in the currency's minor units) and whatever the schema refuses, so the form
 * shows all its errors in one round.
 */
function parseProductForm<S extends typeof createProductBody | typeof updateProductBody>(schema: S, values: ProductFormValues): z.output<S> {
  const currency = (values.currency ?? '').trim() || 'USD';
  const body: Record<string, unknown> = {
    name: values.name,
    sku: values.sku,
    currency,
    tax_rate: (values.tax_rate ?? '').trim() === '' ? 0 : numberFromText(values.tax_rate),
    tax_label: values.tax_label,
    unit: values.unit,
    description: values.description,
    active: values.active,
  };
  const problems: ErrorDetail[] = [];
  // the price in the currency's minor units, exactly; only a valid currency says how many digits
  const price = parseMajorAmount(String(values.unit_price ?? ''), /^[A-Za-z]{3}$/.test(currency) ? currency : 'USD', { blank: null });
  if (!price.ok) problems.push({ path: 'unit_price', message: price.message });
  else if (price.value === null) problems.push({ path: 'unit_price', message: 'Enter the unit price, such as 120 or 99.90' });
  body.unit_price = price.ok && price.value !== null ? Number(price.value) : 0;
  const parsed = schema.safeParse(body);
  if (!parsed.success) problems.push(...zodIssuesToDetails(parsed.error.issues));
  if (problems.length > 0) throw new AppError('validation_failed', problems[0]!.message, problems);
  return parsed.data as z.output<S>;
}

export async function createProductAction(values: ProductFormValues): Promise<ActionResult<{ id: string }>> {
  return runAction(async () => {
    const body = parseProductForm(createProductBody, values);
    const ctx = await getBrowserContext();
    const product = await createProduct({ ctx, input: body });
    refresh();
    return { id: toPublicId('product', product.id) };
  });
}

export async function updateProductAction(productId: string, values: ProductFormValues): Promise<ActionResult<null>> {
  return runAction(async () => {
    const id = idOf('product', productId, 'product');
    const body = parseProductForm(updateProductBody, values);
    const ctx = await getBrowserContext();
    await updateProduct({ ctx, input: { productId: id, changes: body } });
    refresh();
    return null;
  });
}

/** Removes a product no line item uses; one in use is refused with a hint to deactivate it. */
export async function deleteProductAction(productId: string): Promise<ActionResult<null>> {
  return runAction(async () => {
    const id = idOf('product', productId, 'product');
    const ctx = await getBrowserContext();
    try {
      await deleteProduct({ ctx, input: { productId: id } });
    } catch (error) {
      // the service words its hint for the API (PATCH {"active": false}); say it the page's way
      if (isAppError(error) && error.code === 'conflict') {
        throw new AppError('conflict', error.message.replace(/ with PATCH .*$/, ': edit it and untick “Active”.'));
      }
      throw error;
    }
    refresh();
    return null;
  });
}
