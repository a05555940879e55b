import { beforeAll, describe, expect, it } from 'vitest';
import * as dealsRoute from '../../../app/api/v1/deals/route';
import * as dealRoute from '../../../app/api/v1/deals/[id]/route';
import { auditLogCsvStream } from '../../../lib/change-record/audit-log-csv';
import { parseAuditLogSearch } from '../../../lib/schemas/audit-log';
import { readAuditLog } from '../../../lib/services/change-events/read-audit-log';
import { readDealTimeline } from '../../../lib/services/change-events/read-deal-timeline';
import { fromPublicId } from '../../../lib/ids';
import { call, createPipelineFixture, createUserWithKey } from '../../setup/api';

// Settings → Audit log's reads (admins: filters, keyset pages, the CSV export) and the deal page's
// Changes timeline (newest first, names for the words).

let admin: Awaited<ReturnType<typeof createUserWithKey>>;
let manager: Awaited<ReturnType<typeof createUserWithKey>>;
let dealId: string;

beforeAll(async () => {
  admin = await createUserWithKey('admin', 'Ada Admin');
  manager = await createUserWithKey('manager', 'Mia Manager');
  const sales = await createPipelineFixture('Sales');
  const created = await call(dealsRoute.POST, 'POST', '/api/v1/deals', {
    key: manager.key,
    body: { name: '=HYPERLINK("x")', pipeline_id: sales.pipelineId, stage_id: sales.stageIds[0], value: 1000 },
  });
  dealId = created.json.data.id;
  for (const value of [2000, 3000, 4000]) {
    await call(dealRoute.PATCH, 'PATCH', `/api/v1/deals/${dealId}`, { key: manager.key, params: { id: dealId }, body: { value } });
  }
});

const ctxOf = (who: typeof admin) => ({ user: who.user, source: 'ui' as const });

describe('audit log', () => {
  it('filters by user and type, newest first, a keyset page at a time', async () => {
    const search = parseAuditLogSearch({ user: manager.publicId, type: 'deal.updated' });
    expect(search.problems).toEqual([]);
    const first = await readAuditLog({ ctx: ctxOf(admin), input: { filter: search.filter, limit: 2 } });
    expect(first.events.map((event) => event.changes.value?.to)).toEqual([4000, 3000]);
    expect(first.names[manager.publicId]).toBe('Mia Manager');
    const second = await readAuditLog({ ctx: ctxOf(admin), input: { filter: search.filter, limit: 2, before: BigInt(first.nextBefore!) } });
    expect(second.events.map((event) => event.changes.value?.to)).toEqual([2000]);
    expect(second.nextBefore).toBeNull();

    const byRecord = parseAuditLogSearch({ record_type: 'deal', record_id: dealId, from: '2000-01-01', to: '2999-12-31' });
    expect((await readAuditLog({ ctx: ctxOf(admin), input: { filter: byRecord.filter, limit: 50 } })).events).toHaveLength(4);
    expect(parseAuditLogSearch({ user: 'nobody', type: 'nope', from: 'soon' }).problems).toHaveLength(3);
  });

  it('is for admins only', async () => {
    await expect(readAuditLog({ ctx: ctxOf(manager), input: { filter: {}, limit: 5 } })).rejects.toMatchObject({ code: 'forbidden' });
  });

  it('exports the filtered events as CSV, newest first, a page at a time', async () => {
    const search = parseAuditLogSearch({ record_type: 'deal', record_id: dealId });
    const stream = auditLogCsvStream((before) => readAuditLog({ ctx: ctxOf(admin), input: { filter: search.filter, before, limit: 2 } }));
    const text = await new Response(stream).text();
    const lines = text
      .replace(/^\uFEFF/, '')
      .trimEnd()
      .split('\r\n');
    expect(lines[0]).toBe('event_id,occurred_at,type,record_type,record_id,deal_id,who,user_id,api_key_id,channel,summary,changes,changes_json');
    expect(lines).toHaveLength(5);
    expect(lines[1]).toContain('deal.updated');
    expect(lines[1]).toContain('Value: $30.00 → $40.00');
    expect(lines[1]).toContain('API key tests');
    // quoted as CSV; a cell is neutralised only where it starts a formula (tests/unit/csv-line.test.ts)
    expect(lines[4]).toContain('"Created the deal “=HYPERLINK(""x"")” in Qualified"');
  });
});

describe('deal timeline', () => {
  it('reads the newest first, with the names it mentions, and pages on', async () => {
    const first = await readDealTimeline({ ctx: ctxOf(manager), input: { dealId: fromPublicId('deal', dealId)!, limit: 3 } });
    expect(first.events.map((event) => event.type)).toEqual(['deal.updated', 'deal.updated', 'deal.updated']);
    expect(first.names[manager.publicId]).toBe('Mia Manager');
    const rest = await readDealTimeline({ ctx: ctxOf(manager), input: { dealId: fromPublicId('deal', dealId)!, limit: 3, cursor: first.nextCursor! } });
    expect(rest.events.map((event) => event.type)).toEqual(['deal.created']);
    expect(rest.names[rest.events[0]!.data.stage_id as string]).toBe('Qualified');
    expect(rest.nextCursor).toBeNull();
  });
});
