'use server';

import { serializeImport } from '../api/serializers/import';
import { getBrowserContext } from '../auth/get-browser-context';
import { AppError } from '../errors';
import { parsePathId } from '../api/parse-path-id';
import { parseInput } from '../api/read-json-body';
import type { ImportJson } from '../schemas/import';
import { createImportForm } from '../schemas/import';
import { createImport } from '../services/imports/create-import';
import { getImport } from '../services/imports/get-import';
import { type ImportPreview, previewImport } from '../services/imports/preview-import';
import { undoImport } from '../services/imports/undo-import';
import { runAction, type ActionResult } from './run-action';

// Settings → Import: the file travels in the form data; every answer is the import as the API
// shapes it (plain JSON), so the page and the API show the same thing.

async function readForm(form: FormData) {
  const file = form.get('file');
  if (!(file instanceof File) || file.size === 0)
    throw new AppError('validation_failed', 'Choose a CSV file to import.', [{ path: 'file', message: 'Required' }]);
  const fields: Record<string, string> = {};
  for (const [name, value] of form.entries()) if (name !== 'file' && typeof value === 'string') fields[name] = value;
  const options = parseInput(createImportForm, fields, 'The import settings are not valid.');
  return { file, options, bytes: Buffer.from(await file.arrayBuffer()) };
}

/** The file's columns with their mapping and its first rows, each with the problem that would reject it. */
export async function previewImportAction(form: FormData): Promise<ActionResult<ImportPreview>> {
  return runAction(async () => {
    const ctx = await getBrowserContext();
    const { options, bytes } = await readForm(form);
    return previewImport({ ctx, input: { entity: options.entity, bytes, mapping: options.mapping } });
  });
}

/** A dry run ("dry_run" = "true") or the import itself, queued. */
export async function createImportAction(form: FormData): Promise<ActionResult<ImportJson>> {
  return runAction(async () => {
    const ctx = await getBrowserContext();
    const { file, options, bytes } = await readForm(form);
    const view = await createImport({
      ctx: { ...ctx, source: 'import' },
      input: {
        entity: options.entity,
        fileName: file.name || 'import.csv',
        bytes,
        mapping: options.mapping,
        onMatch: options.on_match,
        dryRun: options.dry_run,
      },
    });
    return serializeImport(view);
  });
}

/** An import's progress, counts and first row outcomes (polled while it runs). */
export async function importStatusAction(id: string): Promise<ActionResult<ImportJson>> {
  return runAction(async () => {
    const ctx = await getBrowserContext();
    return serializeImport(await getImport({ ctx, input: { importId: parsePathId('import', String(id)) } }));
  });
}

export async function undoImportAction(id: string): Promise<ActionResult<ImportJson>> {
  return runAction(async () => {
    const ctx = await getBrowserContext();
    return serializeImport(await undoImport({ ctx, input: { importId: parsePathId('import', String(id)) } }));
  });
}
