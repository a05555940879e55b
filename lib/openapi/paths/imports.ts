import { z } from 'zod';
import type { ZodOpenApiPathsObject } from 'zod-openapi';
import { importResponseSchema } from '../../schemas/import';
import { dataEnvelope, errorResponses, idPathParam, listEnvelope } from '../common';

// CSV import of deals, contacts and companies (docs/decisions/023-csv-import.md).

const json = <S extends z.ZodType>(schema: S) => ({ content: { 'application/json': { schema } } });
const importPath = idPathParam('imp_k3G7QAe51F');

const HOW = [
  'The file is UTF-8 (with or without a byte order mark) or Windows-1252, separated by commas, semicolons or tabs (detected from the header line).',
  'Without `mapping`, columns are matched by name: Dealboard’s own export headers (ID, Name, Pipeline, Stage, Status, Value, Currency, Expected close date,',
  'Owner, Owner email, Contact, Contact email, Company, Company domain, Lost reason, Closed at, Source, External ID, and deal custom fields by label)',
  'and the headers of Pipedrive’s and HubSpot’s exports ("Deal - Title", "Deal Name", "Amount", "Deal Stage", "Record ID", …).',
  'Values are major units ("1234.50"; a decimal comma in semicolon files). Stages are matched by name within the named or default pipeline;',
  'HubSpot’s internal stage ids (closedwon, appointmentscheduled, …) map to the won/lost stage or the open stage at the same place.',
  'Existing records are matched by ID, then external ID, then email (contacts) or domain (companies); `on_match` says whether to update or skip them.',
  'A row that cannot be imported is rejected with its reason and never blocks the others.',
].join(' ');

const createForm = z.object({
  file: z.string().meta({ format: 'binary', description: 'The CSV file (up to 50 MB)' }),
  entity: z.enum(['deals', 'contacts', 'companies']),
  mapping: z.string().optional().meta({
    description: 'JSON object {"CSV header": "field key"} ("" ignores a column; custom fields as "custom:<key>")',
    example: '{"Deal - Title":"name","Budget":"custom:budget"}',
  }),
  on_match: z.enum(['update', 'skip']).optional().meta({ description: 'What to do with a row that matches an existing record (default update)' }),
  dry_run: z.enum(['true', 'false']).optional().meta({ description: 'true: answer what would happen to each row and write nothing' }),
});

export const importsPaths: ZodOpenApiPathsObject = {
  '/imports': {
    post: {
      tags: ['Imports'],
      operationId: 'createImport',
      summary: 'Import a CSV file',
      description: `Uploads a CSV of deals, contacts or companies as multipart/form-data. A dry run (200) answers the outcome of each row (the first 1,000) and the counts, and writes nothing. Otherwise the import is queued (202) and runs in the background; follow it with GET /imports/{id}. ${HOW} Managers and admins only.`,
      requestBody: { content: { 'multipart/form-data': { schema: createForm } } },
      responses: {
        '200': { description: 'The dry run’s outcome', ...json(dataEnvelope(importResponseSchema)) },
        '202': { description: 'The import, queued', ...json(dataEnvelope(importResponseSchema)) },
        ...errorResponses(400, 403, 413, 422),
      },
    },
    get: {
      tags: ['Imports'],
      operationId: 'listImports',
      summary: 'List recent imports',
      description: 'The 50 most recent imports, newest first, without row outcomes. Managers and admins only.',
      responses: { '200': { description: 'The imports', ...json(listEnvelope(importResponseSchema)) }, ...errorResponses(403) },
    },
  },
  '/imports/{id}': {
    get: {
      tags: ['Imports'],
      operationId: 'getImport',
      summary: 'Get an import’s progress and results',
      description:
        'Its status (queued, running, done, failed, undone), rows done of total, the created / updated / skipped / rejected counts and the first 1,000 rows’ outcomes. Managers and admins only.',
      requestParams: { path: importPath },
      responses: { '200': { description: 'The import', ...json(dataEnvelope(importResponseSchema)) }, ...errorResponses(403, 404) },
    },
  },
  '/imports/{id}/undo': {
    post: {
      tags: ['Imports'],
      operationId: 'undoImport',
      summary: 'Undo an import',
      description:
        'Undoes a finished import as a whole, within 7 days of it finishing: the records it created are removed, the records it updated get their previous values back (a deal it moved moves back, with a stage-history row). 409 when it is not finished, already undone, or older than 7 days. Managers and admins only.',
      requestParams: { path: importPath },
      responses: { '200': { description: 'The import, undone', ...json(dataEnvelope(importResponseSchema)) }, ...errorResponses(403, 404, 409) },
    },
  },
  '/imports/{id}/rejected-rows': {
    get: {
      tags: ['Imports'],
      operationId: 'downloadRejectedImportRows',
      summary: 'Download the rejected rows',
      description:
        'The rows the import rejected, as CSV (UTF-8 with a byte order mark, CRLF): the file’s own columns, then Row (its line in the file) and Reason. Managers and admins only.',
      requestParams: { path: importPath },
      responses: {
        '200': { description: 'The rejected rows', content: { 'text/csv': { schema: z.string() } } },
        ...errorResponses(403, 404),
      },
    },
  },
};
