import 'server-only';
import { hotQuery } from '../../database/hot-query';
import { sql, type RawBuilder } from '../../database/typed-sql';
import { encodeCursor, pageOf } from '../../api/pagination';
import { toPublicId, type IdKind } from '../../ids';
import type { ListDealsQuery } from '../../schemas/deal';
import type { ServiceContext } from '../context';
import { DEAL as d } from './deal-view';
import { dealListQuery } from './list-deals';

// The API's deal list is its busiest read. Reading 50 deal views into objects (31 columns each,
// five timestamps), turning each into the API's shape and stringifying the page was most of a list
// request's CPU in the server, so here PostgreSQL writes each deal's JSON itself — every field but
// the public IDs, which are Sqids encodings made in JS — and the page is joined as text. The shape
// is the one lib/api/serializers/deal.ts gives (serializeDeal without relationships): a test holds
// the two to the same output for the same deals (tests/integration/deal-list-json.test.ts).

const ISO_SECONDS = sql.raw(`'YYYY-MM-DD"T"HH24:MI:SS"Z"'`);
const iso = (column: RawBuilder<unknown>) => sql`to_char(${column}, ${ISO_SECONDS})`;

interface Row {
  id: number;
  pipelineId: number;
  stageId: number;
  contactId: number | null;
  companyId: number | null;
  ownerId: number | null;
  /** `{"name":…}` */
  a: string;
  /** `{"value":…,…,"closed_at":…}` */
  b: string;
  /** `{"source":…,…,"updated_at":…}` */
  c: string;
  /** the sort column's cursor value (a float position as a number, so String() spells it as JS does) */
  sortValue: string | number;
}

export interface DealJsonPage {
  /** each deal as a JSON object text */
  items: string[];
  hasMore: boolean;
  nextCursor: string | null;
}

/** A page of deals as the API shows them, as JSON texts; filters, sort and cursor as listDeals. */
export async function listDealsJson({ ctx, input, now = new Date() }: { ctx: ServiceContext; input: ListDealsQuery; now?: Date }): Promise<DealJsonPage> {
  void ctx; // every role can read every deal
  const { where, orderBy, column } = dealListQuery(input);
  const at = now.toISOString();
  const daysSince = (column: RawBuilder<unknown>) => sql`GREATEST(0, floor(extract(epoch FROM (${at}::timestamp(3) - ${column})) / 86400))::int`;
  const rows = await hotQuery<Row>(sql`
    SELECT ${d('id')}, ${d('pipeline_id')} AS "pipelineId", ${d('stage_id')} AS "stageId", ${d('contact_id')} AS "contactId", ${d('company_id')} AS "companyId",
           ${d('owner_id')} AS "ownerId", row_to_json(a)::text AS a, row_to_json(b)::text AS b, row_to_json(c)::text AS c, ${column.text} AS "sortValue"
    FROM ${d.from}
    CROSS JOIN LATERAL (SELECT ${d('name')}) a(name)
    CROSS JOIN LATERAL (SELECT ${d('value')}, ${d('currency')}, ${d('status')}, ${d('lost_reason')}, ${iso(d('expected_close'))}, ${iso(d('closed_at'))})
      b(value, currency, status, loss_reason, expected_close, closed_at)
    CROSS JOIN LATERAL (SELECT ${d('source')}, ${d('deal_type')}, ${d('external_id')}, ${d('position')}, ${iso(d('stage_entered_at'))}, ${iso(d('last_activity_at'))},
                               ${daysSince(d('stage_entered_at'))}, ${daysSince(d('created_at'))},
                               coalesce(${d('metadata')}, '{}'::jsonb), coalesce(${d('custom_fields')}, '{}'::jsonb), ${iso(d('created_at'))}, ${iso(d('updated_at'))})
      c(source, deal_type, external_id, position, stage_entered_at, last_activity_at, days_in_stage, deal_age_days, metadata, custom_fields, created_at, updated_at)
    WHERE ${where}
    ORDER BY ${orderBy}
    LIMIT ${input.limit + 1}`);
  const page = pageOf(rows, input.limit, (r) => encodeCursor({ s: input.sort, v: String(r.sortValue), id: r.id }));
  return { items: page.rows.map(dealJson), hasMore: page.hasMore, nextCursor: page.nextCursor };
}

function idOrNull(kind: IdKind, id: number | null): string {
  return id === null ? 'null' : `"${toPublicId(kind, id)}"`;
}

/** The row's JSON parts with the public IDs put in, in the order serializeDeal writes its fields. */
function dealJson(r: Row): string {
  return (
    `{"id":"${toPublicId('deal', r.id)}","number":${r.id},${r.a.slice(1, -1)},` +
    `"pipeline_id":"${toPublicId('pipeline', r.pipelineId)}","stage_id":"${toPublicId('stage', r.stageId)}",` +
    `"contact_id":${idOrNull('contact', r.contactId)},"company_id":${idOrNull('company', r.companyId)},${r.b.slice(1, -1)},` +
    `"owner_id":${idOrNull('user', r.ownerId)},${r.c.slice(1, -1)}}`
  );
}
