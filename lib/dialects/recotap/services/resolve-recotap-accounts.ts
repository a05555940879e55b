import 'server-only';
import type { Prisma } from '../../../db';
import { normalizeDomain } from '../../../schemas/company';
import type { ServiceContext } from '../../../services/context';
import { createCompany } from '../../../services/companies/create-company';

export interface RecotapAccount {
  externalId?: string | undefined;
  domain?: string | undefined;
  name?: string | undefined;
}

/**
 * The companies a synced deal's accounts stand for, in the order given (each once): a live company
 * with that external ID, else one with that domain (the oldest, domains compared normalised), else a
 * new company when the account has a name. An account that matches nothing and has no name stays
 * unlinked (the deal is still written), as does one whose external ID belongs to a deleted company
 * with nothing else matching: a company someone deleted is not recreated behind their back.
 * Runs in the caller's transaction (the deal's): a company created here is kept only with the deal.
 * A concurrent sync creating the same company first makes createCompany's 409 end the transaction.
 */
export async function resolveRecotapAccounts({
  ctx,
  input,
  tx,
}: {
  ctx: ServiceContext;
  input: { accounts: RecotapAccount[] };
  tx: Prisma.TransactionClient;
}): Promise<number[]> {
  const ids: number[] = [];
  for (const account of input.accounts) {
    const id = await resolveAccount(ctx, account, tx);
    if (id !== null && !ids.includes(id)) ids.push(id);
  }
  return ids;
}

async function resolveAccount(ctx: ServiceContext, account: RecotapAccount, tx: Prisma.TransactionClient): Promise<number | null> {
  const domain = account.domain ? normalizeDomain(account.domain) : null;
  let externalIdReserved = false;
  if (account.externalId) {
    const byExternalId = await tx.company.findUnique({ where: { externalId: account.externalId }, select: { id: true, deletedAt: true } });
    if (byExternalId && !byExternalId.deletedAt) return byExternalId.id;
    externalIdReserved = byExternalId !== null;
  }
  if (domain) {
    const byDomain = await tx.company.findFirst({ where: { domain, deletedAt: null }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }], select: { id: true } });
    if (byDomain) return byDomain.id;
  }
  if (!account.name || externalIdReserved) return null;
  const company = await createCompany({ ctx, input: { name: account.name, domain, external_id: account.externalId ?? null }, tx });
  return company.id;
}
