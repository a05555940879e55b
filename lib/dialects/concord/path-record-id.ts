import 'server-only';
import { ConcordHttpError } from './errors';
import { MAX_RECORD_ID } from './schemas';

/** A path's record ID: 404 for anything that is not an integer a record can have. */
export function pathRecordId(value: string | undefined, label: string): number {
  const id = value && /^\d{1,10}$/.test(value) ? Number(value) : Number.NaN;
  if (!Number.isInteger(id) || id < 1 || id > MAX_RECORD_ID) throw new ConcordHttpError(404, `No ${label} with ID ${value ?? ''} exists.`);
  return id;
}
