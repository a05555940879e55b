import { parseInput } from '@/lib/api/read-json-body';
import { dataResponse, listResponse } from '@/lib/api/respond';
import { serializeImport } from '@/lib/api/serializers/import';
import { withApiRoute } from '@/lib/api/with-api-route';
import { readFormData, withUploadRoute } from '@/lib/api/with-upload-route';
import { AppError } from '@/lib/errors';
import { createImportForm } from '@/lib/schemas/import';
import { createImport } from '@/lib/services/imports/create-import';
import { listImports } from '@/lib/services/imports/list-imports';

// POST /api/v1/imports – import a CSV file of deals, contacts or companies (multipart: file, entity,
// mapping, on_match, dry_run); a dry run answers each row's outcome, an import is queued (202)
export const POST = withUploadRoute(async ({ request, ctx }) => {
  const form = await readFormData(request);
  const file = form.get('file');
  if (!(file instanceof File))
    throw new AppError('validation_failed', 'The form needs a "file" part with the CSV file.', [{ path: 'file', message: 'Required' }]);
  const fields: Record<string, string> = {};
  for (const [name, value] of form.entries()) if (name !== 'file') fields[name] = typeof value === 'string' ? value : '';
  const options = parseInput(createImportForm, fields, 'The form is not valid.');
  const view = await createImport({
    ctx,
    input: {
      entity: options.entity,
      fileName: file.name || 'import.csv',
      bytes: Buffer.from(await file.arrayBuffer()),
      mapping: options.mapping,
      onMatch: options.on_match,
      dryRun: options.dry_run,
    },
  });
  return dataResponse(serializeImport(view), { status: view.dryRun ? 200 : 202 });
});

// GET /api/v1/imports – the 50 most recent imports, newest first
export const GET = withApiRoute(async ({ ctx }) => {
  const imports = await listImports({ ctx, input: { limit: 50 } });
  return listResponse({ items: imports.map((view) => serializeImport(view)), hasMore: false, nextCursor: null });
});
