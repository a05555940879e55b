import { beforeAll, describe, expect, it } from 'vitest';
import * as dealsRoute from '../../app/api/v1/deals/route';
import * as dealRoute from '../../app/api/v1/deals/[id]/route';
import { db } from '../../lib/db';
import { toPublicId } from '../../lib/ids';
import { call, createPipelineFixture, createUserWithKey } from '../setup/api';

// GET /deals: every filter of rex-deals-api.md, q, sort, and cursor pagination that neither
// repeats nor skips while rows come and go.

const DAY = 86_400_000;
let key: string;
let owner: Awaited<ReturnType<typeof createUserWithKey>>;
let other: Awaited<ReturnType<typeof createUserWithKey>>;
let sales: Awaited<ReturnType<typeof createPipelineFixture>>;
let partners: Awaited<ReturnType<typeof createPipelineFixture>>;
let contactId: number;
let companyId: number;

async function list(query: string) {
  const answer = await call(dealsRoute.GET, 'GET', `/api/v1/deals?${query}`, { key });
  expect(answer.status, JSON.stringify(answer.json)).toBe(200);
  return answer.json as { data: { id: string; name: string; value: number }[]; has_more: boolean; next_cursor: string | null };
}

const names = (page: { data: { name: string }[] }) => page.data.map((d) => d.name).sort();

beforeAll(async () => {
  owner = await createUserWithKey('rep', 'Owner');
  other = await createUserWithKey('rep', 'Other');
  key = owner.key;
  sales = await createPipelineFixture('Sales');
  partners = await createPipelineFixture('Partners', ['Intro', 'Signed']);
  const company = await db.company.create({ data: { name: 'Globex' } });
  const contact = await db.contact.create({ data: { firstName: 'Hank', lastName: 'Scorpio', companyId: company.id } });
  contactId = contact.id;
  companyId = company.id;
  const now = Date.now();
  const rows = [
    {
      name: 'Alpha small',
      value: 1000n,
      stage: sales.stages[0]!,
      status: 'open',
      ownerId: owner.user.id,
      createdAt: new Date(now - 40 * DAY),
      lastActivityAt: new Date(now - 30 * DAY),
    },
    {
      name: 'Beta medium',
      value: 50000n,
      stage: sales.stages[1]!,
      status: 'open',
      ownerId: other.user.id,
      createdAt: new Date(now - 20 * DAY),
      lastActivityAt: new Date(now - 1 * DAY),
      contactId,
    },
    {
      name: 'Gamma large',
      value: 900000n,
      stage: sales.stages[3]!,
      status: 'won',
      ownerId: owner.user.id,
      createdAt: new Date(now - 10 * DAY),
      lastActivityAt: null,
      companyId,
    },
    {
      name: 'Delta lost',
      value: 7000n,
      stage: sales.stages[4]!,
      status: 'lost',
      ownerId: other.user.id,
      createdAt: new Date(now - 5 * DAY),
      lastActivityAt: new Date(now - 2 * DAY),
    },
    {
      name: 'Epsilon partner',
      value: 30000n,
      stage: partners.stages[0]!,
      status: 'stalled',
      ownerId: owner.user.id,
      createdAt: new Date(now - 2 * DAY),
      lastActivityAt: null,
    },
  ] as const;
  for (const [i, r] of rows.entries()) {
    await db.deal.create({
      data: {
        name: r.name,
        value: r.value,
        pipelineId: r.stage.pipelineId,
        stageId: r.stage.id,
        status: r.status,
        ownerId: r.ownerId,
        createdAt: r.createdAt,
        lastActivityAt: r.lastActivityAt,
        contactId: 'contactId' in r ? r.contactId : null,
        companyId: 'companyId' in r ? r.companyId : null,
        position: i,
      },
    });
  }
  // Delta is linked to the contact without being its primary deal
  const delta = await db.deal.findFirstOrThrow({ where: { name: 'Delta lost' } });
  await db.dealContact.create({ data: { dealId: delta.id, contactId } });
});

describe('GET /deals filters', () => {
  it('lists everything newest first by default', async () => {
    const page = await list('');
    expect(page.data.map((d) => d.name)).toEqual(['Epsilon partner', 'Delta lost', 'Gamma large', 'Beta medium', 'Alpha small']);
    expect(page.has_more).toBe(false);
    expect(page.next_cursor).toBeNull();
  });

  it('filters by status (one or several), pipeline, stage and owner', async () => {
    expect(names(await list('status=open'))).toEqual(['Alpha small', 'Beta medium']);
    expect(names(await list('status=won,lost'))).toEqual(['Delta lost', 'Gamma large']);
    expect(names(await list(`pipeline_id=${partners.pipelineId}`))).toEqual(['Epsilon partner']);
    expect(names(await list(`stage_id=${sales.stageIds[1]}`))).toEqual(['Beta medium']);
    expect(names(await list(`owner_id=${other.publicId}`))).toEqual(['Beta medium', 'Delta lost']);
    expect(names(await list(`status=open&pipeline_id=${sales.pipelineId}&limit=25`))).toEqual(['Alpha small', 'Beta medium']);
  });

  it('filters by contact and company, primary or linked', async () => {
    expect(names(await list(`contact_id=${toPublicId('contact', contactId)}`))).toEqual(['Beta medium', 'Delta lost']);
    expect(names(await list(`company_id=${toPublicId('company', companyId)}`))).toEqual(['Gamma large']);
  });

  it('filters by value range, inactivity and creation time', async () => {
    expect(names(await list('min_value=7000&max_value=50000'))).toEqual(['Beta medium', 'Delta lost', 'Epsilon partner']);
    expect(names(await list('days_since_activity_gt=7'))).toEqual(['Alpha small', 'Gamma large']);
    const cutoff = new Date(Date.now() - 15 * DAY).toISOString();
    expect(names(await list(`created_after=${cutoff}`))).toEqual(['Delta lost', 'Epsilon partner', 'Gamma large']);
    expect(names(await list(`created_before=${cutoff}`))).toEqual(['Alpha small', 'Beta medium']);
  });

  it('searches names case-insensitively with q, treating % and _ literally', async () => {
    expect(names(await list('q=ALPHA'))).toEqual(['Alpha small']);
    expect(names(await list('q=a%25'))).toEqual([]);
  });

  it('sorts by value both ways', async () => {
    expect((await list('sort=value')).data.map((d) => d.value)).toEqual([1000, 7000, 30000, 50000, 900000]);
    expect((await list('sort=-value')).data.map((d) => d.value)).toEqual([900000, 50000, 30000, 7000, 1000]);
  });

  it('refuses bad filters with 400 naming them', async () => {
    for (const [query, path] of [
      ['status=archived', 'status'],
      ['limit=500', 'limit'],
      ['limit=0', 'limit'],
      ['min_value=cheap', 'min_value'],
      ['created_after=yesterday', 'created_after'],
      ['pipeline_id=stg_k3G7QAe51F', 'pipeline_id'],
      ['sort=colour', 'sort'],
      ['colour=red', 'colour'],
      ['cursor=nonsense', 'cursor'],
    ] as const) {
      const answer = await call(dealsRoute.GET, 'GET', `/api/v1/deals?${query}`, { key });
      expect(answer.status, query).toBe(400);
      expect(
        answer.json.error.details.map((d: { path: string }) => d.path),
        query,
      ).toContain(path);
    }
  });
});

describe('GET /deals pagination', () => {
  it('pages with limit and next_cursor, never repeating or skipping rows that stay, while rows come and go', async () => {
    const board = await createPipelineFixture('Paging', ['Only']);
    const created: string[] = [];
    for (let i = 0; i < 12; i += 1) {
      const answer = await call(dealsRoute.POST, 'POST', '/api/v1/deals', {
        key,
        body: { name: `Page deal ${i}`, pipeline_id: board.pipelineId, stage_id: board.stageIds[0] },
      });
      created.push(answer.json.data.id);
    }
    for (const sort of ['-created_at', 'created_at', 'name', '-value']) {
      const seen: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      const removed = created[sort === 'name' ? 0 : 11]!;
      do {
        const page = await list(`pipeline_id=${board.pipelineId}&limit=5&sort=${sort}${cursor ? `&cursor=${cursor}` : ''}`);
        seen.push(...page.data.map((d) => d.id));
        cursor = page.next_cursor;
        expect(page.has_more).toBe(cursor !== null);
        if (pages === 0) {
          // meanwhile another client adds a deal and deletes one
          await call(dealsRoute.POST, 'POST', '/api/v1/deals', {
            key,
            body: { name: `Late ${sort}`, pipeline_id: board.pipelineId, stage_id: board.stageIds[0] },
          });
          if (sort === '-created_at') await call(dealRoute.DELETE, 'DELETE', `/api/v1/deals/${removed}`, { key, params: { id: removed } });
        }
        pages += 1;
      } while (cursor);
      expect(new Set(seen).size, sort).toBe(seen.length);
      const stayed = created.filter((id) => id !== created[11]);
      for (const id of stayed) expect(seen, `${sort} ${id}`).toContain(id);
    }
  });
});
