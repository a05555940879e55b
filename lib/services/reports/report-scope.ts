import 'server-only';
import { db } from '../../db';
import { AppError } from '../../errors';
import { toPublicId } from '../../ids';
import type { ServiceContext } from '../context';

// What every report is about: one pipeline (its stages, deleted ones included, since past periods
// may have moved deals through them) and optionally one owner. Everyone may read reports
// (docs/decisions/003-permissions.md: everyone reads everything).

export interface ReportStage {
  id: number;
  name: string;
  position: number;
  probability: number;
  rottingDays: number | null;
  outcome: 'won' | 'lost' | null;
  /** deleted since: kept so that past periods still name the stages deals moved through */
  deleted: boolean;
}

export interface ReportScope {
  pipeline: { id: number; name: string };
  /** board order (position, id); deleted stages included */
  stages: ReportStage[];
  /** the deals' current owner (ownership is not historised); null = every owner */
  owner: { id: number; name: string } | null;
}

export interface ReportFilters {
  /** default: the default pipeline */
  pipelineId?: number;
  ownerId?: number | null;
}

/**
 * The pipeline and owner a report is about. A pipeline or owner that does not exist (or was
 * deleted) is a 422 naming the query parameter: the request is well-formed but impossible.
 */
export async function resolveReportScope({ ctx, input }: { ctx: ServiceContext; input: ReportFilters }): Promise<ReportScope> {
  void ctx;
  const pipeline =
    input.pipelineId === undefined
      ? await db.pipeline.findFirst({
          where: { deletedAt: null },
          orderBy: [{ isDefault: 'desc' }, { position: 'asc' }, { id: 'asc' }],
          select: { id: true, name: true },
        })
      : await db.pipeline.findFirst({ where: { id: input.pipelineId, deletedAt: null }, select: { id: true, name: true } });
  if (!pipeline) {
    const message = input.pipelineId === undefined ? 'No pipeline exists yet.' : `Pipeline ${toPublicId('pipeline', input.pipelineId)} does not exist.`;
    throw new AppError('unprocessable', message, [{ path: 'pipeline_id', message: message.replace(/\.$/, '') }]);
  }
  let owner: ReportScope['owner'] = null;
  if (input.ownerId !== undefined && input.ownerId !== null) {
    owner = await db.user.findUnique({ where: { id: input.ownerId }, select: { id: true, name: true } });
    if (!owner) {
      const message = `User ${toPublicId('user', input.ownerId)} does not exist.`;
      throw new AppError('unprocessable', message, [{ path: 'owner_id', message: message.replace(/\.$/, '') }]);
    }
  }
  const stages = await db.stage.findMany({
    where: { pipelineId: pipeline.id },
    orderBy: [{ position: 'asc' }, { id: 'asc' }],
    select: { id: true, name: true, position: true, probability: true, rottingDays: true, outcome: true, deletedAt: true },
  });
  return {
    pipeline,
    owner,
    stages: stages.map(({ deletedAt, ...s }) => ({ ...s, deleted: deletedAt !== null })),
  };
}

/** The stages a report shows: every live stage, and deleted ones only when the report mentions them. */
export function visibleStages(scope: ReportScope, mentioned: Iterable<number | null>): ReportStage[] {
  const used = new Set(mentioned);
  return scope.stages.filter((s) => !s.deleted || used.has(s.id));
}
