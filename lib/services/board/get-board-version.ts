import 'server-only';
import { db } from '../../db';
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
  const [row] = await db.$queryRaw<{ deals: string; tasks: string; stages: string; pipeline: string | null }[]>`
    SELECT
      (SELECT COUNT(*)::text || '.' || COALESCE(SUM(version), 0)::text
              || '.' || COALESCE(FLOOR(EXTRACT(EPOCH FROM MAX(updated_at)) * 1000), 0)::text
              || '.' || COALESCE(FLOOR(EXTRACT(EPOCH FROM MAX(last_activity_at)) * 1000), 0)::text
         FROM deals WHERE pipeline_id = ${input.pipelineId} AND deleted_at IS NULL) AS deals,
      (SELECT COUNT(*)::text || '.' || COALESCE(FLOOR(EXTRACT(EPOCH FROM MAX(t.updated_at)) * 1000), 0)::text
         FROM tasks t JOIN deals d ON d.id = t.deal_id
        WHERE d.pipeline_id = ${input.pipelineId} AND d.deleted_at IS NULL AND t.status = 'pending') AS tasks,
      (SELECT COUNT(*)::text || '.' || COALESCE(FLOOR(EXTRACT(EPOCH FROM MAX(updated_at)) * 1000), 0)::text
         FROM stages WHERE pipeline_id = ${input.pipelineId}) AS stages,
      (SELECT FLOOR(EXTRACT(EPOCH FROM updated_at) * 1000)::text || '.' || (deleted_at IS NULL)::text
         FROM pipelines WHERE id = ${input.pipelineId}) AS pipeline`;
  return `${row?.deals}|${row?.tasks}|${row?.stages}|${row?.pipeline ?? 'none'}`;
}
