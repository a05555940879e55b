import 'server-only';
import { db, type Prisma } from '../../db';
import { AppError } from '../../errors';
import { toPublicId } from '../../ids';
import type { ServiceContext } from '../context';
import { unprocessable } from '../deals/resolve-deal-references';
import { isRecord, readBoardPreferences, type BoardPreferences } from './board-preferences';
import { queryRows } from '../../database/run-sql';
import { sqlBuilder } from '../../database/typed-sql';
import { setChangeActor } from '../../change-record/change-actor';

/** At most this many remembered collapsed columns (a bound on the JSON; nobody has this many stages). */
const MAX_COLLAPSED = 200;

/**
 * Collapses or expands one board column for the acting user, remembered in User.preferences.
 * A toggle rather than a whole list, read and written under a row lock, so two open tabs never
 * undo each other's changes; other preference keys are kept as they are.
 */
export async function updateBoardPreferences({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { stageId: number; collapsed: boolean };
}): Promise<BoardPreferences> {
  const stage = await db.stage.findFirst({ where: { id: input.stageId, deletedAt: null }, select: { id: true } });
  if (!stage) throw unprocessable('stage_id', `Stage ${toPublicId('stage', input.stageId)} does not exist.`);
  return db.$transaction(async (tx) => {
    await setChangeActor(tx, ctx);
    const [row] = await queryRows<{ preferences: unknown }>(tx, sqlBuilder.selectFrom('users').select('preferences').where('id', '=', ctx.user.id).forUpdate());
    if (!row) throw new AppError('not_found', 'Your user no longer exists.');
    const preferences = isRecord(row.preferences) ? row.preferences : {};
    const board = isRecord(preferences.board) ? preferences.board : {};
    const current = readBoardPreferences(preferences).collapsedStageIds.filter((id) => id !== stage.id);
    const collapsedStageIds = (input.collapsed ? [...current, stage.id] : current).slice(-MAX_COLLAPSED).sort((a, b) => a - b);
    const next = { ...preferences, board: { ...board, collapsedStageIds } };
    await tx.user.update({ where: { id: ctx.user.id }, data: { preferences: next as Prisma.InputJsonValue } });
    return { collapsedStageIds };
  });
}
