import { parsePathId } from '@/lib/api/parse-path-id';
import { dataResponse, noContent } from '@/lib/api/respond';
import { serializeContact } from '@/lib/api/serializers/contact';
import { withApiRoute } from '@/lib/api/with-api-route';
import { linkContactToDeal } from '@/lib/services/deal-links/link-contact-to-deal';
import { unlinkContactFromDeal } from '@/lib/services/deal-links/unlink-contact-from-deal';

type Params = { id: string; contactId: string };

// PUT /api/v1/deals/:id/contacts/:contactId – link a contact to a deal (idempotent)
export const PUT = withApiRoute<Params>(async ({ ctx, params }) => {
  const dealId = parsePathId('deal', params.id);
  const contactId = parsePathId('contact', params.contactId);
  const contact = await linkContactToDeal({ ctx, input: { dealId, contactId } });
  return dataResponse(serializeContact(contact));
});

// DELETE /api/v1/deals/:id/contacts/:contactId – unlink a contact from a deal (idempotent)
export const DELETE = withApiRoute<Params>(async ({ ctx, params }) => {
  const dealId = parsePathId('deal', params.id);
  const contactId = parsePathId('contact', params.contactId);
  await unlinkContactFromDeal({ ctx, input: { dealId, contactId } });
  return noContent();
});
