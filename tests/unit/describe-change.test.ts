import { describe, expect, it } from 'vitest';
import { describeActor, describeChange, idsToName } from '../../lib/change-record/describe-change';
import type { PublicChangeEvent } from '../../lib/change-record/present-change-event';

// A change event in words: labels, names, money, dates, sentences; bookkeeping left out.

const names = {
  stg_qualified: 'Qualified',
  stg_proposal: 'Proposal',
  stg_won: 'Won',
  pipe_sales: 'Sales',
  pipe_partners: 'Partners',
  user_ada: 'Ada Admin',
  user_sam: 'Sam Rep',
  cont_jane: 'Jane Doe',
  comp_acme: 'Acme Inc',
  key_zap: 'Zapier',
};
const options = { names, timeZone: 'UTC', customFieldLabels: { region: 'Sales region' } };

function event(overrides: Partial<PublicChangeEvent> & { type: string }): PublicChangeEvent {
  return {
    id: 1,
    occurred_at: '2026-12-07T09:00:00.000Z',
    record: { type: overrides.type.startsWith('deal.contact') ? 'deal_contact' : overrides.type.split('.')[0]!, id: 'deal_1' },
    deal_id: 'deal_1',
    pipeline_id: 'pipe_sales',
    actor: { user_id: 'user_ada', api_key_id: null, channel: 'ui' },
    changes: {},
    data: { name: 'Acme renewal', currency: 'USD', stage_id: 'stg_qualified', pipeline_id: 'pipe_sales' },
    ...overrides,
  };
}

describe('describeChange', () => {
  it('says what changed from what to what, with labels, money in its currency, names and dates', () => {
    const described = describeChange(
      event({
        type: 'deal.updated',
        changes: {
          name: { from: 'Acme', to: 'Acme renewal' },
          value: { from: 100000, to: 250050 },
          owner_id: { from: null, to: 'user_sam' },
          expected_close: { from: '2026-04-01T00:00:00.000Z', to: '2026-05-15T00:00:00.000Z' },
          updated_at: { from: '2026-12-07T08:00:00.000Z', to: '2026-12-07T09:00:00.000Z' },
          custom_fields: { from: { region: 'EMEA', size: 3 }, to: { region: 'APAC', size: 3 } },
        },
      }),
      options,
    );
    expect(described.summary).toBe('Changed name, value, owner, expected close and sales region');
    expect(described.lines).toEqual([
      { field: 'name', label: 'Name', from: '“Acme”', to: '“Acme renewal”' },
      { field: 'value', label: 'Value', from: '$1,000.00', to: '$2,500.50' },
      { field: 'owner_id', label: 'Owner', from: 'none', to: 'Sam Rep' },
      { field: 'expected_close', label: 'Expected close', from: 'Apr 1, 2026', to: 'May 15, 2026' },
      { field: 'custom_fields.region', label: 'Sales region', from: '“EMEA”', to: '“APAC”' },
    ]);
  });

  it('formats each side of a value in the currency it had', () => {
    const described = describeChange(
      event({ type: 'deal.updated', changes: { value: { from: 1000, to: 1000 }, currency: { from: 'USD', to: 'JPY' } }, data: { currency: 'JPY' } }),
      options,
    );
    expect(described.lines[0]).toMatchObject({ from: '$10.00', to: '¥1,000' });
  });

  it('shows instants in the reader’s time zone and calendar days as days', () => {
    const changes = { closed_at: { from: null, to: '2026-03-14T23:30:00.000Z' }, expected_close: { from: null, to: '2026-03-15T00:00:00.000Z' } };
    const tokyo = describeChange(event({ type: 'deal.updated', changes }), { ...options, timeZone: 'Asia/Tokyo' });
    expect(tokyo.lines.map((line) => line.to)).toEqual(['Mar 15, 2026, 8:30 AM', 'Mar 15, 2026']);
  });

  it('calls a move of position alone a reorder', () => {
    expect(describeChange(event({ type: 'deal.updated', changes: { position: { from: 1, to: 2 } } }), options)).toEqual({
      summary: 'Reordered on the board',
      lines: [],
    });
  });

  it('tells stage moves, wins and losses as sentences, with the stage names', () => {
    const moved = describeChange(
      event({
        type: 'deal.stage_changed',
        changes: { stage_id: { from: 'stg_qualified', to: 'stg_proposal' }, position: { from: 0, to: 3 }, stage_entered_at: { from: 'a', to: 'b' } },
      }),
      options,
    );
    expect(moved).toEqual({ summary: 'Moved from Qualified to Proposal', lines: [] });
    const across = describeChange(
      event({
        type: 'deal.stage_changed',
        changes: { stage_id: { from: 'stg_qualified', to: 'stg_gone' }, pipeline_id: { from: 'pipe_sales', to: 'pipe_partners' } },
      }),
      options,
    );
    expect(across.summary).toBe('Moved from Sales › Qualified to Partners › a removed stage');
    const won = describeChange(
      event({
        type: 'deal.won',
        changes: { status: { from: 'open', to: 'won' }, stage_id: { from: 'stg_proposal', to: 'stg_won' } },
        data: { stage_id: 'stg_won' },
      }),
      options,
    );
    expect(won).toEqual({ summary: 'Marked the deal won (moved to Won)', lines: [] });
    const lost = describeChange(event({ type: 'deal.lost', changes: { status: { from: 'open', to: 'lost' } }, data: { lost_reason: 'Price' } }), options);
    expect(lost.summary).toBe('Marked the deal lost — reason: “Price”');
  });

  it('tells created, deleted, linked and replaced events as sentences', () => {
    expect(describeChange(event({ type: 'deal.created' }), options)).toEqual({ summary: 'Created the deal “Acme renewal” in Qualified', lines: [] });
    expect(describeChange(event({ type: 'deal.deleted' }), options).summary).toBe('Deleted the deal “Acme renewal”');
    expect(describeChange(event({ type: 'deal.contact_linked', data: { deal_id: 'deal_1', contact_id: 'cont_jane' } }), options).summary).toBe(
      'Linked the contact Jane Doe',
    );
    expect(describeChange(event({ type: 'deal.company_unlinked', data: { deal_id: 'deal_1', company_id: 'comp_acme' } }), options).summary).toBe(
      'Unlinked the company Acme Inc',
    );
    expect(describeChange(event({ type: 'line_items.replaced', changes: { line_items: { from: [{}], to: [{}, {}] } } }), options).summary).toBe(
      'Replaced the line items (1 → 2)',
    );
    expect(describeChange(event({ type: 'activity.created', data: { type: 'call', status: 'completed', subject: 'Intro' } }), options).summary).toBe(
      'Logged a call “Intro”',
    );
    expect(
      describeChange(event({ type: 'task.updated', changes: { status: { from: 'pending', to: 'completed' } }, data: { title: 'Send quote' } }), options)
        .summary,
    ).toBe('Completed the task “Send quote”');
    expect(describeChange(event({ type: 'contact.created', data: { first_name: 'Jane', last_name: 'Doe' } }), options).summary).toBe(
      'Created the contact “Jane Doe”',
    );
    expect(describeChange(event({ type: 'setting.updated', data: { key: 'deal_access' } }), options).summary).toBe('Set the workspace setting “deal_access”');
  });
});

describe('describeActor', () => {
  it('names the user, the API key, or the system', () => {
    expect(describeActor(event({ type: 'deal.updated' }), names)).toBe('Ada Admin');
    expect(describeActor(event({ type: 'deal.updated', actor: { user_id: 'user_ada', api_key_id: 'key_zap', channel: 'api' } }), names)).toBe('API key Zapier');
    expect(describeActor(event({ type: 'deal.updated', actor: { user_id: null, api_key_id: null, channel: 'system' } }), names)).toBe('System');
  });
});

describe('describeChange of a merge', () => {
  it('names the record merged and the one it went into', () => {
    const merged = event({
      type: 'contact.merged',
      record: { type: 'contact', id: 'cont_old' },
      deal_id: null,
      data: { first_name: 'Jane', last_name: 'D.', merged_into_contact_id: 'cont_jane' },
    });
    expect(idsToName(merged)).toContain('cont_jane');
    expect(describeChange(merged, options)).toEqual({ summary: 'Merged the contact “Jane D.” into Jane Doe', lines: [] });
    const company = event({
      type: 'company.merged',
      record: { type: 'company', id: 'comp_old' },
      deal_id: null,
      data: { name: 'ACME', merged_into_company_id: 'comp_acme' },
    });
    expect(describeChange(company, options).summary).toBe('Merged the company “ACME” into Acme Inc');
  });
});

describe('idsToName', () => {
  it('lists the actor and every referenced record', () => {
    const ids = idsToName(
      event({
        type: 'deal.stage_changed',
        actor: { user_id: 'user_ada', api_key_id: 'key_zap', channel: 'api' },
        changes: { stage_id: { from: 'stg_qualified', to: 'stg_proposal' } },
      }),
    );
    expect(ids.sort()).toEqual(['key_zap', 'pipe_sales', 'stg_proposal', 'stg_qualified', 'user_ada']);
  });
});
