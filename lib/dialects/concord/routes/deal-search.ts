import { parseCriteria, parseTake } from '@/lib/dialects/concord/criteria';
import { customFieldKeysOf } from '@/lib/dialects/concord/deal-request';
import { concordData, withConcordRoute } from '@/lib/dialects/concord/with-concord-route';
import { serializeConcordDeal } from '@/lib/dialects/concord/serialize';
import { searchConcordDeals } from '@/lib/dialects/concord/services/list-concord-deals';

// GET /api/concord/deals/search – search deals without pagination (q required; take limits the results)
export const GET = withConcordRoute(async ({ ctx, query }) => {
  const customFieldKeys = await customFieldKeysOf(ctx);
  const { criteria, select, include } = parseCriteria(query, { customFieldKeys, qRequired: true });
  const take = parseTake(query);
  const records = await searchConcordDeals({ ctx, input: { criteria, take, include } });
  return concordData(records.map((record) => serializeConcordDeal(record, customFieldKeys, select)));
});
