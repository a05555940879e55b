import 'server-only';
import { sql, tableAs, type RawBuilder } from '../../database/typed-sql';
import { hotQuery } from '../../database/hot-query';
import type { CustomFieldDefinitionLike } from '../custom-fields/validate-custom-field-values';
import type { TargetStage } from './resolve-deal-references';

// What creating a deal reads before it writes — the target stage (its pipeline, probability and
// outcome decide the deal's status and its first history row) and the deal custom field
// definitions (which values are valid, which are required) — read in one statement and kept per
// process, so the API's create is one round trip, not two. A kept copy is never trusted blindly:
// the insert re-checks, in its own statement, that the stage and the definitions are still what
// was read (`stillAsRead`), and inserts nothing otherwise; the caller then forgets the copy and
// reads again. So another process changing a stage's outcome or adding a required field is seen
// by the very next create here. See docs/decisions/005-api-hot-path.md.

export interface StageForNewDeal extends TargetStage {
  definitions: CustomFieldDefinitionLike[];
  /** md5 of the definitions as the database printed them: what the insert compares */
  definitionsHash: string;
}

/** The deal custom field definitions as one JSON array, in their order: read and re-checked alike. */
const f = tableAs('custom_field_definitions', 'f');
const s = tableAs('stages', 's');
const p = tableAs('pipelines', 'p');
const DEAL_FIELD_DEFINITIONS = sql`(
  SELECT coalesce(json_agg(json_build_object('key', ${f('key')}, 'label', ${f('label')}, 'type', ${f('type')}::text, 'options', ${f('options')}, 'required', ${f('required')})
                           ORDER BY ${f('position')}, ${f('id')}), '[]'::json)
  FROM ${f.from} WHERE ${f('entity')} = 'deal')`;

const KEEP_MS = 60_000;
const KEEP_MAX = 1_000;
const kept = new Map<number, { stage: StageForNewDeal; until: number }>();

/**
 * A live stage with the deal custom field definitions, or null: the copy kept from an earlier read
 * when there is one, unless `fresh`.
 */
export async function findStageForNewDeal(stageId: number, { fresh = false } = {}): Promise<StageForNewDeal | null> {
  const now = Date.now();
  const hit = fresh ? undefined : kept.get(stageId);
  if (hit && hit.until > now) return hit.stage;
  const [stage] = await hotQuery<StageForNewDeal>(sql`
    SELECT ${s('id')}, ${s('pipeline_id')} AS "pipelineId", ${s('name')}, ${s('probability')}, ${s('outcome')}::text AS outcome,
           d.definitions, md5(d.definitions::text) AS "definitionsHash"
    FROM ${s.from}
    JOIN ${p.from} ON ${p('id')} = ${s('pipeline_id')} AND ${p('deleted_at')} IS NULL
    CROSS JOIN (SELECT ${DEAL_FIELD_DEFINITIONS} AS definitions) d
    WHERE ${s('id')} = ${stageId} AND ${s('deleted_at')} IS NULL`);
  if (!stage) {
    kept.delete(stageId);
    return null;
  }
  if (kept.size >= KEEP_MAX) kept.clear();
  kept.set(stageId, { stage, until: now + KEEP_MS });
  return stage;
}

/** Drops the kept copy of a stage (an insert found it out of date). */
export function forgetStageForNewDeal(stageId: number): void {
  kept.delete(stageId);
}

/**
 * An SQL condition, true while the stage is live with the pipeline, probability and outcome that
 * were read and (when `definitionsHash` is given) the deal custom field definitions are unchanged.
 */
export function stillAsRead(
  stage: { [K in 'id' | 'pipelineId' | 'probability' | 'outcome']: TargetStage[K] | RawBuilder<TargetStage[K]> | RawBuilder<unknown> },
  definitionsHash: string | null | RawBuilder<unknown>,
): RawBuilder<unknown> {
  return sql`EXISTS (
      SELECT 1 FROM ${s.from} JOIN ${p.from} ON ${p('id')} = ${s('pipeline_id')} AND ${p('deleted_at')} IS NULL
      WHERE ${s('id')} = ${stage.id} AND ${s('deleted_at')} IS NULL AND ${s('pipeline_id')} = ${stage.pipelineId}
        AND ${s('probability')} = ${stage.probability}::int AND ${s('outcome')}::text IS NOT DISTINCT FROM ${stage.outcome}::text)
    AND (${definitionsHash}::text IS NULL OR md5(${DEAL_FIELD_DEFINITIONS}::text) = ${definitionsHash}::text)`;
}
