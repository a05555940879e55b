/**
 * Laravel's paginated resource collection: {data, links: {first, last, prev, next}, meta: {current_page,
 * from, last_page, path, per_page, to, total}}. Links keep the request's other parameters (filters,
 * order, per_page), so following `next` continues the same list.
 */
export function paginated(request: Request, data: unknown[], paging: { page: number; perPage: number; total: number }) {
  const url = new URL(request.url);
  const path = `${url.origin}${url.pathname}`;
  const lastPage = Math.max(1, Math.ceil(paging.total / paging.perPage));
  const link = (page: number) => {
    const params = new URLSearchParams(url.searchParams);
    params.set('page', String(page));
    return `${path}?${params.toString()}`;
  };
  const from = data.length > 0 ? (paging.page - 1) * paging.perPage + 1 : null;
  return {
    data,
    links: {
      first: link(1),
      last: link(lastPage),
      prev: paging.page > 1 ? link(paging.page - 1) : null,
      next: paging.page < lastPage ? link(paging.page + 1) : null,
    },
    meta: {
      current_page: paging.page,
      from,
      last_page: lastPage,
      path,
      per_page: paging.perPage,
      to: from === null ? null : from + data.length - 1,
      total: paging.total,
    },
  };
}
