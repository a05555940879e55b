import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as importsRoute from '../../app/api/v1/imports/route';
import * as importRoute from '../../app/api/v1/imports/[id]/route';
import * as rejectedRoute from '../../app/api/v1/imports/[id]/rejected-rows/route';
import * as undoRoute from '../../app/api/v1/imports/[id]/undo/route';
import * as dealRoute from '../../app/api/v1/deals/[id]/route';
import * as tasksRoute from '../../app/api/v1/tasks/route';
import { db } from '../../lib/db';
import { fromPublicId, toPublicId } from '../../lib/ids';
import { IMPORT_FILE_PIECE_BYTES } from '../../lib/services/imports/import-file';
import { runImport } from '../../lib/services/imports/run-import';
import { stopWebhookQueue } from '../../lib/webhooks/webhook-queue';
import { call, createPipelineFixture, createUserWithKey } from '../setup/api';

// CSV import through the REST API: the fixtures of tests/fixtures/imports (a Pipedrive and a
// HubSpot export, a Windows-1252 semicolon file, a file with bad rows), matching, dry run, undo.

const FIXTURES = path.join(import.meta.dirname, '../fixtures/imports');
let admin: Awaited<ReturnType<typeof createUserWithKey>>;
let rep: Awaited<ReturnType<typeof createUserWithKey>>;
let sales: Awaited<ReturnType<typeof createPipelineFixture>>;

beforeAll(async () => {
  admin = await createUserWithKey('admin', 'Ivy Importer');
  rep = await createUserWithKey('rep');
  await db.user.create({ data: { email: 'olivia@example.test', name: 'Olivia Owner', role: 'rep' } });
  sales = await createPipelineFixture('Sales Pipeline');
});

afterAll(async () => {
  await stopWebhookQueue();
});

function form(file: Buffer | string, fileName: string, fields: Record<string, string>): FormData {
  const data = new FormData();
  data.set('file', new File([typeof file === 'string' ? file : new Uint8Array(file)], fileName, { type: 'text/csv' }));
  for (const [name, value] of Object.entries(fields)) data.set(name, value);
  return data;
}

async function post(body: FormData | string, key = admin.key, contentType?: string) {
  const headers: Record<string, string> = { 'x-api-key': key };
  if (contentType) headers['content-type'] = contentType;
  const response = await importsRoute.POST(new Request('http://dealboard.test/api/v1/imports', { method: 'POST', headers, body }), {
    params: Promise.resolve({}),
  });
  return { status: response.status, json: await response.json() };
}

const fixture = (name: string) => fs.readFileSync(path.join(FIXTURES, name));

/** Posts a file, runs the queued import (as the worker does) and answers the finished import. */
async function importFile(file: Buffer | string, fileName: string, fields: Record<string, string>) {
  const answer = await post(form(file, fileName, fields));
  expect(answer.status, JSON.stringify(answer.json)).toBe(202);
  expect(answer.json.data.status).toBe('queued');
  await runImport(fromPublicId('import', answer.json.data.id)!);
  const done = await call(importRoute.GET, 'GET', `/api/v1/imports/${answer.json.data.id}`, { key: admin.key, params: { id: answer.json.data.id } });
  expect(done.status).toBe(200);
  return done.json.data;
}

const stageId = (name: string) => sales.stages.find((s) => s.name === name)!.id;

describe('POST /api/v1/imports', () => {
  it('imports a Pipedrive deals export with its stages, values, owners, contacts and companies', async () => {
    const result = await importFile(fixture('pipedrive-deals.csv'), 'pipedrive-deals.csv', { entity: 'deals' });
    expect(result).toMatchObject({ status: 'done', total_rows: 5, done_rows: 5, created: 5, updated: 0, skipped: 0, rejected: 0 });
    expect(result.mapping['Deal - Title']).toBe('name');
    const deals = await db.deal.findMany({
      where: { externalId: { in: ['101', '102', '103', '104', '105'] } },
      include: { contact: true, company: true, owner: true },
      orderBy: { externalId: 'asc' },
    });
    expect(deals.map((d) => [d.name, d.stageId, d.value, d.currency, d.status])).toEqual([
      ['Acme renewal', stageId('Proposal Sent'), 1250050n, 'EUR', 'open'],
      ['Globex expansion', stageId('Qualified'), 800000n, 'USD', 'open'],
      ['Initech licences', stageId('Won'), 300000n, 'USD', 'won'],
      ['Umbrella pilot', stageId('Lost'), 45075n, 'GBP', 'lost'],
      ['Acme add-on', stageId('Qualified'), 10000n, 'EUR', 'open'],
    ]);
    expect(deals[0]!.owner?.name).toBe('Olivia Owner');
    expect(deals[1]!.ownerId).toBeNull();
    expect(deals[1]!.externalOwner).toEqual({ name: 'Someone Else', email: null });
    expect(deals[2]!.closedAt).not.toBeNull();
    expect(deals[3]!.lostReason).toBe('Price too high');
    expect(deals[0]!.contact).toMatchObject({ firstName: 'Ada', lastName: 'Lovelace', email: 'ada@acme.test' });
    expect(deals[0]!.company?.name).toBe('Acme GmbH');
    // the same person and organisation on two rows are one contact and one company
    expect(deals[4]!.contactId).toBe(deals[0]!.contactId);
    expect(deals[4]!.companyId).toBe(deals[0]!.companyId);
    expect(await db.dealContact.count({ where: { dealId: deals[0]!.id } })).toBe(1);
    const history = await db.stageHistory.findMany({ where: { dealId: { in: deals.map((d) => d.id) } } });
    expect(history).toHaveLength(5);
    expect(history.every((h) => h.source === 'import' && h.fromStageId === null)).toBe(true);
    // the change record says who imported them, through the import channel
    const events = await db.changeEvent.findMany({ where: { type: 'deal.created', dealId: deals[0]!.id } });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ channel: 'import', actorUserId: admin.user.id });
  });

  it('imports a HubSpot deals export, mapping its internal stage ids and rejecting an unknown one', async () => {
    const result = await importFile(fixture('hubspot-deals.csv'), 'hubspot-deals.csv', { entity: 'deals' });
    expect(result).toMatchObject({ created: 3, rejected: 1 });
    expect(result.results[3]).toMatchObject({ row: 5, outcome: 'rejected' });
    expect(result.results[3].reason).toContain('Stage "qualifiedsomething" does not exist in pipeline "Sales Pipeline"');
    const deals = await db.deal.findMany({
      where: { externalId: { in: ['9001', '9002', '9003'] } },
      include: { contact: true, company: true },
      orderBy: { externalId: 'asc' },
    });
    expect(deals.map((d) => [d.stageId, d.status, d.value])).toEqual([
      [stageId('Qualified'), 'open', 2500000n],
      [stageId('Won'), 'won', 100000000n],
      [stageId('Proposal Sent'), 'open', 49999n],
    ]);
    expect(deals[0]!.contact).toMatchObject({ firstName: 'Tony', lastName: 'Stark', email: 'tony@stark.test' });
    expect(deals[0]!.company?.name).toBe('Stark Industries');
    expect(deals[0]!.expectedClose?.toISOString()).toBe('2027-02-01T00:00:00.000Z');
  });

  it('reads a semicolon-separated Windows-1252 file with € amounts, a decimal comma and accented names', async () => {
    const result = await importFile(fixture('windows-1252-semicolon.csv'), 'excel.csv', { entity: 'deals' });
    expect(result).toMatchObject({ created: 3, rejected: 0 });
    const deals = await db.deal.findMany({
      where: { id: { in: result.results.map((r: { record_id: string }) => fromPublicId('deal', r.record_id)!) } },
      include: { contact: true, company: true },
      orderBy: { id: 'asc' },
    });
    expect(deals.map((d) => [d.name, d.value, d.currency])).toEqual([
      ['Café Crème – Müller', 123450n, 'EUR'],
      ['“Señor” Peña order', 9990n, 'EUR'],
      ['Zoë’s Bäckerei', 200000n, 'EUR'],
    ]);
    expect(deals[0]!.contact?.firstName).toBe('François');
    expect(deals[2]!.company?.name).toBe('Bäckerei Weiß GmbH');
  });

  it('reads a file longer than one stored piece: a character across the cut, an encoding decided at the end', async () => {
    const header = 'Name,Pipeline,Stage,Value,Currency,External ID\r\n';
    const row = (name: string, i: number) => `${name},Sales Pipeline,Qualified,10,EUR,piece-${name.length}-${i}\r\n`;
    /** rows of padding up to `end` bytes, then the row named `name` at that spot */
    const fill = (lines: string[], end: number) => {
      let length = Buffer.byteLength(lines.join(''));
      for (let i = lines.length; length + 80 < end; i += 1) {
        const line = row(`Deal ${i}`.padEnd(20, '.'), i);
        lines.push(line);
        length += Buffer.byteLength(line);
      }
      return length;
    };
    // UTF-8: the € of one deal's name straddles the first 1 MiB piece's end
    const utf8Lines = [header];
    const before = fill(utf8Lines, IMPORT_FILE_PIECE_BYTES);
    const lead = 'Straddle '.padEnd(IMPORT_FILE_PIECE_BYTES - before - 1, 'x');
    utf8Lines.push(row(`${lead}€`, utf8Lines.length));
    const utf8 = Buffer.from(utf8Lines.join(''), 'utf8');
    expect(utf8.indexOf(Buffer.from('€'))).toBe(IMPORT_FILE_PIECE_BYTES - 1);
    const utf8Result = await importFile(utf8, 'long-utf8.csv', { entity: 'deals' });
    expect(utf8Result).toMatchObject({ status: 'done', created: utf8Lines.length - 1, rejected: 0 });
    expect(await db.deal.count({ where: { name: `${lead}€` } })).toBe(1);

    // Windows-1252: the one byte that is not UTF-8 comes in the second piece, after the separator was read
    const cp1252Lines = [header];
    fill(cp1252Lines, IMPORT_FILE_PIECE_BYTES + 4096);
    cp1252Lines.push(row('Last café', cp1252Lines.length));
    const cp1252 = Buffer.from(cp1252Lines.join(''), 'latin1');
    const cp1252Result = await importFile(cp1252, 'long-1252.csv', { entity: 'deals', on_match: 'skip' });
    expect(cp1252Result).toMatchObject({ status: 'done', rejected: 0 });
    expect(cp1252Result.created + cp1252Result.skipped).toBe(cp1252Lines.length - 1);
    expect(await db.deal.count({ where: { name: 'Last café' } })).toBe(1);
  });

  it('rejects bad rows with reasons without blocking the others, and lists them as a CSV', async () => {
    const result = await importFile(fixture('bad-rows.csv'), 'bad-rows.csv', { entity: 'deals' });
    expect(result).toMatchObject({ created: 2, updated: 0, skipped: 0, rejected: 6 });
    const byRow = Object.fromEntries(result.results.map((r: { row: number; outcome: string; reason: string | null }) => [r.row, r]));
    expect(byRow[2].outcome).toBe('created');
    expect(byRow[3].reason).toBe('Name is required to create a deal');
    expect(byRow[4].reason).toContain('Value must be a decimal number');
    expect(byRow[5].reason).toContain('Expected close date');
    expect(byRow[6].reason).toBe('A deal in stage "Won" is won; it cannot be lost');
    expect(byRow[7].reason).toBe('External ID appears earlier in this file (row 2)');
    expect(byRow[8].reason).toContain('Currency "DOLLARS"');
    expect(byRow[9].outcome).toBe('created');
    expect(result.rejected_rows_url).toBe(`/api/v1/imports/${result.id}/rejected-rows`);
    const response = await rejectedRoute.GET(new Request(`http://dealboard.test${result.rejected_rows_url}`, { headers: { 'x-api-key': admin.key } }), {
      params: Promise.resolve({ id: result.id }),
    });
    expect(response.headers.get('content-type')).toContain('text/csv');
    const text = await response.text();
    const lines = text.replace(/^\uFEFF/, '').split('\r\n');
    expect(lines[0]).toBe('Name,Pipeline,Stage,Status,Value,Currency,Expected close date,Contact email,External ID,Row,Reason');
    expect(lines).toHaveLength(8); // header, six rows, the final line break
    expect(lines[1]).toBe(',Sales Pipeline,Qualified,open,10,USD,,,ext-2,3,Name is required to create a deal');
    // a cell a spreadsheet would run as a formula is neutralised
    expect(lines[6]).toContain(`"'=HYPERLINK(""http://evil.test"")"`);
  });
});

describe('matching existing records', () => {
  it('matches deals by external ID: update or skip', async () => {
    const csv = 'External ID,Name,Stage,Value,Currency\r\nm-1,Match me,Qualified,100,USD\r\n';
    const first = await importFile(csv, 'm.csv', { entity: 'deals' });
    expect(first.created).toBe(1);
    const skipped = await importFile('External ID,Name,Stage,Value\r\nm-1,Renamed,Contact Made,200\r\n', 'm.csv', { entity: 'deals', on_match: 'skip' });
    expect(skipped).toMatchObject({ created: 0, updated: 0, skipped: 1 });
    const updated = await importFile('External ID,Name,Stage,Value\r\nm-1,Renamed,Contact Made,200\r\n', 'm.csv', { entity: 'deals', on_match: 'update' });
    expect(updated).toMatchObject({ created: 0, updated: 1, skipped: 0 });
    const deal = await db.deal.findFirstOrThrow({ where: { externalId: 'm-1' } });
    expect([deal.name, deal.stageId, deal.value, deal.currency]).toEqual(['Renamed', stageId('Contact Made'), 20000n, 'USD']);
    const history = await db.stageHistory.findMany({ where: { dealId: deal.id }, orderBy: { id: 'asc' } });
    expect(history.map((h) => [h.fromStageId, h.toStageId, h.source])).toEqual([
      [null, stageId('Qualified'), 'import'],
      [stageId('Qualified'), stageId('Contact Made'), 'import'],
    ]);
  });

  it('matches contacts by email and companies by domain', async () => {
    await db.contact.create({ data: { firstName: 'Grace', lastName: 'H', email: 'grace@navy.test' } });
    await db.company.create({ data: { name: 'Navy', domain: 'navy.test' } });
    const contacts = await importFile(
      'First name,Last name,Email,Company domain\r\nGrace,Hopper,grace@navy.test,navy.test\r\nNew,Person,new@navy.test,navy.test\r\n',
      'c.csv',
      {
        entity: 'contacts',
      },
    );
    expect(contacts).toMatchObject({ created: 1, updated: 1 });
    const grace = await db.contact.findFirstOrThrow({ where: { email: 'grace@navy.test' }, include: { company: true } });
    expect([grace.lastName, grace.company?.name]).toEqual(['Hopper', 'Navy']);
    const companies = await importFile('Name,Domain\r\nUS Navy,https://www.navy.test/\r\nFresh Co,fresh.test\r\n', 'co.csv', {
      entity: 'companies',
      on_match: 'skip',
    });
    expect(companies).toMatchObject({ created: 1, skipped: 1 });
    expect(await db.company.count({ where: { domain: 'navy.test' } })).toBe(1);
  });
});

describe('dry run and undo', () => {
  it('a dry run answers what would happen to each row and writes nothing', async () => {
    const before = { deals: await db.deal.count(), events: await db.changeEvent.count(), imports: await db.import.count() };
    const answer = await post(
      form(fixture('bad-rows.csv'), 'bad-rows.csv', {
        entity: 'deals',
        dry_run: 'true',
        mapping: JSON.stringify({ Name: 'name', Stage: 'stage', Value: 'value', 'External ID': 'external_id' }),
      }),
    );
    expect(answer.status).toBe(200);
    expect(answer.json.data).toMatchObject({ id: null, status: 'dry_run', dry_run: true, total_rows: 8 });
    // ext-1 and ext-8 exist (the bad-rows import): they would be updated; rows 3 (no name), 4 (bad
    // value) and 7 (ext-1 again) are refused; the other rows' problems are in columns left unmapped
    expect(answer.json.data.results.map((r: { outcome: string }) => r.outcome)).toEqual([
      'updated',
      'rejected',
      'rejected',
      'created',
      'created',
      'rejected',
      'created',
      'updated',
    ]);
    expect({ deals: await db.deal.count(), events: await db.changeEvent.count(), imports: await db.import.count() }).toEqual(before);
  });

  it('undo removes what the import created and gives updated records their previous values', async () => {
    await importFile('External ID,Name,Stage,Value\r\nu-1,Before,Qualified,10\r\n', 'u.csv', { entity: 'deals' });
    const result = await importFile(
      'External ID,Name,Stage,Value,Contact email,Company domain\r\nu-1,After,Proposal Sent,99,undo@undo.test,undo.test\r\nu-2,Brand new,Qualified,5,,\r\n',
      'u.csv',
      {
        entity: 'deals',
      },
    );
    expect(result).toMatchObject({ created: 1, updated: 1 });
    expect(result.undo_until).not.toBeNull();
    expect(result.changed_since).toBe(0);
    // after the import, the deal it updated is renamed and the one it created gets a task: the import
    // says so before an undo takes those changes back
    const updatedId = toPublicId('deal', (await db.deal.findFirstOrThrow({ where: { externalId: 'u-1' } })).id);
    const createdId = toPublicId('deal', (await db.deal.findFirstOrThrow({ where: { externalId: 'u-2' } })).id);
    expect(
      (await call(dealRoute.PATCH, 'PATCH', `/api/v1/deals/${updatedId}`, { key: admin.key, params: { id: updatedId }, body: { name: 'After, renamed' } }))
        .status,
    ).toBe(200);
    expect((await call(tasksRoute.POST, 'POST', '/api/v1/tasks', { key: admin.key, body: { title: 'Call back', deal_id: createdId } })).status).toBe(201);
    const checked = await call(importRoute.GET, 'GET', `/api/v1/imports/${result.id}`, { key: admin.key, params: { id: result.id } });
    expect(checked.json.data.changed_since).toBe(2);
    const undone = await call(undoRoute.POST, 'POST', `/api/v1/imports/${result.id}/undo`, { key: admin.key, params: { id: result.id } });
    expect(undone.status).toBe(200);
    expect(undone.json.data).toMatchObject({ status: 'undone', undo_until: null, changed_since: null });
    const deal = await db.deal.findFirstOrThrow({ where: { externalId: 'u-1' } });
    expect([deal.name, deal.stageId, deal.value, deal.contactId, deal.companyId]).toEqual(['Before', stageId('Qualified'), 1000n, null, null]);
    expect(await db.deal.count({ where: { externalId: 'u-2' } })).toBe(0);
    expect(await db.contact.count({ where: { email: 'undo@undo.test' } })).toBe(0);
    expect(await db.company.count({ where: { domain: 'undo.test' } })).toBe(0);
    expect(await db.dealContact.count({ where: { dealId: deal.id } })).toBe(0);
    expect(await db.dealCompany.count({ where: { dealId: deal.id } })).toBe(0);
    const history = await db.stageHistory.findMany({ where: { dealId: deal.id }, orderBy: { id: 'asc' } });
    expect(history.map((h) => h.toStageId)).toEqual([stageId('Qualified'), stageId('Proposal Sent'), stageId('Qualified')]);
    // the change record shows the restore and the removal, by the admin through the import channel
    const events = await db.changeEvent.findMany({ where: { recordType: 'deal', recordId: String(deal.id) }, orderBy: { id: 'desc' }, take: 1 });
    expect(events[0]).toMatchObject({ type: 'deal.stage_changed', channel: 'import', actorUserId: admin.user.id });
    const again = await call(undoRoute.POST, 'POST', `/api/v1/imports/${result.id}/undo`, { key: admin.key, params: { id: result.id } });
    expect(again.status).toBe(409);
  });

  it('refuses undo after 7 days', async () => {
    const result = await importFile('External ID,Name\r\nold-1,Old\r\n', 'old.csv', { entity: 'deals' });
    await db.import.update({ where: { id: fromPublicId('import', result.id)! }, data: { finishedAt: new Date(Date.now() - 8 * 24 * 60 * 60 * 1000) } });
    const answer = await call(undoRoute.POST, 'POST', `/api/v1/imports/${result.id}/undo`, { key: admin.key, params: { id: result.id } });
    expect(answer.status).toBe(409);
    expect(answer.json.error.message).toContain('7 days');
    expect(await db.deal.count({ where: { externalId: 'old-1' } })).toBe(1);
  });
});

describe('refusals', () => {
  it('refuses a rep', async () => {
    const answer = await post(form('Name\r\nX\r\n', 'x.csv', { entity: 'deals' }), rep.key);
    expect(answer.status).toBe(403);
    expect(answer.json.error.code).toBe('forbidden');
  });

  it('answers bad multipart input with a 4xx JSON error and imports nothing', async () => {
    const before = await db.import.count();
    const notMultipart = await post('{"entity":"deals"}', admin.key, 'application/json');
    expect(notMultipart.status).toBe(400);
    expect(notMultipart.json.error.details[0].path).toBe('file');
    const noFile = new FormData();
    noFile.set('entity', 'deals');
    expect((await post(noFile)).json.error.details[0].path).toBe('file');
    const badEntity = await post(form('Name\r\nX\r\n', 'x.csv', { entity: 'tickets' }));
    expect(badEntity.status).toBe(400);
    expect(badEntity.json.error.details[0].path).toBe('entity');
    const badMapping = await post(form('Name\r\nX\r\n', 'x.csv', { entity: 'deals', mapping: '{"Nope":"name","Name":"colour"}' }));
    expect(badMapping.status).toBe(400);
    expect(badMapping.json.error.details.map((d: { path: string }) => d.path)).toEqual(['mapping.Nope', 'mapping.Name']);
    const notJson = await post(form('Name\r\nX\r\n', 'x.csv', { entity: 'deals', mapping: '{' }));
    expect(notJson.status).toBe(400);
    const empty = await post(form('', 'x.csv', { entity: 'deals' }));
    expect(empty.status).toBe(400);
    const broken = await post(form('Name,Value\r\n"unclosed,1\r\n', 'x.csv', { entity: 'deals', dry_run: 'true' }));
    expect(broken.status).toBe(422);
    expect(broken.json.error.message).toContain('not valid CSV');
    const truncated = await importsRoute.POST(
      new Request('http://dealboard.test/api/v1/imports', {
        method: 'POST',
        headers: { 'x-api-key': admin.key, 'content-type': 'multipart/form-data; boundary=xyz' },
        body: '--xyz\r\nContent-Disposition: form-data; name="file"',
      }),
      { params: Promise.resolve({}) },
    );
    expect(truncated.status).toBe(400);
    expect(await db.import.count()).toBe(before);
  });
});
