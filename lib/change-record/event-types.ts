// Every type of change event, what it means and which record it carries: the one list behind
// webhook subscriptions, the event API's filter, the audit log's type filter and the OpenAPI
// document. The database's triggers name the types (the change_record migration); a test holds
// this list to them. Pure: the browser imports it.

export interface ChangeEventType {
  type: string;
  /** the `record.type` of its events */
  recordType: string;
  description: string;
}

function lifecycle(recordType: string, label: string): ChangeEventType[] {
  return [
    { type: `${recordType}.created`, recordType, description: `A ${label} was created.` },
    { type: `${recordType}.updated`, recordType, description: `A ${label} was changed; \`changes\` holds each changed field's previous and new value.` },
    { type: `${recordType}.deleted`, recordType, description: `A ${label} was deleted; \`data\` is the ${label} as it was.` },
  ];
}

export const CHANGE_EVENT_TYPES: readonly ChangeEventType[] = [
  { type: 'deal.created', recordType: 'deal', description: 'A deal was created.' },
  {
    type: 'deal.updated',
    recordType: 'deal',
    description:
      "A deal's fields changed (not its stage or outcome), its place in its board column included (`changes.position`); `changes` holds each changed field's previous and new value.",
  },
  {
    type: 'deal.stage_changed',
    recordType: 'deal',
    description: 'A deal moved to another stage (or pipeline) and stays open. A move into a won or lost stage is deal.won or deal.lost.',
  },
  { type: 'deal.won', recordType: 'deal', description: 'A deal was won (marked won, or moved into a won stage).' },
  { type: 'deal.lost', recordType: 'deal', description: 'A deal was lost (marked lost, or moved into a lost stage); `data.lost_reason` says why.' },
  { type: 'deal.deleted', recordType: 'deal', description: 'A deal was deleted; `data` is the deal as it was.' },
  { type: 'deal.contact_linked', recordType: 'deal_contact', description: 'A contact was linked to a deal.' },
  { type: 'deal.contact_unlinked', recordType: 'deal_contact', description: 'A contact was unlinked from a deal.' },
  { type: 'deal.contact_updated', recordType: 'deal_contact', description: "A deal's link to a contact changed." },
  { type: 'deal.company_linked', recordType: 'deal_company', description: 'A company was linked to a deal.' },
  { type: 'deal.company_unlinked', recordType: 'deal_company', description: 'A company was unlinked from a deal.' },
  { type: 'deal.company_updated', recordType: 'deal_company', description: "A deal's link to a company changed." },
  {
    type: 'line_items.replaced',
    recordType: 'line_items',
    description: "A deal's product line items were replaced; `changes.line_items` holds the previous and new lists.",
  },
  ...lifecycle('activity', 'activity'),
  ...lifecycle('task', 'task'),
  ...lifecycle('contact', 'contact'),
  {
    type: 'contact.merged',
    recordType: 'contact',
    description:
      'A contact was merged into another: `record.id` is the merged contact, `data.merged_into_contact_id` the survivor that now has its deals and links (the moves follow as their own events).',
  },
  ...lifecycle('company', 'company'),
  {
    type: 'company.merged',
    recordType: 'company',
    description:
      'A company was merged into another: `record.id` is the merged company, `data.merged_into_company_id` the survivor that now has its deals, links and contacts (the moves follow as their own events).',
  },
  ...lifecycle('pipeline', 'pipeline'),
  ...lifecycle('stage', 'stage'),
  ...lifecycle('product', 'product'),
  ...lifecycle('custom_field', 'custom field'),
  ...lifecycle('lost_reason', 'loss reason'),
  ...lifecycle('user', 'user'),
  ...lifecycle('api_key', 'API key'),
  ...lifecycle('webhook_endpoint', 'webhook endpoint'),
  { type: 'setting.updated', recordType: 'setting', description: 'A workspace setting was set; `record.id` is its key.' },
];

const KNOWN = new Set(CHANGE_EVENT_TYPES.map((entry) => entry.type));

/** The type of a delivery sent with "send test event": never a change, so not subscribable. */
export const WEBHOOK_TEST_EVENT_TYPE = 'webhook.test';

export function isChangeEventType(type: string): boolean {
  return KNOWN.has(type);
}
