import 'server-only';
import type { DealAccessSettings } from '../../access/deal-access';
import type { UserRole } from '../../generated/prisma/client';
import { toPublicId } from '../../ids';
import { readDealAccessSettings } from '../settings/deal-access-settings';
import type { ServiceContext } from '../context';
import { getLostReasonPolicy, type LostReasonPolicy } from '../lost-reasons/get-lost-reason-policy';
import { listPipelines } from '../pipelines/list-pipelines';
import { getBoardPreferences } from '../users/get-board-preferences';
import { listUsers, type UserSummary } from '../users/list-users';

/** What the board needs besides its deals, and that changes rarely. */
export interface BoardMeta {
  me: { id: number; publicId: string; name: string; role: UserRole };
  /** which cards the viewer may drag, close or open the move menu of (lib/access/deal-access.ts) */
  dealAccess: DealAccessSettings;
  pipelines: { id: number; publicId: string; name: string }[];
  /** the owner filter's choices */
  users: UserSummary[];
  lostReasonPolicy: LostReasonPolicy;
  collapsedStageIds: number[];
}

export async function getBoardMeta({ ctx }: { ctx: ServiceContext }): Promise<BoardMeta> {
  const [pipelines, users, lostReasonPolicy, preferences, dealAccess] = await Promise.all([
    listPipelines({ ctx }),
    listUsers({ ctx }),
    getLostReasonPolicy({ ctx }),
    getBoardPreferences({ ctx }),
    readDealAccessSettings(),
  ]);
  return {
    me: { id: ctx.user.id, publicId: toPublicId('user', ctx.user.id), name: ctx.user.name, role: ctx.user.role },
    dealAccess,
    pipelines: pipelines.map((p) => ({ id: p.id, publicId: toPublicId('pipeline', p.id), name: p.name })),
    users,
    lostReasonPolicy,
    collapsedStageIds: preferences.collapsedStageIds,
  };
}
