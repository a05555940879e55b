import { beforeAll, describe, expect, it } from 'vitest';
import * as forecastRoute from '@/app/api/v1/reports/forecast/route';
import * as funnelRoute from '@/app/api/v1/reports/funnel/route';
import * as snapshotChangesRoute from '@/app/api/v1/reports/snapshot-changes/route';
import { closeDealOnBoardInput } from '@/lib/actions/board-inputs';
import { createApiKeyInput } from '@/lib/schemas/api-key';
import { createDealBody, listDealsQuery, moveDealBody, upsertDealItem } from '@/lib/schemas/deal';
import { call, createPipelineFixture, createUserWithKey } from '../setup/api';

// What the API fuzzer (tests/integration/api-fuzz.test.ts) found, held here by plain examples.

let key: string;

beforeAll(async () => {
  ({ key } = await createUserWithKey('manager'));
  await createPipelineFixture('Sales');
});

describe('report periods', () => {
  it('answer 400 naming both fields when from and to are both not dates, never a 500', async () => {
    for (const [route, path] of [
      [snapshotChangesRoute.GET, '/api/v1/reports/snapshot-changes'],
      [funnelRoute.GET, '/api/v1/reports/funnel'],
      [forecastRoute.GET, '/api/v1/reports/forecast'],
    ] as const) {
      const answer = await call(route, 'GET', `${path}?from=%01&to=%01`, { key });
      expect(answer.status, `${path}: ${JSON.stringify(answer.json)}`).toBe(400);
      expect(answer.json.error.details.map((detail: { path: string }) => detail.path).sort()).toEqual(['from', 'to']);
    }
  });
});

describe('text the database cannot store, in fields that were plain strings', () => {
  it('is refused by the field, in the API schemas and the server actions’ inputs alike', () => {
    const cases = [
      () => createDealBody.safeParse({ name: 'Deal', source: 'web\u0000' }),
      () => createDealBody.safeParse({ name: 'Deal', deal_type: '\ud800' }),
      () => createDealBody.safeParse({ name: 'Deal', loss_reason: 'x\u0000' }),
      () => upsertDealItem.safeParse({ external_id: 'ext\u0000' }),
      () => moveDealBody.safeParse({ stage_id: 'stg_k5R8sPqW2z', reason: 'why\u0000' }),
      () => listDealsQuery.safeParse({ q: 'a\u0000' }),
      () => createApiKeyInput.safeParse({ name: 'CI\u0000' }),
      () => closeDealOnBoardInput.safeParse({ dealId: 'deal_k5R8sPqW2z', outcome: 'lost', lossReason: 'Price\u0000', expectedVersion: 1 }),
    ];
    for (const parse of cases) {
      const result = parse();
      expect(result.success).toBe(false);
      expect(result.error?.issues.map((issue) => issue.message)).toEqual(expect.arrayContaining([expect.stringMatching(/NUL characters|well-formed Unicode/)]));
    }
  });
});
