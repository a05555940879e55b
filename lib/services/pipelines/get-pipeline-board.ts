import 'server-only';
import { db } from '../../db';
import { AppError } from '../../errors';
import type { ServiceContext } from '../context';

export interface BoardDeal {
  id: number;
  name: string;
  value: string; // minor units as a decimal string: bigint does not cross to the client
  currency: string;
  status: 'open' | 'won' | 'lost' | 'stalled';
  position: number;
  ownerName: string | null;
  companyName: string | null;
  contactName: string | null;
  stageEnteredAt: string;
  lastActivityAt: string | null;
  expectedClose: string | null;
}

export interface BoardStage {
  id: number;
  name: string;
  probability: number;
  rottingDays: number | null;
  outcome: 'won' | 'lost' | null;
  deals: BoardDeal[];
}

export interface PipelineBoard {
  pipeline: { id: number; name: string };
  stages: BoardStage[];
}

/** One pipeline's stages in order, each with its (not deleted) deals in board order. */
export async function getPipelineBoard({ ctx, input }: { ctx: ServiceContext; input: { pipelineId: number } }): Promise<PipelineBoard> {
  void ctx; // every role can read every board
  const pipeline = await db.pipeline.findFirst({
    where: { id: input.pipelineId, deletedAt: null },
    select: {
      id: true,
      name: true,
      stages: {
        where: { deletedAt: null },
        orderBy: [{ position: 'asc' }, { id: 'asc' }],
        select: { id: true, name: true, probability: true, rottingDays: true, outcome: true },
      },
    },
  });
  if (!pipeline) throw new AppError('not_found', 'No such pipeline.');
  const deals = await db.deal.findMany({
    where: { pipelineId: pipeline.id, deletedAt: null },
    orderBy: [{ position: 'asc' }, { id: 'asc' }],
    select: {
      id: true,
      name: true,
      stageId: true,
      value: true,
      currency: true,
      status: true,
      position: true,
      stageEnteredAt: true,
      lastActivityAt: true,
      expectedClose: true,
      owner: { select: { name: true } },
      company: { select: { name: true } },
      contact: { select: { firstName: true, lastName: true } },
    },
  });
  const byStage = new Map<number, BoardDeal[]>(pipeline.stages.map((s) => [s.id, []]));
  for (const deal of deals) {
    byStage.get(deal.stageId)?.push({
      id: deal.id,
      name: deal.name,
      value: deal.value.toString(),
      currency: deal.currency,
      status: deal.status,
      position: deal.position,
      ownerName: deal.owner?.name ?? null,
      companyName: deal.company?.name ?? null,
      contactName: deal.contact ? `${deal.contact.firstName} ${deal.contact.lastName}`.trim() : null,
      stageEnteredAt: deal.stageEnteredAt.toISOString(),
      lastActivityAt: deal.lastActivityAt?.toISOString() ?? null,
      expectedClose: deal.expectedClose?.toISOString() ?? null,
    });
  }
  return {
    pipeline: { id: pipeline.id, name: pipeline.name },
    stages: pipeline.stages.map((s) => ({ ...s, deals: byStage.get(s.id) ?? [] })),
  };
}
