import 'server-only';
import { sql, tableAs, type RawBuilder } from '../../database/typed-sql';

const d = tableAs('deals', 'd');
const lh = tableAs('stage_history', 'lh');
const lts = tableAs('stages', 'lts');

/**
 * The stage a lost deal (a deals row aliased `d`) was lost from, as one SQL expression: the stage it
 * stood in when it was lost (closed_at). Its last stage-history row at or before closed_at says
 * where it was: when that row is the move into a lost-outcome stage, the deal was lost from the
 * row's from-stage (the stage itself for a deal created straight into it); otherwise the deal was
 * marked lost where it stood, in the row's stage. A deal without such a row (closed_at set before
 * its history began, as imports may) falls back to its current stage. Closing writes closed_at and
 * the history row with the same instant (lib/deal-lifecycle), and moving on between lost stages
 * keeps closed_at, so later moves never change the answer. The Lost deals report and the deals
 * table's "lost from" filter share this expression, so a figure and the deals behind it agree.
 */
export const lostFromStageSql: RawBuilder<unknown> = sql`COALESCE((
    SELECT CASE WHEN ${lts('outcome')} = 'lost' THEN COALESCE(${lh('from_stage_id')}, ${lh('to_stage_id')}) ELSE ${lh('to_stage_id')} END
    FROM ${lh.from} JOIN ${lts.from} ON ${lts('id')} = ${lh('to_stage_id')}
    WHERE ${lh('deal_id')} = ${d('id')} AND ${lh('changed_at')} <= ${d('closed_at')}
    ORDER BY ${lh('changed_at')} DESC, ${lh('id')} DESC
    LIMIT 1), ${d('stage_id')})`;

/** A lost deal's reason as the report groups it: trimmed, and null when none was given. */
export const lostReasonSql: RawBuilder<unknown> = sql`NULLIF(btrim(${d('lost_reason')}), '')`;
