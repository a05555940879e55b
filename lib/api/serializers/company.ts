import type { Company } from '../../generated/prisma/client';
import { toPublicId } from '../../ids';
import { isoSeconds } from '../format';

/** Company row → API JSON (snake_case). */
export function serializeCompany(company: Company) {
  return {
    id: toPublicId('company', company.id),
    number: company.id,
    name: company.name,
    domain: company.domain,
    external_id: company.externalId,
    created_at: isoSeconds(company.createdAt),
    updated_at: isoSeconds(company.updatedAt),
  };
}

export type CompanyJson = ReturnType<typeof serializeCompany>;
