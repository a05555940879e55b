'use server';

import { refresh } from 'next/cache';
import { runAction, type ActionResult } from './run-action';
import { getBrowserContext } from '../auth/get-browser-context';
import { AppError } from '../errors';
import { fromPublicId, toPublicId } from '../ids';
import { createCompanyBody, findDuplicateCompaniesInput, updateCompanyBody } from '../schemas/company';
import { mergeCompanyBody, type MergeMoves } from '../schemas/merge';
import type { DuplicateHits, SearchHit } from './search-hit';
import { createCompany } from '../services/companies/create-company';
import { deleteCompany } from '../services/companies/delete-company';
import { findDuplicateCompanies } from '../services/companies/find-duplicate-companies';
import { mergeCompanies } from '../services/companies/merge-companies';
import { previewCompanyMerge } from '../services/companies/preview-company-merge';
import { updateCompany } from '../services/companies/update-company';

// The company pages' writes: parse with the API's own schemas, act as the browser's user, call one
// service. runAction answers refusals as { ok: false, message, fieldErrors } for the fields.

function companyIdOf(publicId: unknown): number {
  const id = typeof publicId === 'string' ? fromPublicId('company', publicId) : null;
  if (id === null) throw new AppError('not_found', 'No such company.');
  return id;
}

/** "New company": answers the new company's public id, to open its page. */
export async function createCompanyAction(body: Record<string, unknown>): Promise<ActionResult<{ id: string }>> {
  return runAction(async () => {
    const input = createCompanyBody.parse(body);
    const ctx = await getBrowserContext();
    const company = await createCompany({ ctx, input });
    return { id: toPublicId('company', company.id) };
  });
}

/** One inline field of the company page (name, domain). */
export async function updateCompanyAction(companyId: string, changes: Record<string, unknown>): Promise<ActionResult<null>> {
  return runAction(async () => {
    const id = companyIdOf(companyId);
    const input = updateCompanyBody.parse(changes);
    const ctx = await getBrowserContext();
    await updateCompany({ ctx, input: { companyId: id, changes: input } });
    refresh();
    return null;
  });
}

/** Deletes the company (its contacts then have none; deals keep working); the page then opens the list. */
export async function deleteCompanyAction(companyId: string): Promise<ActionResult<null>> {
  return runAction(async () => {
    const id = companyIdOf(companyId);
    const ctx = await getBrowserContext();
    await deleteCompany({ ctx, input: { companyId: id } });
    return null;
  });
}

const companyHit = (c: { id: number; name: string; domain: string | null }): SearchHit => ({ id: toPublicId('company', c.id), name: c.name, detail: c.domain });

/** The new-company and edit forms' duplicate check, as the user types (a warning, never a block). */
export async function findDuplicateCompaniesAction(fields: Record<string, unknown>): Promise<ActionResult<DuplicateHits>> {
  return runAction(async () => {
    const input = findDuplicateCompaniesInput.parse(fields);
    const ctx = await getBrowserContext();
    const found = await findDuplicateCompanies({ ctx, input });
    return { exact: found.sameDomain.map(companyHit), similar: found.sameName.map(companyHit) };
  });
}

/** The merge dialog's confirmation: what would move from this company. */
export async function previewCompanyMergeAction(companyId: string): Promise<ActionResult<MergeMoves>> {
  return runAction(async () => {
    const id = companyIdOf(companyId);
    const ctx = await getBrowserContext();
    return previewCompanyMerge({ ctx, input: { companyId: id } });
  });
}

/** "Merge into…": merges this company into `into`; answers the survivor's id, whose page opens. */
export async function mergeCompanyAction(companyId: string, into: string): Promise<ActionResult<{ id: string }>> {
  return runAction(async () => {
    const id = companyIdOf(companyId);
    const body = mergeCompanyBody.parse({ into });
    const ctx = await getBrowserContext();
    const { company } = await mergeCompanies({ ctx, input: { companyId: id, intoId: body.into } });
    return { id: toPublicId('company', company.id) };
  });
}
