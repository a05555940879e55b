import { parseCriteria, parseTake } from '@/lib/api/compat/concord/criteria';
import { customFieldKeysOf } from '@/lib/api/compat/concord/deal-request';
import { concordData, withConcordRoute } from '@/lib/api/compat/concord/route';
import { serializeConcordDeal } from '@/lib/api/compat/concord/serialize';
import { searchConcordDeals } from '@/lib/services/concord/list-concord-deals';

// GET /api/concord/deals/search – search deals without pagination (q required; take limits the results)
export const GET = withConcordRoute(async ({ ctx, query }) => {
  const customFieldKeys = await customFieldKeysOf(ctx);
  const { criteria, select, include } = parseCriteria(query, { customFieldKeys, qRequired: true });
  const take = parseTake(query);
  const records = await searchConcordDeals({ ctx, input: { criteria, take, include } });
  return concordData(records.map((record) => serializeConcordDeal(record, customFieldKeys, select)));
});
