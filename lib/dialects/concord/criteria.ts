import 'server-only';
import {
  CONCORD_DEAL_RESOURCE_FIELDS,
  CONCORD_DEFAULT_PER_PAGE,
  CONCORD_DEFAULT_SEARCH_FIELDS,
  CONCORD_MAX_PER_PAGE,
  CONCORD_MAX_TAKE,
  CONCORD_SEARCH_FIELDS,
  CONCORD_SORT_FIELDS,
  type ConcordSearchField,
  type ConcordSearchOperator,
  type ConcordSortField,
} from './schemas';
import type { ConcordCriteria, ConcordInclude, ConcordOrder, ConcordSearchTerm } from './services/list-concord-deals';
import { validationError, type ConcordErrors } from './errors';

// The query string of Concord's list and search: order, select, search_fields, search_match, q,
// per_page / page (list) and take (search). A field that order, select or search_fields does not
// know is a 400 naming it (it never reaches the database); other bad values are Laravel's 422.

const SORT_FIELDS: ReadonlySet<string> = new Set(CONCORD_SORT_FIELDS);
const RESOURCE_FIELDS: ReadonlySet<string> = new Set(CONCORD_DEAL_RESOURCE_FIELDS);

function isSearchField(field: string): field is ConcordSearchField {
  return Object.hasOwn(CONCORD_SEARCH_FIELDS, field);
}

export interface ParsedCriteria {
  criteria: ConcordCriteria;
  /** the fields to answer with, in the order asked; null: all */
  select: string[] | null;
  include: ConcordInclude;
}

/** `;`-separated parts, trimmed, empty ones dropped. */
function parts(value: string | null): string[] {
  return (value ?? '')
    .split(';')
    .map((part) => part.trim())
    .filter((part) => part !== '');
}

/**
 * Parses the criteria shared by list and search. `customFieldKeys` are selectable besides the
 * resource's fields. `qRequired`: the search endpoint needs a query.
 */
export function parseCriteria(query: URLSearchParams, options: { customFieldKeys: readonly string[]; qRequired: boolean }): ParsedCriteria {
  const unknownFields: ConcordErrors = {};
  const invalid: ConcordErrors = {};
  const add = (errors: ConcordErrors, key: string, message: string) => {
    errors[key] = [...(errors[key] ?? []), message];
  };

  // order=created_at or order=created_at|desc (the document prints the pipe escaped, "created_at\|desc": accept that too)
  const order: ConcordOrder[] = [];
  for (const part of parts(query.get('order'))) {
    const [field = '', direction = '', ...rest] = part
      .replace(/\\\|/g, '|')
      .split('|')
      .map((s) => s.trim());
    if (!SORT_FIELDS.has(field)) {
      add(unknownFields, 'order', `The order field "${field}" is not a field deals can be sorted by; use one of: ${CONCORD_SORT_FIELDS.join(', ')}.`);
    } else if (rest.length > 0 || !/^(asc|desc)?$/i.test(direction)) {
      add(unknownFields, 'order', `The order direction "${direction}" of "${field}" must be asc or desc.`);
    } else order.push({ field: field as ConcordSortField, direction: direction.toLowerCase() === 'desc' ? 'desc' : 'asc' });
  }

  let select: string[] | null = null;
  if (query.has('select')) {
    const customKeys = new Set(options.customFieldKeys);
    select = [];
    for (const field of parts(query.get('select'))) {
      if (RESOURCE_FIELDS.has(field) || customKeys.has(field)) {
        if (!select.includes(field)) select.push(field);
      } else
        add(
          unknownFields,
          'select',
          `The select field "${field}" is not a field of deals; use any of: ${CONCORD_DEAL_RESOURCE_FIELDS.join(', ')}, or a custom field key.`,
        );
    }
    if (select.length === 0 && !unknownFields.select) add(invalid, 'select', 'The select field must name at least one field.');
  }

  // search_fields=name:like;status:= (a field without an operator uses its usual one)
  let searchFields: { field: ConcordSearchField; operator: ConcordSearchOperator }[] | null = null;
  if (query.has('search_fields')) {
    searchFields = [];
    for (const part of parts(query.get('search_fields'))) {
      const colon = part.indexOf(':');
      const field = (colon === -1 ? part : part.slice(0, colon)).trim();
      const operator =
        colon === -1
          ? null
          : part
              .slice(colon + 1)
              .trim()
              .toLowerCase();
      if (!isSearchField(field)) {
        add(
          unknownFields,
          'search_fields',
          `The search field "${field}" is not a searchable field of deals; use any of: ${Object.keys(CONCORD_SEARCH_FIELDS).join(', ')}.`,
        );
      } else if (operator !== null && operator !== 'like' && operator !== '=') {
        add(unknownFields, 'search_fields', `The search operator "${operator}" of "${field}" must be like or =.`);
      } else searchFields.push({ field, operator: (operator ?? CONCORD_SEARCH_FIELDS[field]) as ConcordSearchOperator });
    }
  }

  const matchText = (query.get('search_match') ?? '').trim().toLowerCase();
  if (matchText !== '' && matchText !== 'and' && matchText !== 'or') add(invalid, 'search_match', 'The selected search match is invalid.');
  const match = matchText === 'and' ? 'and' : 'or';

  const q = (query.get('q') ?? '').trim();
  if (options.qRequired && q === '') add(invalid, 'q', 'The q field is required.');
  if (q.includes('\u0000')) add(invalid, 'q', 'The q field must not contain NUL characters.');
  if (q.length > 500) add(invalid, 'q', 'The q field must not be greater than 500 characters.');

  if (Object.keys(unknownFields).length > 0) throw validationError(unknownFields, 400);
  if (Object.keys(invalid).length > 0) throw validationError(invalid);

  let terms: ConcordSearchTerm[] | null = null;
  if (q !== '') {
    const pairs = fieldValuePairs(q);
    if (pairs && pairs.length === 0) terms = null;
    else if (pairs) {
      // q=name:Acme;status:open gives each field its own value; search_fields may set their operators
      terms = pairs.map(({ field, value }) => ({
        field,
        value,
        operator: searchFields?.find((s) => s.field === field)?.operator ?? CONCORD_SEARCH_FIELDS[field],
      }));
    } else {
      const fields =
        searchFields && searchFields.length > 0
          ? searchFields
          : CONCORD_DEFAULT_SEARCH_FIELDS.map((field) => ({ field, operator: CONCORD_SEARCH_FIELDS[field] }));
      terms = fields.map((f) => ({ ...f, value: q }));
    }
  }

  const wants = (field: string) => select === null || select.includes(field);
  return {
    criteria: { order, search: terms ? { match, terms } : null },
    select,
    include: { billable: wants('billable'), contacts: wants('contacts'), companies: wants('companies'), activities: wants('activities') },
  };
}

/** `field:value;field:value` when every part names a searchable field; otherwise q is plain text ("Re: Acme"). */
function fieldValuePairs(q: string): { field: ConcordSearchField; value: string }[] | null {
  const pairs: { field: ConcordSearchField; value: string }[] = [];
  for (const part of parts(q)) {
    const colon = part.indexOf(':');
    if (colon === -1) return null;
    const field = part.slice(0, colon).trim();
    if (!isSearchField(field)) return null;
    const value = part.slice(colon + 1).trim();
    // "name:" gives no value to look for
    if (value !== '') pairs.push({ field, value });
  }
  return pairs;
}

function positiveInteger(value: string | null, max: number): number | null | undefined {
  if (value === null || value.trim() === '') return undefined;
  const text = value.trim();
  if (!/^\d{1,10}$/.test(text)) return null;
  const n = Number(text);
  return n >= 1 && n <= max ? n : null;
}

/** per_page (default 15, at most 200) and page (default 1). */
export function parsePaging(query: URLSearchParams): { perPage: number; page: number } {
  const errors: ConcordErrors = {};
  const perPage = positiveInteger(query.get('per_page'), CONCORD_MAX_PER_PAGE);
  if (perPage === null) errors.per_page = [`The per page field must be an integer from 1 to ${CONCORD_MAX_PER_PAGE}.`];
  const page = positiveInteger(query.get('page'), 1_000_000_000);
  if (page === null) errors.page = ['The page field must be an integer of at least 1.'];
  if (Object.keys(errors).length > 0) throw validationError(errors);
  return { perPage: perPage ?? CONCORD_DEFAULT_PER_PAGE, page: page ?? 1 };
}

/** take (default and at most 1000). */
export function parseTake(query: URLSearchParams): number {
  const take = positiveInteger(query.get('take'), CONCORD_MAX_TAKE);
  if (take === null) throw validationError({ take: [`The take field must be an integer from 1 to ${CONCORD_MAX_TAKE}.`] });
  return take ?? CONCORD_MAX_TAKE;
}
