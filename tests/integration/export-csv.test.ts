import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import * as exportRoute from '../../app/api/v1/deals/export/route';
import * as dealsRoute from '../../app/api/v1/deals/route';
import * as dealRoute from '../../app/api/v1/deals/[id]/route';
import { AUDIT_LOG_CSV_HEADER } from '../../lib/change-record/audit-log-csv';
import { db } from '../../lib/db';
import { fromPublicId, toPublicId } from '../../lib/ids';
import { DEALS_TABLE_SORTS, parseDealsTableParams } from '../../lib/schemas/deals-table';
import { exportDealChangesCsv } from '../../lib/services/change-events/export-deal-changes-csv';
import { COMPANY_CSV_COLUMNS, exportCompaniesCsv } from '../../lib/services/companies/export-companies-csv';
import { CONTACT_CSV_COLUMNS, exportContactsCsv } from '../../lib/services/contacts/export-contacts-csv';
import type { ServiceContext } from '../../lib/services/context';
import { DEAL_CSV_COLUMNS, DEAL_EXPORT_BATCH, exportDealsCsv } from '../../lib/services/deals/export-deals-csv';
import { dealsTableFilterOf } from '../../lib/services/deals/deals-table-where-sql';
import { listDealsTable } from '../../lib/services/deals/list-deals-table';
import { putExchangeRates } from '../../lib/services/exchange-rates/put-exchange-rates';
import { updateDealAccessSettings } from '../../lib/services/settings/deal-access-settings';
import { call, createPipelineFixture, createUserWithKey } from '../setup/api';

// The CSV exports: GET /api/v1/deals/export gives the list's deals for the same filters in the same
// order, values and custom fields as people read them, formulas neutralised; the contacts,
// companies and a deal's changes export likewise; an export longer than one batch is whole; the
// deals table's export keeps the table's order, whatever the column.

const DAY = 86_400_000;
const CUSTOM_LABELS = ['Region', 'Seats', 'Renewal', 'Tier', 'Signed on'];

let owner: Awaited<ReturnType<typeof createUserWithKey>>;
let other: Awaited<ReturnType<typeof createUserWithKey>>;
let admin: Awaited<ReturnType<typeof createUserWithKey>>;
let sales: Awaited<ReturnType<typeof createPipelineFixture>>;
let partners: Awaited<ReturnType<typeof createPipelineFixture>>;

const ctxOf = (who: { user: ServiceContext['user'] }): ServiceContext => ({ user: who.user, source: 'ui' });

/** The bytes as UTF-8 text, a byte-order mark kept (Response.text() would drop it). */
async function readText(body: ReadableStream<Uint8Array> | Response): Promise<string> {
  const bytes = await (body instanceof Response ? body : new Response(body)).arrayBuffer();
  return new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
}

/** The CSV text as records (the byte-order mark checked and dropped). */
function records(text: string): string[][] {
  expect(text.startsWith('\uFEFF')).toBe(true);
  return parse(text.slice(1), { relax_column_count: false }) as string[][];
}

async function exportDeals(query: string, key = owner.key) {
  const response = await exportRoute.GET(new Request(`http://dealboard.test/api/v1/deals/export?${query}`, { headers: { 'x-api-key': key } }), {
    params: Promise.resolve({}),
  });
  return { status: response.status, headers: response.headers, text: await readText(response) };
}

async function exportedDeals(query: string, key = owner.key) {
  const answer = await exportDeals(query, key);
  expect(answer.status, answer.text).toBe(200);
  const [header, ...rows] = records(answer.text);
  expect(header).toEqual([...DEAL_CSV_COLUMNS, ...CUSTOM_LABELS]);
  return rows.map((row) => Object.fromEntries(header!.map((name, i) => [name, row[i]!])));
}

/** Every deal of GET /api/v1/deals for the query, page after page. */
async function listedDeals(query: string, key = owner.key) {
  const deals: { id: string; name: string }[] = [];
  let cursor: string | null = null;
  do {
    const answer = await call(dealsRoute.GET, 'GET', `/api/v1/deals?${query}&limit=200${cursor ? `&cursor=${cursor}` : ''}`, { key });
    expect(answer.status, JSON.stringify(answer.json)).toBe(200);
    deals.push(...answer.json.data);
    cursor = answer.json.next_cursor;
  } while (cursor);
  return deals;
}

beforeAll(async () => {
  owner = await createUserWithKey('rep', 'Olive Owner');
  other = await createUserWithKey('rep', 'Oscar Other');
  admin = await createUserWithKey('admin', 'Ada Admin');
  sales = await createPipelineFixture('Sales');
  partners = await createPipelineFixture('Partners', ['Intro', 'Signed']);
  const fields = [
    { key: 'region', label: 'Region', type: 'text' as const },
    { key: 'seats', label: 'Seats', type: 'number' as const },
    { key: 'renewal', label: 'Renewal', type: 'boolean' as const },
    { key: 'tier', label: 'Tier', type: 'select' as const, options: ['Gold', 'Silver'] },
    { key: 'signed_on', label: 'Signed on', type: 'date' as const },
  ];
  for (const [position, field] of fields.entries()) await db.customFieldDefinition.create({ data: { ...field, entity: 'deal', position } });
  const company = await db.company.create({ data: { name: 'Globex', domain: 'globex.test', externalId: 'crm-9' } });
  const contact = await db.contact.create({
    data: { firstName: 'Hank', lastName: 'Scorpio', email: 'hank@globex.test', phone: '+1 555 0100', companyId: company.id },
  });
  await db.contact.create({ data: { firstName: '=cmd', lastName: 'Attacker', email: 'x@evil.test' } });
  await db.company.create({ data: { name: '@Evil', domain: 'evil.test' } });
  const now = Date.now();
  const deals = [
    { name: 'Alpha small', value: 123450n, currency: 'USD', stage: sales.stages[0]!, status: 'open', ownerId: owner.user.id, age: 40 },
    { name: '=HYPERLINK("http://evil.test","x")', value: 1500n, currency: 'JPY', stage: sales.stages[1]!, status: 'open', ownerId: other.user.id, age: 30 },
    { name: '+1 call back', value: 1234n, currency: 'BHD', stage: sales.stages[3]!, status: 'won', ownerId: owner.user.id, age: 20, closed: true },
    { name: '-cmd deal', value: 700n, currency: 'EUR', stage: sales.stages[4]!, status: 'lost', ownerId: other.user.id, age: 10, closed: true },
    { name: '@x partner', value: 30000n, currency: 'USD', stage: partners.stages[0]!, status: 'stalled', ownerId: null, age: 5 },
    { name: 'Alpha partner', value: 5n, currency: 'USD', stage: partners.stages[1]!, status: 'open', ownerId: owner.user.id, age: 1 },
  ];
  for (const [i, deal] of deals.entries()) {
    await db.deal.create({
      data: {
        name: deal.name,
        value: deal.value,
        currency: deal.currency,
        pipelineId: deal.stage.pipelineId,
        stageId: deal.stage.id,
        status: deal.status as 'open',
        ownerId: deal.ownerId,
        createdAt: new Date(now - deal.age * DAY),
        closedAt: deal.closed ? new Date(Date.UTC(2026, 10, 3, 9, 30)) : null,
        lostReason: deal.status === 'lost' ? 'Price' : null,
        expectedClose: i === 0 ? new Date(Date.UTC(2026, 11, 31)) : null,
        contactId: i === 0 ? contact.id : null,
        companyId: i === 0 ? company.id : null,
        source: i === 0 ? 'web' : null,
        externalId: i === 0 ? 'ext-1' : null,
        customFields:
          i === 0
            ? { region: '-12.5', seats: 40, renewal: true, tier: 'Gold', signed_on: '2026-11-02' }
            : i === 1
              ? { region: '@SUM(A1)', renewal: false }
              : {},
        position: i,
      },
    });
  }
});

describe('GET /api/v1/deals/export', () => {
  it('answers a UTF-8 CSV attachment with a byte-order mark and CRLF records', async () => {
    const answer = await exportDeals('');
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(answer.headers.get('content-disposition')).toMatch(/^attachment; filename="deals-\d{4}-\d{2}-\d{2}\.csv"$/);
    expect(answer.text.startsWith(`\uFEFFID,Name,Pipeline,Stage,Status,Value,Currency,`)).toBe(true);
    expect(answer.text.endsWith('\r\n')).toBe(true);
  });

  it('has the list’s deals for the same filters, in the same order', async () => {
    const queries = [
      '',
      'status=open',
      'status=won,lost',
      `pipeline_id=${sales.pipelineId}`,
      `stage_id=${partners.stageIds[1]}`,
      `owner_id=${owner.publicId}`,
      'q=alpha',
      `q=alpha&owner_id=${owner.publicId}&pipeline_id=${partners.pipelineId}`,
      'sort=value',
      'sort=-name&status=open,stalled',
      'min_value=1000&max_value=200000',
    ];
    for (const query of queries) {
      const listed = await listedDeals(query);
      const exported = await exportedDeals(query);
      expect(
        exported.map((row) => row.ID),
        query,
      ).toEqual(listed.map((deal) => deal.id));
    }
    // a filter that matches something, so the comparisons above are not all empty
    expect((await exportedDeals(`owner_id=${owner.publicId}`)).length).toBe(3);
  });

  it('writes values in major units with the currency’s decimals, names, dates and custom fields as people read them', async () => {
    const rows = await exportedDeals('sort=created_at');
    const alpha = rows.find((row) => row.Name === 'Alpha small')!;
    expect(alpha).toMatchObject({
      Pipeline: 'Sales',
      Stage: 'Qualified',
      Status: 'open',
      Value: '1234.50',
      Currency: 'USD',
      'Expected close date': '2026-12-31',
      Owner: 'Olive Owner',
      'Owner email': owner.user.email,
      Contact: 'Hank Scorpio',
      'Contact email': 'hank@globex.test',
      Company: 'Globex',
      'Company domain': 'globex.test',
      Source: 'web',
      'External ID': 'ext-1',
      // a plain signed number stays a number; the other fields as the deal page shows them
      Region: '-12.5',
      Seats: '40',
      Renewal: 'Yes',
      Tier: 'Gold',
      'Signed on': '2026-11-02',
    });
    expect(alpha['Created at']).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    expect(rows.find((row) => row.Currency === 'JPY')!.Value).toBe('1500');
    const bhd = rows.find((row) => row.Currency === 'BHD')!;
    expect([bhd.Value, bhd['Closed at']]).toEqual(['1.234', '2026-11-03T09:30:00Z']);
    expect(rows.find((row) => row.Currency === 'EUR')).toMatchObject({ Value: '7.00', 'Lost reason': 'Price', Status: 'lost' });
    expect(rows.find((row) => row.Name?.includes('partner') && row.Status === 'stalled')).toMatchObject({ Owner: '', Region: '', Renewal: '' });
  });

  it('neutralises cells that would start a formula', async () => {
    const rows = await exportedDeals('sort=created_at');
    expect(rows.map((row) => row.Name)).toEqual([
      'Alpha small',
      `'=HYPERLINK("http://evil.test","x")`,
      "'+1 call back",
      "'-cmd deal",
      "'@x partner",
      'Alpha partner',
    ]);
    expect(rows[1]).toMatchObject({ Region: "'@SUM(A1)", Renewal: 'No' });
  });

  it('gives a rep under "reps edit only their own deals" what their list shows: every deal (the setting limits changes, not reading)', async () => {
    await updateDealAccessSettings({ ctx: ctxOf(admin), input: { repsEditOwnDealsOnly: true } });
    try {
      const listed = await listedDeals('', other.key);
      const exported = await exportedDeals('', other.key);
      expect(exported.map((row) => row.ID)).toEqual(listed.map((deal) => deal.id));
      expect(exported.length).toBe(6);
    } finally {
      await updateDealAccessSettings({ ctx: ctxOf(admin), input: { repsEditOwnDealsOnly: false } });
    }
  });

  it('refuses a request without a key with 401 JSON', async () => {
    const response = await exportRoute.GET(new Request('http://dealboard.test/api/v1/deals/export'), { params: Promise.resolve({}) });
    expect(response.status).toBe(401);
    expect((await response.json()).error.code).toBe('unauthorized');
  });

  it('refuses a bad filter with 400 JSON naming it', async () => {
    for (const query of ['status=bogus', 'pipeline_id=nope', 'sort=colour', 'unknown=1']) {
      const answer = await exportDeals(query);
      expect(answer.status, query).toBe(400);
      expect(answer.headers.get('content-type')).toContain('application/json');
      const body = JSON.parse(answer.text);
      expect(body.error.details.length, query).toBeGreaterThan(0);
    }
  });
});

describe('the app’s exports', () => {
  it('exports the deals table’s filters (the board’s too)', async () => {
    const params = parseDealsTableParams(new URLSearchParams({ status: 'all', q: 'alpha', pipeline: partners.pipelineId }));
    const text = await readText(await exportDealsCsv({ ctx: ctxOf(owner), input: { filter: { kind: 'table', params } } }));
    const [, ...rows] = records(text);
    expect(rows.map((row) => row[1])).toEqual(['Alpha partner']);
    // the table's default: open deals, last updated first
    const open = records(
      await readText(await exportDealsCsv({ ctx: ctxOf(owner), input: { filter: { kind: 'table', params: parseDealsTableParams(null) } } })),
    );
    expect(open.slice(1).map((row) => row[4])).toEqual(['open', 'open', 'open']);
  });

  it('exports contacts and companies for the table’s search', async () => {
    const contacts = records(await readText(exportContactsCsv({ ctx: ctxOf(owner), input: {} })));
    expect(contacts[0]).toEqual(CONTACT_CSV_COLUMNS);
    expect(contacts.slice(1)).toEqual([
      [expect.stringMatching(/^cont_/), 'Hank', 'Scorpio', 'hank@globex.test', "'+1 555 0100", 'Globex', 'globex.test', '', expect.any(String)],
      [expect.stringMatching(/^cont_/), "'=cmd", 'Attacker', 'x@evil.test', '', '', '', '', expect.any(String)],
    ]);
    expect(records(await readText(exportContactsCsv({ ctx: ctxOf(owner), input: { q: 'hank' } }))).length).toBe(2);
    const companies = records(await readText(exportCompaniesCsv({ ctx: ctxOf(owner), input: { q: 'globex' } })));
    expect(companies).toEqual([COMPANY_CSV_COLUMNS, [expect.stringMatching(/^comp_/), 'Globex', 'globex.test', 'crm-9', expect.any(String)]]);
    expect(records(await readText(exportCompaniesCsv({ ctx: ctxOf(owner), input: {} }))).map((row) => row[1])).toEqual(['Name', 'Globex', "'@Evil"]);
  });

  it('exports a deal’s change record with the audit log’s columns', async () => {
    const created = await call(dealsRoute.POST, 'POST', '/api/v1/deals', {
      key: owner.key,
      body: { name: 'Audited deal', pipeline_id: sales.pipelineId, stage_id: sales.stageIds[0], value: 1000 },
    });
    expect(created.status).toBe(201);
    const dealId = created.json.data.id as string;
    const renamed = await call(dealRoute.PATCH, 'PATCH', `/api/v1/deals/${dealId}`, {
      key: owner.key,
      params: { id: dealId },
      body: { name: 'Audited deal 2' },
    });
    expect(renamed.status, JSON.stringify(renamed.json)).toBe(200);
    const rows = records(await readText(await exportDealChangesCsv({ ctx: ctxOf(owner), input: { dealId: fromPublicId('deal', dealId)! } })));
    expect(rows[0]).toEqual(AUDIT_LOG_CSV_HEADER);
    const types = rows.slice(1).map((row) => row[2]);
    expect(types).toEqual(['deal.updated', 'deal.created']);
    expect(rows.slice(1).every((row) => row[5] === dealId)).toBe(true);
  });
});

describe('an export longer than one batch', () => {
  it('has every deal once, in the list’s order', async () => {
    const bulk = await createPipelineFixture('Bulk', ['Only']);
    const count = DEAL_EXPORT_BATCH + 500;
    // many deals share a creation instant, so the order rests on the ID tie-break across batches
    const createdAt = new Date(Date.now() - DAY);
    await db.deal.createMany({
      data: Array.from({ length: count }, (_, i) => ({
        name: `Bulk ${i}`,
        value: BigInt(i),
        pipelineId: bulk.pipeline.id,
        stageId: bulk.stages[0]!.id,
        createdAt: i % 3 === 0 ? createdAt : new Date(createdAt.getTime() + i),
        position: i,
      })),
    });
    for (const query of [`pipeline_id=${bulk.pipelineId}`, `pipeline_id=${bulk.pipelineId}&sort=value`]) {
      const exported = (await exportedDeals(query)).map((row) => row.ID);
      expect(exported.length).toBe(count);
      expect(new Set(exported).size).toBe(count);
      expect(exported).toEqual((await listedDeals(query)).map((deal) => deal.id));
    }
    const table = records(
      await readText(
        await exportDealsCsv({
          ctx: ctxOf(owner),
          input: { filter: { kind: 'table', params: parseDealsTableParams({ pipeline: bulk.pipelineId, sort: 'created' }) } },
        }),
      ),
    );
    expect(new Set(table.slice(1).map((row) => row[0])).size).toBe(count);
  });
});

describe('a table export in the table’s order', () => {
  it('comes out as the table lists it, for every column either way, across batches', async () => {
    const ordered = await createPipelineFixture('Ordered', ['First', 'Second']);
    // EUR converts, CHF has no rate: value sorts by the converted value with CHF deals last
    await putExchangeRates({ ctx: ctxOf(admin), input: { rates: [{ currency: 'EUR', rate: '1.1', valid_from: '2026-01-01' }] } });
    const count = DEAL_EXPORT_BATCH + 300;
    const base = Date.UTC(2026, 5, 1);
    const owners = [owner.user.id, other.user.id, admin.user.id, null];
    const statuses = ['open', 'won', 'lost', 'stalled'] as const;
    // many ties and empty values, so the order rests on NULLS LAST and the ID across batches
    await db.deal.createMany({
      data: Array.from({ length: count }, (_, i) => {
        const status = statuses[i % 4]!;
        return {
          name: `${['b', 'A', 'a', 'B', 'c'][i % 5]} ordered`,
          value: BigInt((i * 37) % 1_000),
          currency: ['USD', 'EUR', 'CHF'][i % 3]!,
          pipelineId: ordered.pipeline.id,
          stageId: ordered.stages[i % 2]!.id,
          status,
          lostReason: status === 'lost' ? [null, 'Price', ' price ', '', 'Timing'][(i >> 2) % 5] : null,
          closedAt: status === 'won' || status === 'lost' ? new Date(base) : null,
          ownerId: owners[(i >> 1) % 4],
          expectedClose: i % 7 === 0 ? null : new Date(base + (i % 30) * DAY),
          createdAt: new Date(base + (i % 10)),
          // cards lower in their column than the deals made after them
          position: count - i,
        };
      }),
    });
    for (const sort of DEALS_TABLE_SORTS) {
      for (const dir of ['asc', 'desc'] as const) {
        const params = parseDealsTableParams({ pipeline: ordered.pipelineId, status: 'all', sort, dir });
        const table = await listDealsTable({ ctx: ctxOf(owner), input: { ...dealsTableFilterOf(params), sort, dir, page: 1, pageSize: count } });
        expect(table.total).toBe(count);
        const exported = records(await readText(await exportDealsCsv({ ctx: ctxOf(owner), input: { filter: { kind: 'table', params } } })));
        expect(
          exported.slice(1).map((row) => row[0]),
          `${sort} ${dir}`,
        ).toEqual(table.rows.map((row) => toPublicId('deal', row.id)));
      }
    }
    // by stage is board order: the stages left to right, each stage's cards top to bottom
    const board = records(
      await readText(
        await exportDealsCsv({
          ctx: ctxOf(owner),
          input: { filter: { kind: 'table', params: parseDealsTableParams({ pipeline: ordered.pipelineId, status: 'all', sort: 'stage', dir: 'asc' }) } },
        }),
      ),
    );
    const cards = await db.deal.findMany({
      where: { pipelineId: ordered.pipeline.id },
      orderBy: [{ stage: { position: 'asc' } }, { position: 'asc' }, { id: 'asc' }],
      select: { id: true },
    });
    expect(board.slice(1).map((row) => row[0])).toEqual(cards.map((card) => toPublicId('deal', card.id)));
  });
});
