import type { PeopleSort } from '@/lib/schemas/people-table';

/** A list URL with only the non-default params (`/contacts?q=ada&page=2`), so links stay short. */
export function tableHref(base: string, state: { q?: string; sort: PeopleSort; page: number }): string {
  const params = new URLSearchParams();
  if (state.q) params.set('q', state.q);
  if (state.sort !== 'name') params.set('sort', state.sort);
  if (state.page > 1) params.set('page', String(state.page));
  const query = params.toString();
  return query ? `${base}?${query}` : base;
}
