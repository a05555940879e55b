import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CHANGE_EVENT_TYPES } from '../../lib/change-record/event-types';

// The list of event types (webhook subscriptions, the API's filter, the OpenAPI document) names
// exactly the types the database's change triggers write, plus the events services record
// explicitly.

const EXPLICIT_TYPES = ['line_items.replaced', 'contact.merged', 'company.merged'];

/** The record kinds the migrations attach change triggers to, the last definition of each kept. */
function triggeredKinds(): string[] {
  const folder = path.join(process.cwd(), 'prisma/migrations');
  const kinds = new Set<string>();
  for (const migration of fs.readdirSync(folder).sort()) {
    const file = path.join(folder, migration, 'migration.sql');
    if (!fs.existsSync(file)) continue;
    for (const match of fs.readFileSync(file, 'utf8').matchAll(/EXECUTE FUNCTION dealboard_record_row_change\('(\w+)'/g)) kinds.add(match[1]!);
  }
  return [...kinds];
}

/** The types the row trigger names for a kind (the CASE in dealboard_record_row_change). */
function typesOf(kind: string): string[] {
  if (kind === 'deal_contact' || kind === 'deal_company') {
    const other = kind.slice('deal_'.length);
    return [`deal.${other}_linked`, `deal.${other}_unlinked`, `deal.${other}_updated`];
  }
  if (kind === 'setting') return ['setting.updated'];
  if (kind === 'deal') return ['deal.created', 'deal.updated', 'deal.stage_changed', 'deal.won', 'deal.lost', 'deal.deleted'];
  return [`${kind}.created`, `${kind}.updated`, `${kind}.deleted`];
}

describe('change event types', () => {
  it('lists exactly the types the triggers and services write', () => {
    const written = [...triggeredKinds().flatMap(typesOf), ...EXPLICIT_TYPES].sort();
    expect(CHANGE_EVENT_TYPES.map((entry) => entry.type).sort()).toEqual(written);
  });

  it('gives every type a description and a record type', () => {
    for (const entry of CHANGE_EVENT_TYPES) {
      expect(entry.description.length, entry.type).toBeGreaterThan(10);
      expect(entry.recordType, entry.type).toMatch(/^[a-z_]+$/);
    }
  });
});
