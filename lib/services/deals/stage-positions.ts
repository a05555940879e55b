import 'server-only';
import { db } from '../../db';
import { executeStatement, queryRows, type RawClient } from '../../database/run-sql';
import { sql, sqlBuilder, tableAs } from '../../database/typed-sql';

// Board order inside a stage is a float `position`: a deal placed between two others takes the
// midpoint, so a move rewrites one row; when floats run out of room the stage is renumbered.

type Client = RawClient;

/** The position after the last deal of the stage. */
export async function positionAtEnd(stageId: number, client: Client = db): Promise<number> {
  const [row] = await queryRows<{ max: number | null }>(
    client,
    sqlBuilder
      .selectFrom('deals')
      .select((eb) => eb.fn.max('position').as('max'))
      .where('stage_id', '=', stageId)
      .where('deleted_at', 'is', null),
  );
  return row?.max === null || row?.max === undefined ? 1 : Math.floor(Number(row.max)) + 1;
}

/** The position that puts a deal at zero-based `index` among the stage's other deals. */
export async function positionAtIndex(stageId: number, index: number, excludeDealId: number, client: Client = db): Promise<number> {
  for (let attempt = 0; attempt < 2; attempt += 1) {
    const neighbours = await queryRows<{ position: number }>(
      client,
      sqlBuilder
        .selectFrom('deals')
        .select('position')
        .where('stage_id', '=', stageId)
        .where('deleted_at', 'is', null)
        .where('id', '<>', excludeDealId)
        .orderBy('position')
        .orderBy('id')
        .offset(Math.max(0, index - 1))
        .limit(2),
    );
    const positions = neighbours.map((n) => Number(n.position));
    let before: number | undefined;
    let after: number | undefined;
    if (index === 0) after = positions[0];
    else [before, after] = positions;
    if (before === undefined && after === undefined) return index === 0 ? 1 : positionAtEnd(stageId, client);
    if (before === undefined) return after! - 1;
    if (after === undefined) return before + 1;
    const mid = (before + after) / 2;
    if (mid > before && mid < after) return mid;
    await renumberStage(stageId, client);
  }
  return positionAtEnd(stageId, client);
}

/** Renumbers a stage's deals 1, 2, 3… in their current order. */
export async function renumberStage(stageId: number, client: Client = db): Promise<void> {
  await executeStatement(
    client,
    sqlBuilder
      .updateTable('deals')
      .from(
        sqlBuilder
          .selectFrom('deals')
          .select((eb) => ['id', sql<number>`ROW_NUMBER() OVER (ORDER BY ${eb.ref('position')}, ${eb.ref('id')})`.as('n')])
          .where('stage_id', '=', stageId)
          .as('ordered'),
      )
      .set((eb) => ({ position: eb.ref('ordered.n') }))
      .whereRef('deals.id', '=', 'ordered.id'),
  );
}

/**
 * The zero-based index among the target stage's OTHER deals (all of them, filtered or not) that puts
 * the deal right after `afterDealId`, else right before `beforeDealId`; undefined when neither is
 * (still) in the stage. A filtered board names its visible neighbours, so the card lands between
 * them in the one board order every viewer shares, whatever deals the filter hides.
 */
export async function dropIndex(input: {
  dealId: number;
  stageId: number;
  afterDealId?: number | null;
  beforeDealId?: number | null;
}): Promise<number | undefined> {
  const anchors: [number | null | undefined, number][] = [
    [input.afterDealId, 1],
    [input.beforeDealId, 0],
  ];
  for (const [anchorId, offset] of anchors) {
    if (anchorId === null || anchorId === undefined || anchorId === input.dealId) continue;
    const anchor = tableAs('deals', 'a');
    const o = tableAs('deals', 'o');
    const [row] = await queryRows<{ found: number; before: number }>(
      db,
      sql`
      WITH anchor AS (
        SELECT ${anchor('position')}, ${anchor('id')} FROM ${anchor.from}
        WHERE ${anchor('id')} = ${anchorId} AND ${anchor('stage_id')} = ${input.stageId} AND ${anchor('deleted_at')} IS NULL
      )
      SELECT (SELECT COUNT(*) FROM anchor)::int AS found,
             (SELECT COUNT(*) FROM ${o.from}, anchor ${anchor.alias}
               WHERE ${o('stage_id')} = ${input.stageId} AND ${o('deleted_at')} IS NULL AND ${o('id')} <> ${input.dealId}
                 AND (${o('position')}, ${o('id')}) < (${anchor('position')}, ${anchor('id')}))::int AS before`,
    );
    if (row && Number(row.found) === 1) return Number(row.before) + offset;
  }
  return undefined;
}
