// The fields a CSV import fills, per record type, and the column headers that name each of them
// without a mapping: Dealboard's own export headers (the shared CSV column contract), and the
// headers of Pipedrive's and HubSpot's exports. Pure: the import page and the import service both
// read it (docs/decisions/023-csv-import.md).

export type ImportEntity = 'deals' | 'contacts' | 'companies';
export const IMPORT_ENTITIES: readonly ImportEntity[] = ['deals', 'contacts', 'companies'];

/** A column that fills no field. */
export const IGNORED_FIELD = '';
/** Custom field keys are prefixed so they never collide with a built-in field. */
export const CUSTOM_FIELD_PREFIX = 'custom:';

export interface ImportField {
  key: string;
  label: string;
  /** lower-case headers (spaces collapsed) that mean this field */
  headers: readonly string[];
}

const DEAL_FIELDS: readonly ImportField[] = [
  { key: 'id', label: 'Dealboard ID', headers: ['id'] },
  { key: 'external_id', label: 'External ID', headers: ['external id', 'record id', 'deal - id', 'deal id'] },
  { key: 'name', label: 'Name', headers: ['name', 'deal - title', 'deal name', 'title', 'deal title'] },
  { key: 'pipeline', label: 'Pipeline', headers: ['pipeline', 'deal - pipeline'] },
  { key: 'stage', label: 'Stage', headers: ['stage', 'deal - stage', 'deal stage'] },
  { key: 'status', label: 'Status', headers: ['status', 'deal - status'] },
  { key: 'value', label: 'Value', headers: ['value', 'deal - value', 'amount'] },
  { key: 'currency', label: 'Currency', headers: ['currency', 'deal - currency', 'currency code', 'deal currency code'] },
  { key: 'expected_close', label: 'Expected close date', headers: ['expected close date', 'deal - expected close date', 'close date'] },
  { key: 'owner', label: 'Owner', headers: ['owner', 'deal - owner', 'deal owner', 'hubspot owner'] },
  { key: 'owner_email', label: 'Owner email', headers: ['owner email', 'deal - owner email', 'deal owner email'] },
  { key: 'contact', label: 'Contact', headers: ['contact', 'person - name', 'deal - contact person', 'associated contact', 'contact name'] },
  { key: 'contact_email', label: 'Contact email', headers: ['contact email', 'person - email', 'email'] },
  { key: 'company', label: 'Company', headers: ['company', 'organization - name', 'deal - organization', 'associated company', 'company name'] },
  { key: 'company_domain', label: 'Company domain', headers: ['company domain', 'organization - website', 'company domain name', 'website'] },
  { key: 'lost_reason', label: 'Lost reason', headers: ['lost reason', 'deal - lost reason', 'closed lost reason'] },
  { key: 'closed_at', label: 'Closed at', headers: ['closed at', 'deal - deal closed on', 'deal - won time', 'deal - lost time', 'closed date'] },
  { key: 'created_at', label: 'Created at', headers: ['created at', 'deal - deal created', 'create date'] },
  { key: 'source', label: 'Source', headers: ['source', 'deal - source', 'original source', 'original source type'] },
];

const CONTACT_FIELDS: readonly ImportField[] = [
  { key: 'id', label: 'Dealboard ID', headers: ['id'] },
  { key: 'external_id', label: 'External ID', headers: ['external id', 'record id', 'person - id', 'contact id'] },
  { key: 'first_name', label: 'First name', headers: ['first name', 'person - first name', 'firstname'] },
  { key: 'last_name', label: 'Last name', headers: ['last name', 'person - last name', 'lastname'] },
  { key: 'name', label: 'Full name', headers: ['name', 'person - name', 'full name', 'contact name'] },
  { key: 'email', label: 'Email', headers: ['email', 'person - email', 'email address'] },
  { key: 'phone', label: 'Phone', headers: ['phone', 'person - phone', 'phone number', 'mobile phone number'] },
  { key: 'company', label: 'Company', headers: ['company', 'person - organization', 'organization - name', 'company name', 'associated company'] },
  { key: 'company_domain', label: 'Company domain', headers: ['company domain', 'company domain name', 'organization - website', 'website'] },
  { key: 'created_at', label: 'Created at', headers: ['created at', 'person - person created', 'create date'] },
];

const COMPANY_FIELDS: readonly ImportField[] = [
  { key: 'id', label: 'Dealboard ID', headers: ['id'] },
  { key: 'external_id', label: 'External ID', headers: ['external id', 'record id', 'organization - id', 'company id'] },
  { key: 'name', label: 'Name', headers: ['name', 'organization - name', 'company name', 'company'] },
  { key: 'domain', label: 'Domain', headers: ['domain', 'company domain name', 'organization - website', 'website url', 'website'] },
  { key: 'created_at', label: 'Created at', headers: ['created at', 'organization - organization created', 'create date'] },
];

export function importFields(entity: ImportEntity): readonly ImportField[] {
  return entity === 'deals' ? DEAL_FIELDS : entity === 'contacts' ? CONTACT_FIELDS : COMPANY_FIELDS;
}

/** A custom field a column can fill (deals only). */
export interface ImportCustomField {
  key: string;
  label: string;
}

/** Every field key a column may be mapped to, with its label, custom fields included. */
export function mappableFields(entity: ImportEntity, customFields: readonly ImportCustomField[]): { key: string; label: string }[] {
  const builtIn = importFields(entity).map(({ key, label }) => ({ key, label }));
  if (entity !== 'deals') return builtIn;
  return [...builtIn, ...customFields.map((field) => ({ key: `${CUSTOM_FIELD_PREFIX}${field.key}`, label: `${field.label} (custom field)` }))];
}

/** A header as compared: trimmed, lower-case, inner spaces collapsed, a byte order mark dropped. */
export function normaliseHeader(header: string): string {
  return header
    .replace(/^\uFEFF/, '')
    .trim()
    .replace(/\s+/g, ' ')
    .toLowerCase();
}

/**
 * The field each header names ({header: field key}; IGNORED_FIELD when none): built-in fields by
 * their known headers, custom fields by their label or key (also as Pipedrive's "Deal - <label>").
 * A field is given to the first column that names it only.
 */
export function autoMapHeaders(entity: ImportEntity, headers: readonly string[], customFields: readonly ImportCustomField[] = []): Record<string, string> {
  const byHeader = new Map<string, string>();
  for (const field of importFields(entity)) for (const header of field.headers) if (!byHeader.has(header)) byHeader.set(header, field.key);
  if (entity === 'deals') {
    for (const field of customFields) {
      const key = `${CUSTOM_FIELD_PREFIX}${field.key}`;
      for (const name of [field.label, field.key, `deal - ${field.label}`]) {
        const header = normaliseHeader(name);
        if (!byHeader.has(header)) byHeader.set(header, key);
      }
    }
  }
  const taken = new Set<string>();
  const mapping: Record<string, string> = {};
  for (const header of headers) {
    const field = byHeader.get(normaliseHeader(header));
    if (field && !taken.has(field)) {
      taken.add(field);
      mapping[header] = field;
    } else {
      mapping[header] = IGNORED_FIELD;
    }
  }
  return mapping;
}
