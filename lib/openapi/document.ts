import { createDocument } from 'zod-openapi';
import { activitiesPaths } from './paths/activities';
import { backupsPaths } from './paths/backups';
import { concordPaths } from '../dialects/concord/openapi';
import { contactsPaths } from './paths/contacts';
import { currencyPaths } from './paths/currency';
import { dealsPaths } from './paths/deals';
import { eventsPaths } from './paths/events';
import { hubspotPaths } from '../dialects/hubspot/openapi';
import { importsPaths } from './paths/imports';
import { lineItemsPaths } from './paths/line-items';
import { pipelinesPaths } from './paths/pipelines';
import { recotapPaths } from '../dialects/recotap/openapi';
import { reportsPaths } from './paths/reports';
import { usersPaths } from './paths/users';
import { webhooksPaths } from './paths/webhooks';

let cached: ReturnType<typeof createDocument> | undefined;

/** The OpenAPI 3.1 document of the native API, generated from the same zod schemas the handlers use. */
export function getOpenApiDocument() {
  cached ??= createDocument({
    openapi: '3.1.0',
    info: {
      title: 'Dealboard API',
      version: '1.0.0',
      description: [
        'The native REST API of Dealboard. Authenticate with `X-Api-Key: <key>` or `Authorization: Bearer <key>`',
        '(create a key with `npm run cli -- api-key create --name <name>`). Money is integer minor units; IDs are prefixed',
        'strings (`deal_…`), and every record also carries its integer identity as `number`.',
        'Errors: `{"error":{"code","message","details":[{"path","message"}]}}`. Every answer carries RateLimit-Limit,',
        'RateLimit-Remaining and RateLimit-Reset headers.',
      ].join(' '),
    },
    servers: [{ url: '/api/v1' }],
    security: [{ apiKey: [] }, { bearer: [] }],
    components: {
      securitySchemes: {
        apiKey: { type: 'apiKey', in: 'header', name: 'X-Api-Key' },
        bearer: { type: 'http', scheme: 'bearer' },
      },
    },
    paths: {
      ...dealsPaths,
      ...eventsPaths,
      ...lineItemsPaths,
      ...pipelinesPaths,
      ...currencyPaths,
      ...contactsPaths,
      ...activitiesPaths,
      ...recotapPaths,
      ...hubspotPaths,
      ...concordPaths,
      ...reportsPaths,
      ...usersPaths,
      ...webhooksPaths,
      ...backupsPaths,
      ...importsPaths,
    },
  });
  return cached;
}
