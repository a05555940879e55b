import 'server-only';
import { queryRows } from '../../database/run-sql';
import { sql } from '../../database/typed-sql';
import type { ImportLookups } from '../../imports/interpret-row';
import type { PipelineOption } from '../../imports/resolve-stage';
import type { DbClient } from '../deals/resolve-deal-references';
import { readHomeCurrency } from '../currency/home-currency';
import { IMPORT_EXTERNAL_SOURCE } from './write-import-batch';

/** What reading rows needs from the workspace: pipelines with their stages, users, deal custom fields. */
export async function loadImportLookups(client: DbClient, { decimalComma }: { decimalComma: boolean }): Promise<ImportLookups> {
  const pipelines = await client.pipeline.findMany({
    where: { deletedAt: null },
    orderBy: [{ position: 'asc' }, { id: 'asc' }],
    select: {
      id: true,
      name: true,
      isDefault: true,
      position: true,
      stages: { where: { deletedAt: null }, select: { id: true, pipelineId: true, name: true, position: true, probability: true, outcome: true } },
    },
  });
  const users = await client.user.findMany({ where: { deactivatedAt: null }, select: { id: true, name: true, email: true }, orderBy: { id: 'asc' } });
  const customFields = await client.customFieldDefinition.findMany({ where: { entity: 'deal' }, orderBy: [{ position: 'asc' }, { id: 'asc' }] });
  return {
    pipelines: pipelines as PipelineOption[],
    users,
    customFields: customFields.map((f) => ({ key: f.key, label: f.label, type: f.type, options: f.options, required: f.required })),
    // a row without a currency is in the workspace's home currency, as a deal created in the app
    defaultCurrency: await readHomeCurrency(client),
    decimalComma,
  };
}

/** The deal external sources in use (an external ID in a file matches a deal from any of them). */
export async function dealExternalSources(client: DbClient): Promise<string[]> {
  const found = await queryRows<{ source: string }>(client, sql`SELECT DISTINCT external_source AS source FROM deals WHERE external_source IS NOT NULL`);
  return [...new Set([IMPORT_EXTERNAL_SOURCE, ...found.map((r) => r.source)])];
}
