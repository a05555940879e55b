import 'server-only';
import { db } from '../../db';
import { AppError } from '../../errors';
import type { Prisma, Stage } from '../../generated/prisma/client';
import type { ServiceContext } from '../context';

/** A stage is live when neither it nor its pipeline is deleted. */
export function liveStageWhere(stageId: number): Prisma.StageWhereInput {
  return { id: stageId, deletedAt: null, pipeline: { deletedAt: null } };
}

/** The live stage, or 404. Every role may read every stage. */
export async function getStageOrThrow({ ctx, input, tx }: { ctx: ServiceContext; input: { stageId: number }; tx?: Prisma.TransactionClient }): Promise<Stage> {
  void ctx;
  const stage = await (tx ?? db).stage.findFirst({ where: liveStageWhere(input.stageId) });
  if (!stage) throw new AppError('not_found', 'No stage with this ID exists.');
  return stage;
}
