import { fromPublicId } from '../ids';
import { RECORD_KIND } from './present-change-event';

// The reverse of the public record ID presentChangeEvent shows: what a reader types into a filter
// ("deal_…", "deal_…:cont_…", a setting's key) back to the change record's own record_id text.

/** The stored record_id of the record `publicId` of `recordType`, or null when it is not one. */
export function storedRecordId(recordType: string, publicId: string): string | null {
  const kind = RECORD_KIND[recordType];
  if (kind) {
    const id = fromPublicId(kind, publicId);
    return id === null ? null : String(id);
  }
  if (recordType === 'deal_contact' || recordType === 'deal_company') {
    const [deal, other, ...rest] = publicId.split(':');
    const dealId = fromPublicId('deal', deal ?? '');
    const otherId = fromPublicId(recordType === 'deal_contact' ? 'contact' : 'company', other ?? '');
    return dealId === null || otherId === null || rest.length > 0 ? null : `${dealId}:${otherId}`;
  }
  return publicId === '' ? null : publicId;
}
