import 'server-only';
import { db } from '../../db';
import { normalizeDomain, type FindDuplicateCompaniesInput } from '../../schemas/company';
import type { ServiceContext } from '../context';

/** At most this many of each kind of match are shown. */
const MATCH_LIMIT = 5;

const matchSelect = { id: true, name: true, domain: true } as const;

/**
 * Companies the one being created or edited may duplicate: `sameDomain` — the same domain once
 * normalised like the stored ones (https://www.Acme.com → acme.com; a warning); `sameName` — the
 * same name ignoring case, with another or no domain (a hint). A warning, never a block: domains
 * are not unique (a group's companies can share one). Every role may ask.
 */
export async function findDuplicateCompanies({ ctx, input }: { ctx: ServiceContext; input: FindDuplicateCompaniesInput }) {
  void ctx; // every role reads every company
  const domain = input.domain ? normalizeDomain(input.domain) : null;
  const name = input.name?.trim() ?? '';
  const notSelf = input.exclude_id !== undefined ? { id: { not: input.exclude_id } } : {};
  const sameDomain =
    domain !== null
      ? await db.company.findMany({
          where: { deletedAt: null, domain: { equals: domain, mode: 'insensitive' }, ...notSelf },
          orderBy: { id: 'asc' },
          take: MATCH_LIMIT,
          select: matchSelect,
        })
      : [];
  const sameName =
    name !== ''
      ? await db.company.findMany({
          where: {
            deletedAt: null,
            name: { equals: name, mode: 'insensitive' },
            id: { notIn: [...sameDomain.map((company) => company.id), ...(input.exclude_id !== undefined ? [input.exclude_id] : [])] },
          },
          orderBy: { id: 'asc' },
          take: MATCH_LIMIT,
          select: matchSelect,
        })
      : [];
  return { sameDomain, sameName };
}
