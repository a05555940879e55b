import { parseCriteria, parseTake } from '../criteria';
import { customFieldKeysOf } from '../deal-request';
import { concordData } from '../concord-data-response';
import { withConcordRoute } from '../with-concord-route';
import { serializeConcordDeal } from '../serialize';
import { searchConcordDeals } from '../services/list-concord-deals';

// GET /api/concord/deals/search – search deals without pagination (q required; take limits the results)
export const GET = withConcordRoute(async ({ ctx, query }) => {
  const customFieldKeys = await customFieldKeysOf(ctx);
  const { criteria, select, include } = parseCriteria(query, { customFieldKeys, qRequired: true });
  const take = parseTake(query);
  const records = await searchConcordDeals({ ctx, input: { criteria, take, include } });
  return concordData(records.map((record) => serializeConcordDeal(record, customFieldKeys, select)));
});
