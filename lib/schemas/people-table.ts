import { z } from 'zod';
import { SEARCH_MAX } from './contact';

// The query string of the /contacts and /companies tables: ?q=&sort=&page=. A link someone
// edited by hand never breaks the page: a value that does not parse falls back to its default.

export const PEOPLE_PAGE_SIZE = 50;

export const PEOPLE_SORTS = ['name', '-name', 'deals', '-deals'] as const;
/** `name` A→Z, `-name` Z→A, `deals` fewest first, `-deals` most first (ties by name). */
export type PeopleSort = (typeof PEOPLE_SORTS)[number];

/** One value of a search param (Next gives an array when a key repeats: the first one counts). */
const single = (value: unknown) => (Array.isArray(value) ? value[0] : value);

export const peopleTableQuery = z.object({
  q: z.preprocess(
    single,
    z
      .string()
      .trim()
      .transform((value) => (value === '' ? undefined : value.slice(0, SEARCH_MAX)))
      .optional()
      .catch(undefined),
  ),
  sort: z.preprocess(single, z.enum(PEOPLE_SORTS).catch('name')),
  page: z.preprocess(single, z.coerce.number().int().min(1).max(1_000_000).catch(1)),
});
export type PeopleTableQuery = z.output<typeof peopleTableQuery>;
