import { listResponse, dataResponse } from '@/lib/api/respond';
import { serializeProduct } from '@/lib/api/serializers/product';
import { withApiRoute } from '@/lib/api/with-api-route';
import { createProductBody, listProductsQuery } from '@/lib/schemas/product';
import { createProduct } from '@/lib/services/products/create-product';
import { listProducts } from '@/lib/services/products/list-products';

// GET /api/v1/products – a page of the product catalog (filters q, active; sort name or created_at)
export const GET = withApiRoute(async ({ ctx, query }) => {
  const input = query(listProductsQuery);
  const page = await listProducts({ ctx, input });
  return listResponse({ items: page.rows.map(serializeProduct), hasMore: page.hasMore, nextCursor: page.nextCursor });
});

// POST /api/v1/products – add a product (managers and admins)
export const POST = withApiRoute(async ({ ctx, body }) => {
  const input = body(createProductBody);
  const product = await createProduct({ ctx, input });
  return dataResponse(serializeProduct(product), { status: 201 });
});
