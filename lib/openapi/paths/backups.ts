import { z } from 'zod';
import type { ZodOpenApiPathsObject } from 'zod-openapi';
import { backupResponseSchema } from '../../schemas/backup';
import { dataEnvelope, errorResponses, idPathParam, listEnvelope } from '../common';

// Backups: take one while the server serves, list them, download one (docs/decisions/019-backups.md).

const json = <S extends z.ZodType>(schema: S) => ({ content: { 'application/json': { schema } } });
const backupPath = idPathParam('bk_20261208T020000Z_k5r8sp');

const FORMAT = [
  'A backup is one file: the line `DEALBOARD-BACKUP 1`, a line of JSON (the manifest: Dealboard version, schema migration, engine, time, row counts,',
  'and the payload’s length and SHA-256), then the payload — on the embedded database PGlite’s image of its data directory, on PostgreSQL a pg_dump',
  'archive (custom format). Restore it with the server stopped: `npm run cli -- restore <file>`, which checks the checksum and the schema first.',
].join(' ');

export const backupsPaths: ZodOpenApiPathsObject = {
  '/backups': {
    get: {
      tags: ['Backups'],
      operationId: 'listBackups',
      summary: 'List backups',
      description: 'The backups kept on the server (BACKUP_DIR), newest first, in one page (`has_more` is false). Admins only.',
      responses: { '200': { description: 'The backups', ...json(listEnvelope(backupResponseSchema)) }, ...errorResponses(403) },
    },
    post: {
      tags: ['Backups'],
      operationId: 'createBackup',
      summary: 'Take a backup now',
      description: `Backs the whole database up while the server keeps serving: every write acknowledged before the request is in it. Answers once the file is written, with its id; download it from \`download_url\`. A 503 says why a backup could not be taken (on PostgreSQL, pg_dump missing or failing; BACKUP_DIR not writable). ${FORMAT} Admins only.`,
      responses: {
        '201': { description: 'The new backup', ...json(dataEnvelope(backupResponseSchema)) },
        ...errorResponses(403, 503),
      },
    },
  },
  '/backups/{id}': {
    get: {
      tags: ['Backups'],
      operationId: 'getBackup',
      summary: 'Get a backup',
      description: 'One backup’s manifest. Admins only.',
      requestParams: { path: backupPath },
      responses: { '200': { description: 'The backup', ...json(dataEnvelope(backupResponseSchema)) }, ...errorResponses(403, 404) },
    },
    delete: {
      tags: ['Backups'],
      operationId: 'deleteBackup',
      summary: 'Delete a backup',
      description: 'Deletes the backup’s file from the server. Admins only.',
      requestParams: { path: backupPath },
      responses: { '204': { description: 'Deleted' }, ...errorResponses(403, 404) },
    },
  },
  '/backups/{id}/download': {
    get: {
      tags: ['Backups'],
      operationId: 'downloadBackup',
      summary: 'Download a backup',
      description: `The backup file itself, as \`application/octet-stream\` with its name in Content-Disposition. ${FORMAT} Admins only.`,
      requestParams: { path: backupPath },
      responses: {
        '200': { description: 'The backup file', content: { 'application/octet-stream': { schema: z.string().meta({ format: 'binary' }) } } },
        ...errorResponses(403, 404),
      },
    },
  },
};
