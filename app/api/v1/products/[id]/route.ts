import { parsePathId } from '@/lib/api/parse-path-id';
import { dataResponse, noContent } from '@/lib/api/respond';
import { serializeProduct } from '@/lib/api/serializers/product';
import { withApiRoute } from '@/lib/api/with-api-route';
import { updateProductBody } from '@/lib/schemas/product';
import { deleteProduct } from '@/lib/services/products/delete-product';
import { getProduct } from '@/lib/services/products/get-product';
import { updateProduct } from '@/lib/services/products/update-product';

// GET /api/v1/products/:id – one product
export const GET = withApiRoute<{ id: string }>(async ({ ctx, params }) => {
  const productId = parsePathId('product', params.id);
  const product = await getProduct({ ctx, input: { productId } });
  return dataResponse(serializeProduct(product));
});

// PATCH /api/v1/products/:id – change the given fields (managers and admins)
export const PATCH = withApiRoute<{ id: string }>(async ({ ctx, params, body }) => {
  const productId = parsePathId('product', params.id);
  const changes = body(updateProductBody);
  const product = await updateProduct({ ctx, input: { productId, changes } });
  return dataResponse(serializeProduct(product));
});

// DELETE /api/v1/products/:id – delete a product no line item uses (else 409: deactivate it instead)
export const DELETE = withApiRoute<{ id: string }>(async ({ ctx, params }) => {
  const productId = parsePathId('product', params.id);
  await deleteProduct({ ctx, input: { productId } });
  return noContent();
});
