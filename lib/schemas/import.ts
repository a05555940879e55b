import { z } from 'zod';
import { IMPORT_ENTITIES } from '../imports/import-fields';

// POST /api/v1/imports' form fields (besides the file) and the import as the API answers it.

const mappingSchema = z
  .string()
  .transform((text, context) => {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      context.addIssue({ code: 'custom', message: 'Must be a JSON object {"CSV header": "field key"}' });
      return z.NEVER;
    }
  })
  .pipe(z.record(z.string().max(500), z.string().max(100), { error: 'Must be a JSON object {"CSV header": "field key"}' }));

export const createImportForm = z.strictObject({
  entity: z.enum(IMPORT_ENTITIES as ['deals', 'contacts', 'companies'], { error: 'Must be deals, contacts or companies' }),
  mapping: mappingSchema.optional(),
  on_match: z.enum(['update', 'skip'], { error: 'Must be update or skip' }).default('update'),
  dry_run: z
    .enum(['true', 'false'], { error: 'Must be true or false' })
    .default('false')
    .transform((v) => v === 'true'),
});

export const importRowResultSchema = z.object({
  row: z.number().int().meta({ description: "The row's line in the file (the header is 1)" }),
  outcome: z.enum(['created', 'updated', 'skipped', 'rejected']),
  record_id: z.string().nullable().meta({ description: 'The deal, contact or company (deal_…, cont_…, comp_…)' }),
  reason: z.string().nullable(),
});

export const importResponseSchema = z
  .object({
    id: z.string().nullable().meta({ description: 'imp_…; null for a dry run (nothing is kept)', example: 'imp_k3G7QAe51F' }),
    entity: z.enum(['deals', 'contacts', 'companies']),
    status: z.enum(['queued', 'running', 'done', 'failed', 'undone', 'dry_run']),
    dry_run: z.boolean(),
    on_match: z.enum(['update', 'skip']),
    file_name: z.string(),
    mapping: z.record(z.string(), z.string()).meta({ description: 'CSV header → field key ("" = ignored) as applied' }),
    total_rows: z.number().int(),
    done_rows: z.number().int(),
    created: z.number().int(),
    updated: z.number().int(),
    skipped: z.number().int(),
    rejected: z.number().int(),
    error: z.string().nullable(),
    created_at: z.string(),
    finished_at: z.string().nullable(),
    undone_at: z.string().nullable(),
    undo_until: z.string().nullable().meta({ description: 'Until when POST …/undo is accepted; null when it is not' }),
    changed_since: z.number().int().nullable().meta({
      description:
        'While the import can be undone (GET /imports/:id): how many of the records it created or updated changed after it finished. Undo takes those changes back too. null otherwise, and in lists',
    }),
    rejected_rows_url: z.string().nullable(),
    results: z.array(importRowResultSchema).meta({ description: 'The first 1,000 rows’ outcomes' }),
  })
  .meta({ id: 'Import' });

export type ImportJson = z.output<typeof importResponseSchema>;
