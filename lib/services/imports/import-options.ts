import 'server-only';
import { AppError, type ErrorDetail } from '../../errors';
import { autoMapHeaders, IGNORED_FIELD, type ImportEntity, mappableFields } from '../../imports/import-fields';
import type { DbClient } from '../deals/resolve-deal-references';

// What an import's options must be before any row is read: the file within the size limit, and
// a mapping whose headers are the file's and whose fields exist (auto-mapped when none is sent).

export const MAX_IMPORT_BYTES = 50 * 1024 * 1024;

export function assertImportFile(bytes: Buffer): void {
  if (bytes.length === 0) throw new AppError('validation_failed', 'The file is empty.', [{ path: 'file', message: 'Empty file' }]);
  if (bytes.length > MAX_IMPORT_BYTES) {
    throw new AppError('payload_too_large', `The file is larger than ${MAX_IMPORT_BYTES / 1024 / 1024} MB.`, [{ path: 'file', message: 'Too large' }]);
  }
}

export async function dealCustomFields(client: DbClient): Promise<{ key: string; label: string }[]> {
  return client.customFieldDefinition.findMany({
    where: { entity: 'deal' },
    orderBy: [{ position: 'asc' }, { id: 'asc' }],
    select: { key: true, label: true },
  });
}

/** The mapping to apply: the one sent (checked), else the auto-mapping of the headers. */
export function resolveMapping(
  entity: ImportEntity,
  headers: readonly string[],
  customFields: readonly { key: string; label: string }[],
  sent: Record<string, string> | undefined,
): Record<string, string> {
  if (!sent) return autoMapHeaders(entity, headers, customFields);
  const fields = new Set(mappableFields(entity, customFields).map((f) => f.key));
  const details: ErrorDetail[] = [];
  const mapping: Record<string, string> = Object.fromEntries(headers.map((h) => [h, IGNORED_FIELD]));
  const used = new Map<string, string>();
  for (const [header, field] of Object.entries(sent)) {
    if (!headers.includes(header)) details.push({ path: `mapping.${header}`, message: `The file has no column "${header}"` });
    else if (field !== IGNORED_FIELD && !fields.has(field)) details.push({ path: `mapping.${header}`, message: `Unknown field "${field}"` });
    else if (field !== IGNORED_FIELD && used.has(field))
      details.push({ path: `mapping.${header}`, message: `"${field}" is already filled by column "${used.get(field)}"` });
    else {
      mapping[header] = field;
      if (field !== IGNORED_FIELD) used.set(field, header);
    }
  }
  if (details.length > 0) throw new AppError('validation_failed', 'The column mapping is not valid.', details);
  return mapping;
}
