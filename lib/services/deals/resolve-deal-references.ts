import 'server-only';
import { db } from '../../db';
import type { Prisma } from '../../generated/prisma/client';
import { sql, tableAs } from '../../database/typed-sql';
import { hotQuery } from '../../database/hot-query';

/** The process client, or the caller's transaction (inside one, every read must go through it). */
export type DbClient = Prisma.TransactionClient;
import { AppError, type ErrorDetail } from '../../errors';
import { toPublicId } from '../../ids';

export interface TargetStage {
  id: number;
  pipelineId: number;
  name: string;
  probability: number;
  outcome: 'won' | 'lost' | null;
}

/** A live stage (its pipeline live too), or null. */
export async function findLiveStage(stageId: number, client: DbClient = db): Promise<TargetStage | null> {
  if (client === db) {
    // outside a transaction: the API's hot path (a prepared statement on PostgreSQL)
    const s = tableAs('stages', 's');
    const p = tableAs('pipelines', 'p');
    const [stage] = await hotQuery<TargetStage>(sql`
      SELECT ${s('id')}, ${s('pipeline_id')} AS "pipelineId", ${s('name')}, ${s('probability')}, ${s('outcome')}::text AS outcome
      FROM ${s.from} JOIN ${p.from} ON ${p('id')} = ${s('pipeline_id')} AND ${p('deleted_at')} IS NULL
      WHERE ${s('id')} = ${stageId} AND ${s('deleted_at')} IS NULL`);
    return stage ?? null;
  }
  return client.stage.findFirst({
    where: { id: stageId, deletedAt: null, pipeline: { deletedAt: null } },
    select: { id: true, pipelineId: true, name: true, probability: true, outcome: true },
  });
}

/**
 * The stage a deal goes to, from `stage_id` and/or `pipeline_id`: a stage must exist and belong to
 * the pipeline when both are given; a pipeline alone means its first stage. 422 otherwise.
 */
export async function resolveTargetStage<S extends TargetStage = TargetStage>(
  input: { stageId?: number; pipelineId?: number },
  client: DbClient = db,
  findStage: (stageId: number, client: DbClient) => Promise<S | TargetStage | null> = findLiveStage,
): Promise<S | TargetStage> {
  if (input.stageId !== undefined) {
    const stage = await findStage(input.stageId, client);
    if (!stage) throw unprocessable('stage_id', `Stage ${toPublicId('stage', input.stageId)} does not exist.`);
    if (input.pipelineId !== undefined && stage.pipelineId !== input.pipelineId) {
      const pipelineExists = await client.pipeline.count({ where: { id: input.pipelineId, deletedAt: null } });
      if (!pipelineExists) throw unprocessable('pipeline_id', `Pipeline ${toPublicId('pipeline', input.pipelineId)} does not exist.`);
      throw unprocessable('stage_id', `Stage ${toPublicId('stage', stage.id)} is not a stage of pipeline ${toPublicId('pipeline', input.pipelineId)}.`);
    }
    return stage;
  }
  if (input.pipelineId === undefined) throw unprocessable('stage_id', 'A stage is required.');
  const first = await client.stage.findFirst({
    where: { pipelineId: input.pipelineId, deletedAt: null, pipeline: { deletedAt: null } },
    orderBy: [{ position: 'asc' }, { id: 'asc' }],
    select: { id: true, pipelineId: true, name: true, probability: true, outcome: true },
  });
  if (!first) throw unprocessable('pipeline_id', `Pipeline ${toPublicId('pipeline', input.pipelineId)} does not exist or has no stages.`);
  return first;
}

/** Checks that referenced contact, company and owner exist (422 naming each missing one). */
export async function assertReferencesExist(
  input: { contactId?: number | null; companyId?: number | null; ownerId?: number | null },
  client: DbClient = db,
): Promise<void> {
  const [contact, company, owner] =
    client === db
      ? await referencesExist(input)
      : await Promise.all([
          input.contactId ? client.contact.count({ where: { id: input.contactId, deletedAt: null } }) : 1,
          input.companyId ? client.company.count({ where: { id: input.companyId, deletedAt: null } }) : 1,
          input.ownerId ? client.user.count({ where: { id: input.ownerId } }) : 1,
        ]);
  const details: ErrorDetail[] = [];
  if (!contact) details.push({ path: 'contact_id', message: `Contact ${toPublicId('contact', input.contactId!)} does not exist` });
  if (!company) details.push({ path: 'company_id', message: `Company ${toPublicId('company', input.companyId!)} does not exist` });
  if (!owner) details.push({ path: 'owner_id', message: `User ${toPublicId('user', input.ownerId!)} does not exist` });
  if (details.length > 0) throw new AppError('unprocessable', `${details.map((d) => d.message).join('; ')}.`, details);
}

/** The three existence checks in one statement (the API's hot path, outside a transaction). */
async function referencesExist(input: { contactId?: number | null; companyId?: number | null; ownerId?: number | null }): Promise<[boolean, boolean, boolean]> {
  const c = tableAs('contacts', 'c');
  const co = tableAs('companies', 'co');
  const u = tableAs('users', 'u');
  const [row] = await hotQuery<{ contact: boolean; company: boolean; owner: boolean }>(sql`
    SELECT (${input.contactId ?? null}::int IS NULL OR EXISTS (SELECT 1 FROM ${c.from} WHERE ${c('id')} = ${input.contactId ?? null}::int AND ${c('deleted_at')} IS NULL)) AS contact,
           (${input.companyId ?? null}::int IS NULL OR EXISTS (SELECT 1 FROM ${co.from} WHERE ${co('id')} = ${input.companyId ?? null}::int AND ${co('deleted_at')} IS NULL)) AS company,
           (${input.ownerId ?? null}::int IS NULL OR EXISTS (SELECT 1 FROM ${u.from} WHERE ${u('id')} = ${input.ownerId ?? null}::int)) AS owner`);
  return [row!.contact, row!.company, row!.owner];
}

export function unprocessable(path: string, message: string): AppError {
  return new AppError('unprocessable', message, [{ path, message: message.replace(/\.$/, '') }]);
}
