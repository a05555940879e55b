import { customFieldKeysOf, dealResponse } from '../deal-request';
import { validationError } from '../errors';
import { pathRecordId } from '../path-record-id';
import { withConcordRoute, type ConcordRouteArgs } from '../with-concord-route';
import { concordAssociationsBody } from '../schemas';
import { changeDealAssociations, type AssociationMode } from '../services/change-deal-associations';

/** Attach, detach or sync: "Make sure to provide at least one resource." */
function associate(mode: AssociationMode) {
  return async ({ ctx, params, body }: ConcordRouteArgs<{ id: string }>) => {
    const dealId = pathRecordId(params.id, 'deal');
    const { data } = body(concordAssociationsBody);
    // a sync may empty a kind ({"contacts": []} removes every contact); attach and detach need an ID
    const kinds = [data.contacts, data.companies, data.activities].filter((ids) => ids !== undefined);
    const provided = mode === 'sync' ? kinds.length > 0 : kinds.some((ids) => ids.length > 0);
    if (!provided) {
      throw validationError({ resources: ['Provide at least one resource: contacts, companies or activities (arrays of IDs).'] });
    }
    await changeDealAssociations({ ctx, input: { dealId, mode, ...data } }); // services/change-deal-associations.ts
    return dealResponse(ctx, dealId, await customFieldKeysOf(ctx));
  };
}

// PUT /api/concord/associations/deals/:id – attach contacts, companies and activities to a deal
export const PUT = withConcordRoute<{ id: string }>(associate('attach'));

// DELETE /api/concord/associations/deals/:id – detach contacts, companies and activities from a deal
export const DELETE = withConcordRoute<{ id: string }>(associate('detach'));

// POST /api/concord/associations/deals/:id – sync: the deal's associations of each kind sent become exactly those
export const POST = withConcordRoute<{ id: string }>(associate('sync'));
