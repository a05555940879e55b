import { AppError } from '../errors';
import { fromPublicId } from '../ids';
import { normalizeDomain } from '../schemas/company';
import { type CustomFieldDefinitionLike, validateCustomFieldValues } from '../services/custom-fields/validate-custom-field-values';
import { outcomeStageFor, statusInStage, type DealStatus } from '../deal-lifecycle/stage-rules';
import { CUSTOM_FIELD_PREFIX, type ImportEntity } from './import-fields';
import { currencyOfSymbol, parseAmount, parseCurrency, parseDate, parseEmail, splitFullName, splitNameAndEmail } from './import-values';
import { type PipelineOption, resolveStage, type StageOption } from './resolve-stage';

// One row of an import's file read into what it asks for — a deal, contact or company draft with
// its references by name, email or domain — or the reason it is refused. Pure: the database work
// (matching, writing) is the import service's.

export interface ImportLookups {
  pipelines: PipelineOption[];
  users: { id: number; name: string; email: string }[];
  customFields: (CustomFieldDefinitionLike & { label: string })[];
  defaultCurrency: string;
  /** the file is semicolon-separated: its amounts use a decimal comma */
  decimalComma: boolean;
}

export interface CompanyRef {
  name: string | null;
  domain: string | null;
}

export interface ContactRef {
  firstName: string;
  lastName: string;
  email: string | null;
  phone?: string | null;
  company: CompanyRef | null;
}

/** What a deal row sets; a field absent (an empty cell) is left as it is on an update. */
export interface DealFields {
  name?: string;
  stage?: StageOption;
  status?: DealStatus;
  value?: bigint;
  currency?: string;
  expectedClose?: Date;
  ownerId?: number | null;
  externalOwner?: { name: string | null; email: string | null };
  lostReason?: string;
  closedAt?: Date;
  source?: string;
  customFields?: Record<string, string | number | boolean | null>;
}

export type ImportDraft =
  | { entity: 'deals'; id: number | null; externalId: string | null; fields: DealFields; contact: ContactRef | null; company: CompanyRef | null }
  | { entity: 'contacts'; id: number | null; externalId: string | null; contact: Partial<Omit<ContactRef, 'company'>>; company: CompanyRef | null }
  | { entity: 'companies'; id: number | null; externalId: string | null; company: { name?: string; domain?: string } };

export type RowReading = { ok: true; draft: ImportDraft } | { ok: false; reason: string };

const MAX_TEXT = 255;

class RowProblem extends Error {}
const refuse = (message: string): never => {
  throw new RowProblem(message);
};

/** The row's cells by field key (a blank cell is absent). */
export function cellsByField(headers: readonly string[], mapping: Readonly<Record<string, string>>, cells: readonly string[]): Map<string, string> {
  const values = new Map<string, string>();
  headers.forEach((header, index) => {
    const field = mapping[header];
    const cell = cells[index]?.trim();
    if (field && cell) values.set(field, cell);
  });
  return values;
}

function text(values: Map<string, string>, key: string, label: string): string | undefined {
  const value = values.get(key);
  if (value !== undefined && value.length > MAX_TEXT) refuse(`${label} is longer than ${MAX_TEXT} characters`);
  return value;
}

function companyRef(name: string | undefined, domainText: string | undefined): CompanyRef | null {
  if (!name && !domainText) return null;
  let domain: string | null = null;
  if (domainText) {
    domain = normalizeDomain(domainText);
    if (!domain) refuse(`Company domain "${domainText}" is not a domain such as acme.com`);
  }
  return { name: name ?? null, domain };
}

function userFor(lookups: ImportLookups, name: string | undefined, email: string | undefined) {
  if (email) {
    const user = lookups.users.find((u) => u.email.toLowerCase() === email.toLowerCase());
    if (user) return user;
  }
  if (name) {
    const parsed = splitNameAndEmail(name);
    return lookups.users.find(
      (u) => (parsed.name && u.name.toLowerCase() === parsed.name.toLowerCase()) || (parsed.email && u.email.toLowerCase() === parsed.email.toLowerCase()),
    );
  }
  return undefined;
}

const STATUS_WORDS: Record<string, DealStatus> = {
  open: 'open',
  won: 'won',
  lost: 'lost',
  stalled: 'stalled',
  deleted: 'lost',
  closedwon: 'won',
  closedlost: 'lost',
};

function readDeal(values: Map<string, string>, lookups: ImportLookups): ImportDraft {
  const publicId = values.get('id');
  const id = publicId ? (fromPublicId('deal', publicId) ?? refuse(`ID "${publicId}" is not a Dealboard deal ID`)) : null;
  const fields: DealFields = {};
  const name = text(values, 'name', 'Name');
  if (name) fields.name = name;

  const statusText = values.get('status');
  let status: DealStatus | undefined;
  if (statusText) {
    status = STATUS_WORDS[statusText.toLowerCase()] ?? refuse(`Status "${statusText}" is not one of open, won, lost`);
    fields.status = status;
  }
  const pipelineName = values.get('pipeline') ?? null;
  const stageName = values.get('stage') ?? null;
  if (pipelineName || stageName || status === 'won' || status === 'lost') {
    const choice = resolveStage(lookups.pipelines, pipelineName, stageName, status === 'won' || status === 'lost' ? status : null);
    if (!choice.ok) refuse(choice.message);
    let stage = (choice as { stage: StageOption }).stage;
    // Won / Lost as the deal lifecycle closes a deal: into its pipeline's first stage with that outcome, when it has one
    if ((status === 'won' || status === 'lost') && stage.outcome === null) {
      const pipeline = lookups.pipelines.find((p) => p.id === stage.pipelineId)!;
      stage = outcomeStageFor(pipeline.stages, status) ?? stage;
    }
    try {
      fields.status = statusInStage(stage, status, null, false);
    } catch (error) {
      if (error instanceof AppError) refuse(error.message.replace(/\.$/, ''));
      throw error;
    }
    fields.stage = stage;
  }

  const amount = values.get('value');
  const currencyText = values.get('currency');
  if (currencyText) {
    const currency = parseCurrency(currencyText);
    if (!currency.ok) refuse(currency.message);
    fields.currency = (currency as { value: string }).value;
  } else if (amount && currencyOfSymbol(amount)) {
    fields.currency = currencyOfSymbol(amount)!;
  }
  if (amount) {
    const value = parseAmount(amount, fields.currency ?? lookups.defaultCurrency, { decimalComma: lookups.decimalComma });
    if (!value.ok) refuse(value.message);
    fields.value = (value as { value: bigint }).value;
    fields.currency ??= lookups.defaultCurrency;
  }
  const dateField = (key: string, label: string): Date | undefined => {
    const cell = values.get(key);
    if (!cell) return undefined;
    const date = parseDate(cell);
    return date.ok ? date.value : refuse(`${label}: ${date.message}`);
  };
  fields.expectedClose = dateField('expected_close', 'Expected close date');
  fields.closedAt = dateField('closed_at', 'Closed at');
  if (fields.expectedClose === undefined) delete fields.expectedClose;
  if (fields.closedAt === undefined) delete fields.closedAt;

  const ownerName = values.get('owner');
  const ownerEmail = values.get('owner_email');
  if (ownerName || ownerEmail) {
    const owner = userFor(lookups, ownerName, ownerEmail);
    if (owner) fields.ownerId = owner.id;
    else {
      // an owner no user matches is kept as the other system named them, and the deal left unassigned
      fields.ownerId = null;
      fields.externalOwner = { name: ownerName ?? null, email: ownerEmail ?? null };
    }
  }
  const lostReason = text(values, 'lost_reason', 'Lost reason');
  if (lostReason) fields.lostReason = lostReason;
  const source = text(values, 'source', 'Source');
  if (source) fields.source = source;

  const custom: Record<string, unknown> = {};
  for (const [key, cell] of values) {
    if (!key.startsWith(CUSTOM_FIELD_PREFIX)) continue;
    const fieldKey = key.slice(CUSTOM_FIELD_PREFIX.length);
    const definition = lookups.customFields.find((f) => f.key === fieldKey);
    custom[fieldKey] = definition ? customCell(definition, cell) : cell;
  }
  if (Object.keys(custom).length > 0) {
    const checked = validateCustomFieldValues(lookups.customFields, custom, { partial: true });
    if (checked.errors.length > 0) {
      refuse(checked.errors.map((e) => `${lookups.customFields.find((f) => `custom_fields.${f.key}` === e.path)?.label ?? e.path}: ${e.message}`).join('; '));
    }
    fields.customFields = checked.values;
  }

  const contactCell = values.get('contact');
  const contactEmailText = values.get('contact_email');
  let contact: ContactRef | null = null;
  const company = companyRef(text(values, 'company', 'Company'), values.get('company_domain'));
  if (contactCell || contactEmailText) {
    const parsed = contactCell ? splitNameAndEmail(contactCell) : { name: null, email: null };
    const emailText = contactEmailText ?? parsed.email;
    let email: string | null = null;
    if (emailText) {
      const checked = parseEmail(emailText);
      if (!checked.ok) refuse(`Contact email: ${checked.message}`);
      email = emailText.trim();
    }
    const names = splitFullName(parsed.name ?? email?.split('@')[0] ?? '');
    contact = { ...names, email, company };
  }
  const externalId = text(values, 'external_id', 'External ID') ?? null;
  return { entity: 'deals', id, externalId, fields, contact, company };
}

/** A cell as the custom field's type expects it (numbers and yes/no from text). */
function customCell(definition: CustomFieldDefinitionLike, cell: string): unknown {
  if (definition.type === 'number') {
    const number = Number(cell.replace(',', '.'));
    return Number.isFinite(number) ? number : cell;
  }
  if (definition.type === 'boolean') {
    const word = cell.toLowerCase();
    if (['true', 'yes', '1', 'y'].includes(word)) return true;
    if (['false', 'no', '0', 'n'].includes(word)) return false;
    return cell;
  }
  if (definition.type === 'date') {
    const date = parseDate(cell);
    return date.ok ? date.value.toISOString().slice(0, 10) : cell;
  }
  if (definition.type === 'select') return selectOption(definition, cell);
  return cell;
}

function selectOption(definition: CustomFieldDefinitionLike, cell: string): string {
  const options = Array.isArray(definition.options) ? (definition.options as unknown[]).filter((o): o is string => typeof o === 'string') : [];
  return options.find((o) => o.toLowerCase() === cell.toLowerCase()) ?? cell;
}

function readContact(values: Map<string, string>): ImportDraft {
  const publicId = values.get('id');
  const id = publicId ? (fromPublicId('contact', publicId) ?? refuse(`ID "${publicId}" is not a Dealboard contact ID`)) : null;
  const contact: Partial<Omit<ContactRef, 'company'>> = {};
  const full = text(values, 'name', 'Name');
  const first = text(values, 'first_name', 'First name');
  const last = text(values, 'last_name', 'Last name');
  if (full && !first && !last) Object.assign(contact, splitFullName(full));
  if (first) contact.firstName = first;
  if (last) contact.lastName = last;
  const emailText = values.get('email');
  if (emailText) {
    const checked = parseEmail(emailText);
    if (!checked.ok) refuse(`Email: ${checked.message}`);
    contact.email = emailText.trim();
  }
  const phone = text(values, 'phone', 'Phone');
  if (phone) contact.phone = phone;
  const company = companyRef(text(values, 'company', 'Company'), values.get('company_domain'));
  return { entity: 'contacts', id, externalId: text(values, 'external_id', 'External ID') ?? null, contact, company };
}

function readCompany(values: Map<string, string>): ImportDraft {
  const publicId = values.get('id');
  const id = publicId ? (fromPublicId('company', publicId) ?? refuse(`ID "${publicId}" is not a Dealboard company ID`)) : null;
  const ref = companyRef(text(values, 'name', 'Name'), values.get('domain'));
  const company: { name?: string; domain?: string } = {};
  if (ref?.name) company.name = ref.name;
  if (ref?.domain) company.domain = ref.domain;
  return { entity: 'companies', id, externalId: text(values, 'external_id', 'External ID') ?? null, company };
}

/** The row read as a draft of `entity`, or why it cannot be imported. */
export function interpretRow(entity: ImportEntity, values: Map<string, string>, lookups: ImportLookups): RowReading {
  try {
    if (entity === 'deals') return { ok: true, draft: readDeal(values, lookups) };
    if (entity === 'contacts') return { ok: true, draft: readContact(values) };
    return { ok: true, draft: readCompany(values) };
  } catch (error) {
    if (error instanceof RowProblem) return { ok: false, reason: error.message };
    throw error;
  }
}
