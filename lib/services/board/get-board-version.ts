import 'server-only';
import { db } from '../../db';
import { queryRows } from '../../database/run-sql';
import { sql, tableAs } from '../../database/typed-sql';
import type { ServiceContext } from '../context';

/**
 * A fingerprint of everything a pipeline's board shows: its deals (count, sum of versions, latest
 * update and activity), their pending tasks, its stages and the pipeline itself. Any create, edit,
 * move or delete — through the board, the REST API or another server process — changes it, so an
 * open board polls this cheap read and reloads its data only when the answer changes. It lives in
 * the database, so it works across any number of server processes.
 */
export async function getBoardVersion({ ctx, input }: { ctx: ServiceContext; input: { pipelineId: number } }): Promise<string> {
  void ctx; // every role reads every board
  const d = tableAs('deals', 'd');
  const t = tableAs('tasks', 't');
  const s = tableAs('stages', 's');
  const p = tableAs('pipelines', 'p');
  const [row] = await queryRows<{ deals: string; tasks: string; stages: string; pipeline: string | null }>(
    db,
    sql`
    SELECT
      (SELECT COUNT(*)::text || '.' || COALESCE(SUM(${d('version')}), 0)::text
              || '.' || COALESCE(FLOOR(EXTRACT(EPOCH FROM MAX(${d('updated_at')})) * 1000), 0)::text
              || '.' || COALESCE(FLOOR(EXTRACT(EPOCH FROM MAX(${d('last_activity_at')})) * 1000), 0)::text
         FROM ${d.from} WHERE ${d('pipeline_id')} = ${input.pipelineId} AND ${d('deleted_at')} IS NULL) AS deals,
      (SELECT COUNT(*)::text || '.' || COALESCE(FLOOR(EXTRACT(EPOCH FROM MAX(${t('updated_at')})) * 1000), 0)::text
         FROM ${t.from} JOIN ${d.from} ON ${d('id')} = ${t('deal_id')}
        WHERE ${d('pipeline_id')} = ${input.pipelineId} AND ${d('deleted_at')} IS NULL AND ${t('status')} = 'pending') AS tasks,
      (SELECT COUNT(*)::text || '.' || COALESCE(FLOOR(EXTRACT(EPOCH FROM MAX(${s('updated_at')})) * 1000), 0)::text
         FROM ${s.from} WHERE ${s('pipeline_id')} = ${input.pipelineId}) AS stages,
      (SELECT FLOOR(EXTRACT(EPOCH FROM ${p('updated_at')}) * 1000)::text || '.' || (${p('deleted_at')} IS NULL)::text
         FROM ${p.from} WHERE ${p('id')} = ${input.pipelineId}) AS pipeline`,
  );
  return `${row?.deals}|${row?.tasks}|${row?.stages}|${row?.pipeline ?? 'none'}`;
}
