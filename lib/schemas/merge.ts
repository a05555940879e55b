import { z } from 'zod';
import { publicIdSchema } from './common';

// POST /contacts/:id/merge and /companies/:id/merge: the record in the path is merged into `into`,
// which survives (docs/decisions/020-merging-records.md).

export const mergeContactBody = z
  .strictObject({
    into: publicIdSchema('contact').meta({ description: 'The contact that survives and receives the deals, links and empty fields' }),
  })
  .meta({ id: 'MergeContactBody' });

export const mergeCompanyBody = z
  .strictObject({
    into: publicIdSchema('company').meta({ description: 'The company that survives and receives the deals, contacts, links and empty fields' }),
  })
  .meta({ id: 'MergeCompanyBody' });

/** What a merge moved from the merged record to the survivor. */
export interface MergeMoves {
  /** deals naming or linking the merged record */
  deals: number;
  /** activities and tasks of those deals (they stay on their deals, which now name the survivor) */
  activities: number;
  tasks: number;
  /** the company's contacts (companies only) */
  contacts: number;
}

/** The "X was merged into Y" detail of the 404 for a merged record's ID. */
export const MERGED_INTO_PATH = 'merged_into';

/** The survivor's public ID from a not-found error's details, when the record was merged. */
export function mergedIntoOf(details: readonly { path: string; message: string }[]): string | null {
  return details.find((detail) => detail.path === MERGED_INTO_PATH)?.message ?? null;
}
