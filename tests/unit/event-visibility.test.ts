import { describe, expect, it } from 'vitest';
import { CHANGE_EVENT_TYPES } from '../../lib/change-record/event-types';
import { mayReadRecordType, visibleRecordTypes } from '../../lib/change-record/event-visibility';

describe('which change events each role reads', () => {
  const recordTypes = [...new Set(CHANGE_EVENT_TYPES.map((entry) => entry.recordType))];

  it('shows reps every record of the deals and the workspace they work in, and nothing about people, keys or settings', () => {
    for (const type of [
      'deal',
      'deal_contact',
      'deal_company',
      'line_items',
      'activity',
      'task',
      'contact',
      'company',
      'pipeline',
      'stage',
      'product',
      'custom_field',
      'lost_reason',
    ]) {
      expect(mayReadRecordType('rep', type), type).toBe(true);
    }
    for (const type of ['user', 'api_key', 'setting', 'webhook_endpoint']) expect(mayReadRecordType('rep', type), type).toBe(false);
  });

  it('shows managers users too, but not keys or settings', () => {
    expect(mayReadRecordType('manager', 'user')).toBe(true);
    expect(mayReadRecordType('manager', 'deal')).toBe(true);
    for (const type of ['api_key', 'setting', 'webhook_endpoint']) expect(mayReadRecordType('manager', type), type).toBe(false);
  });

  it('shows admins everything, including record types added later', () => {
    expect(visibleRecordTypes('admin')).toBeNull();
    for (const type of [...recordTypes, 'webhook_endpoint', 'something_new']) expect(mayReadRecordType('admin', type), type).toBe(true);
  });

  it('decides every record type the change record has for every role (no type is forgotten)', () => {
    const rep = recordTypes.filter((type) => mayReadRecordType('rep', type));
    const manager = recordTypes.filter((type) => mayReadRecordType('manager', type));
    expect(recordTypes.filter((type) => !rep.includes(type)).sort()).toEqual(['api_key', 'setting', 'user', 'webhook_endpoint']);
    expect(recordTypes.filter((type) => !manager.includes(type)).sort()).toEqual(['api_key', 'setting', 'webhook_endpoint']);
  });
});
