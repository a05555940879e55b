import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CHANGE_EVENT_TYPES } from '../../lib/change-record/event-types';
import { getOpenApiDocument } from '../../lib/openapi/document';
import { EVENT_RECORD_SCHEMAS, eventTypesSchema, listEventsQuery } from '../../lib/schemas/change-event';

// The OpenAPI document describes every event type's payload, and each record type's `data` names
// the columns its table has (the triggers copy whole rows, less the hidden columns).

const TABLE_TYPE: Record<string, string> = {
  deal: 'Deal',
  deal_contact: 'DealContact',
  deal_company: 'DealCompany',
  activity: 'Activity',
  task: 'Task',
  contact: 'Contact',
  company: 'Company',
  pipeline: 'Pipeline',
  stage: 'Stage',
  product: 'Product',
  custom_field: 'CustomFieldDefinition',
  lost_reason: 'LostReason',
  user: 'User',
  api_key: 'ApiKey',
  setting: 'Setting',
  webhook_endpoint: 'WebhookEndpoint',
};
const HIDDEN: Record<string, string[]> = { api_key: ['key_hash'], webhook_endpoint: ['secret'] };

function tableColumns(typeName: string): string[] {
  const source = fs.readFileSync('lib/generated/kysely/database.ts', 'utf8');
  const body = new RegExp(`export type ${typeName} = \\{([^}]*)\\};`).exec(source)?.[1];
  if (!body) throw new Error(`no table type ${typeName}`);
  return [...body.matchAll(/^\s*(\w+):/gm)].map((m) => m[1]!);
}

describe('change event schemas', () => {
  it('gives every event type its own schema in the OpenAPI document, with its description', () => {
    const schemas = getOpenApiDocument().components?.schemas ?? {};
    for (const entry of CHANGE_EVENT_TYPES) {
      const name = `${entry.type
        .split(/[._]/)
        .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
        .join('')}Event`;
      const schema = schemas[name] as { description?: string; properties?: Record<string, unknown> } | undefined;
      expect(schema, name).toBeDefined();
      expect(schema!.description).toBe(entry.description);
      expect(Object.keys(schema!.properties ?? {})).toEqual(['id', 'type', 'occurred_at', 'record', 'deal_id', 'pipeline_id', 'actor', 'changes', 'data']);
    }
  });

  it("describes each record type's data with exactly its table's columns", () => {
    for (const [recordType, typeName] of Object.entries(TABLE_TYPE)) {
      const expected = tableColumns(typeName).filter((column) => !(HIDDEN[recordType] ?? []).includes(column));
      const schema = EVENT_RECORD_SCHEMAS[recordType as keyof typeof EVENT_RECORD_SCHEMAS];
      expect(Object.keys(schema!.shape).sort(), recordType).toEqual(expected.sort());
    }
  });

  it('parses types as exact names and families, and refuses unknown ones', () => {
    expect(eventTypesSchema.parse('deal.updated, deal.*')).toEqual({ exact: ['deal.updated'], prefixes: ['deal'] });
    expect(eventTypesSchema.safeParse('deal.nope').success).toBe(false);
    expect(eventTypesSchema.safeParse('nothing.*').success).toBe(false);
    expect(eventTypesSchema.safeParse(',').success).toBe(false);
  });

  it('takes after as an event id and limit up to 500', () => {
    expect(listEventsQuery.parse({ after: '42' })).toMatchObject({ after: 42n, limit: 100 });
    expect(listEventsQuery.safeParse({ after: '-1' }).success).toBe(false);
    expect(listEventsQuery.safeParse({ after: '99999999999999999' }).success).toBe(false);
    expect(listEventsQuery.safeParse({ limit: '501' }).success).toBe(false);
    expect(listEventsQuery.safeParse({ record_id: 'deal_x' }).success).toBe(false);
  });
});
