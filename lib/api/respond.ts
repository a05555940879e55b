import 'server-only';

/** `{"data": …}` with status 200 (or the given one). */
export function dataResponse(data: unknown, init: { status?: number; headers?: HeadersInit } = {}): Response {
  return Response.json({ data }, { status: init.status ?? 200, headers: init.headers });
}

/** A page of a list: `{"data": [...], "has_more", "next_cursor"}`. */
export function listResponse(page: { items: unknown[]; hasMore: boolean; nextCursor: string | null }): Response {
  return Response.json({ data: page.items, has_more: page.hasMore, next_cursor: page.nextCursor });
}

/** A list page whose items are JSON texts already: the same body as listResponse, joined as text. */
export function jsonListResponse(page: { items: string[]; hasMore: boolean; nextCursor: string | null }): Response {
  const body = `{"data":[${page.items.join(',')}],"has_more":${page.hasMore},"next_cursor":${JSON.stringify(page.nextCursor)}}`;
  return new Response(body, { headers: { 'content-type': 'application/json' } });
}

export function noContent(headers?: HeadersInit): Response {
  return new Response(null, { status: 204, headers });
}
