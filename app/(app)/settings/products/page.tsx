import type { Metadata } from 'next';
import { getBrowserContext } from '@/lib/auth/get-browser-context';
import { toPublicId } from '@/lib/ids';
import { canConfigureWorkspace } from '@/lib/services/permissions';
import { listProducts } from '@/lib/services/products/list-products';
import { ProductsManager, type SettingsProduct } from '@/components/settings/products-manager';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Products · Settings' };

const SHOWN = 200;

// /settings/products – the product catalog: list, add, edit, delete
export default async function ProductsSettingsPage() {
  const ctx = await getBrowserContext();
  const { rows, hasMore } = await listProducts({ ctx, input: { limit: SHOWN, sort: 'name' } });
  const products: SettingsProduct[] = rows.map((p) => ({
    id: toPublicId('product', p.id),
    name: p.name,
    sku: p.sku,
    unitPrice: p.unitPrice.toString(),
    currency: p.currency,
    taxRate: p.taxRate.toString(),
    taxLabel: p.taxLabel,
    unit: p.unit,
    description: p.description,
    active: p.active,
  }));
  return (
    <div className="mx-auto max-w-6xl p-4 sm:p-6">
      <ProductsManager products={products} readOnly={!canConfigureWorkspace(ctx)} truncatedAt={hasMore ? SHOWN : null} />
    </div>
  );
}
