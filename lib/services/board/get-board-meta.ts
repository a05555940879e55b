import 'server-only';
import { toPublicId } from '../../ids';
import type { ServiceContext } from '../context';
import { getLostReasonPolicy, type LostReasonPolicy } from '../lost-reasons/get-lost-reason-policy';
import { listPipelines } from '../pipelines/list-pipelines';
import { getBoardPreferences } from '../users/get-board-preferences';
import { listUsers, type UserSummary } from '../users/list-users';

/** What the board needs besides its deals, and that changes rarely. */
export interface BoardMeta {
  me: { id: number; publicId: string; name: string };
  pipelines: { id: number; publicId: string; name: string }[];
  /** the owner filter's choices */
  users: UserSummary[];
  lostReasonPolicy: LostReasonPolicy;
  collapsedStageIds: number[];
}

export async function getBoardMeta({ ctx }: { ctx: ServiceContext }): Promise<BoardMeta> {
  const [pipelines, users, lostReasonPolicy, preferences] = await Promise.all([
    listPipelines({ ctx }),
    listUsers({ ctx }),
    getLostReasonPolicy({ ctx }),
    getBoardPreferences({ ctx }),
  ]);
  return {
    me: { id: ctx.user.id, publicId: toPublicId('user', ctx.user.id), name: ctx.user.name },
    pipelines: pipelines.map((p) => ({ id: p.id, publicId: toPublicId('pipeline', p.id), name: p.name })),
    users,
    lostReasonPolicy,
    collapsedStageIds: preferences.collapsedStageIds,
  };
}
