import 'server-only';
import { db, type Prisma } from '../../../db';
import type { CustomFieldDefinition } from '../../../generated/prisma/client';
import { majorToMinorUnits, majorUnitsMessage } from '../../../money/major-units';
import { HUBSPOT_DEAL_PROPERTIES, type HubSpotPropertyInput, type HubSpotPropertyValue } from '../schemas';
import type { ServiceContext } from '../../../services/context';
import { listCustomFieldDefinitions } from '../../../services/custom-fields/list-custom-field-definitions';
import { HubSpotPropertyError, type HubSpotPropertyProblem } from './hubspot-property-error';

const BUILT_IN = new Set<string>(HUBSPOT_DEAL_PROPERTIES);
const MAX_INT4 = 2_147_483_647;
// the native default currency of a new deal (createDeal): a created deal's amount is read in it
const DEFAULT_CURRENCY = 'USD';

/** What a list of HubSpot deal properties says, in native terms. `undefined` = not sent. */
export interface DealPropertyValues {
  name?: string;
  /** minor units */
  value?: number;
  expectedClose?: Date | null;
  ownerId?: number | null;
  dealType?: string | null;
  /** a stage (with its pipeline), or a pipeline alone (its first stage, on update only) */
  target?: { pipelineId: number; stageId?: number };
  customFields?: Record<string, unknown>;
}

/**
 * Reads HubSpot `properties` (name/value pairs; the last pair of a name wins) into native deal
 * values. Known names: dealname, dealstage, pipeline, amount (major units), closedate (ms since the
 * epoch), hubspot_owner_id (a user's integer ID), dealtype, and the key of any deal custom field
 * definition. Any other name is a 400 naming it, before anything else is checked.
 * pipeline and dealstage resolve by external ID, then by integer ID; "default" (HubSpot's name of
 * the default pipeline) also means the default pipeline. A dealstage must be a stage of the
 * pipeline sent, else of the deal's pipeline (update), else of the default pipeline (create).
 * A create needs dealname and dealstage. Every bad value is named in one 400.
 */
export async function readHubSpotProperties({
  ctx,
  input,
  tx,
}: {
  ctx: ServiceContext;
  input:
    | { properties: HubSpotPropertyInput[]; mode: 'create' }
    | { properties: HubSpotPropertyInput[]; mode: 'update'; deal: { pipelineId: number; currency: string } };
  /** the caller's transaction, when reading inside one (every read must go through it then) */
  tx?: Prisma.TransactionClient;
}): Promise<DealPropertyValues> {
  const client = tx ?? db;
  const definitions = await listCustomFieldDefinitions({ ctx, tx });
  const customByKey = new Map(definitions.map((d) => [d.key, d]));
  const sent = new Map<string, HubSpotPropertyValue>();
  for (const property of input.properties) sent.set(property.name, property.value);

  const unknown = [...sent.keys()].filter((name) => !BUILT_IN.has(name) && !customByKey.has(name));
  if (unknown.length > 0) {
    throw new HubSpotPropertyError(
      unknown.map((name) => ({ name, error: 'PROPERTY_DOESNT_EXIST', message: `Property "${name}" does not exist` })),
      unknown.length === 1 ? `Property "${unknown[0]}" does not exist` : `Properties ${unknown.map((n) => `"${n}"`).join(', ')} do not exist`,
    );
  }

  const problems: HubSpotPropertyProblem[] = [];
  const bad = (name: string, message: string, error: HubSpotPropertyProblem['error'] = 'INVALID_PROPERTY_VALUE') => problems.push({ name, error, message });
  const out: DealPropertyValues = {};
  const creating = input.mode === 'create';

  if (sent.has('dealname')) {
    const name = text(sent.get('dealname'));
    if (name === '') bad('dealname', 'dealname must not be empty', 'REQUIRED');
    else if (name.length > 255) bad('dealname', 'dealname must be at most 255 characters');
    else out.name = name;
  } else if (creating) {
    bad('dealname', 'dealname is required', 'REQUIRED');
  }

  if (sent.has('amount')) {
    const amount = text(sent.get('amount'));
    if (amount === '') out.value = 0;
    else {
      const currency = input.mode === 'update' ? input.deal.currency : DEFAULT_CURRENCY;
      const minor = majorToMinorUnits(amount, currency);
      if (minor.ok) out.value = Number(minor.value);
      else bad('amount', majorUnitsMessage(minor, 'amount', currency));
    }
  }

  if (sent.has('closedate')) {
    const closedate = text(sent.get('closedate'));
    const date = closedate === '' ? null : epochMillis(closedate);
    if (date === undefined) bad('closedate', `closedate must be a time in milliseconds since the Unix epoch, such as 1409443200000 (got "${closedate}")`);
    else out.expectedClose = date;
  }

  if (sent.has('hubspot_owner_id')) {
    const owner = text(sent.get('hubspot_owner_id'));
    if (owner === '') out.ownerId = null;
    else {
      const id = integerId(owner);
      const user = id === null ? null : await client.user.findUnique({ where: { id }, select: { id: true } });
      if (user) out.ownerId = user.id;
      else bad('hubspot_owner_id', `"${owner}" is not a valid owner: use a Dealboard user's integer ID`, 'INVALID_OPTION');
    }
  }

  if (sent.has('dealtype')) {
    const dealType = text(sent.get('dealtype'));
    if (dealType.length > 100) bad('dealtype', 'dealtype must be at most 100 characters');
    else out.dealType = dealType === '' ? null : dealType;
  }

  // pipeline and stage
  const pipelineText = sent.has('pipeline') ? text(sent.get('pipeline')) : '';
  const stageText = sent.has('dealstage') ? text(sent.get('dealstage')) : '';
  let pipelineId: number | null = null;
  if (pipelineText !== '') {
    pipelineId = await findPipeline(client, pipelineText);
    if (pipelineId === null) bad('pipeline', `"${pipelineText}" is not a valid pipeline`, 'INVALID_OPTION');
  }
  if (stageText === '' && (creating || sent.has('dealstage'))) {
    bad('dealstage', creating ? 'dealstage is required' : 'dealstage must not be empty', 'REQUIRED');
  } else if (stageText !== '' && (pipelineText === '' || pipelineId !== null)) {
    const scope = pipelineId ?? (input.mode === 'update' ? input.deal.pipelineId : await defaultPipelineId(client));
    if (scope === null) bad('pipeline', 'There is no default pipeline: send pipeline', 'REQUIRED');
    else {
      const stageId = await findStage(client, scope, stageText);
      if (stageId === null) {
        const of = pipelineText !== '' ? `pipeline "${pipelineText}"` : input.mode === 'update' ? 'the deal’s pipeline' : 'the default pipeline';
        bad('dealstage', `"${stageText}" is not a valid dealstage of ${of}`, 'INVALID_OPTION');
      } else out.target = { pipelineId: scope, stageId };
    }
  } else if (pipelineId !== null) {
    out.target = { pipelineId };
  }

  // custom fields: values converted from HubSpot's text forms; their rules are checked by the deal services
  const customFields: Record<string, unknown> = {};
  for (const [name, value] of sent) {
    const definition = customByKey.get(name);
    if (definition && !BUILT_IN.has(name)) customFields[name] = customValue(definition, value);
  }
  if (Object.keys(customFields).length > 0) out.customFields = customFields;

  if (problems.length > 0) throw new HubSpotPropertyError(problems);
  return out;
}

function text(value: HubSpotPropertyValue | undefined): string {
  return value === null || value === undefined ? '' : String(value).trim();
}

/** A positive integer ID that fits the database's integer columns, or null. */
export function integerId(value: string | number): number | null {
  const textValue = String(value).trim();
  if (!/^\d{1,10}$/.test(textValue)) return null;
  const id = Number(textValue);
  return id >= 1 && id <= MAX_INT4 ? id : null;
}

/** A Date from whole milliseconds since the epoch (HubSpot's datetime values); undefined when invalid. */
function epochMillis(value: string): Date | undefined {
  if (!/^-?\d{1,16}$/.test(value)) return undefined;
  const date = new Date(Number(value));
  return Number.isNaN(date.getTime()) ? undefined : date;
}

type Client = Prisma.TransactionClient;

async function defaultPipelineId(client: Client): Promise<number | null> {
  const pipeline = await client.pipeline.findFirst({ where: { isDefault: true, deletedAt: null }, select: { id: true } });
  return pipeline?.id ?? null;
}

async function findPipeline(client: Client, value: string): Promise<number | null> {
  const byExternalId = await client.pipeline.findFirst({ where: { externalId: value, deletedAt: null }, select: { id: true } });
  if (byExternalId) return byExternalId.id;
  const id = integerId(value);
  if (id !== null) {
    const byId = await client.pipeline.findFirst({ where: { id, deletedAt: null }, select: { id: true } });
    if (byId) return byId.id;
  }
  // why: integrations written for HubSpot send "default" for the portal's default pipeline
  return value === 'default' ? defaultPipelineId(client) : null;
}

async function findStage(client: Client, pipelineId: number, value: string): Promise<number | null> {
  const byExternalId = await client.stage.findFirst({ where: { pipelineId, externalId: value, deletedAt: null }, select: { id: true } });
  if (byExternalId) return byExternalId.id;
  const id = integerId(value);
  if (id === null) return null;
  const byId = await client.stage.findFirst({ where: { id, pipelineId, deletedAt: null }, select: { id: true } });
  return byId?.id ?? null;
}

/**
 * A custom field value from HubSpot's forms: numbers and checkboxes arrive as text ("12.5", "true"),
 * dates as midnight-UTC milliseconds (or YYYY-MM-DD); "" clears. A value that does not convert is
 * passed on as sent, so validateCustomFieldValues names the problem.
 */
function customValue(definition: Pick<CustomFieldDefinition, 'type'>, value: HubSpotPropertyValue): unknown {
  if (value === null || value === '') return null;
  switch (definition.type) {
    case 'text':
    case 'select':
      return typeof value === 'string' ? value : String(value);
    case 'number': {
      if (typeof value === 'number') return value;
      const trimmed = String(value).trim();
      return /^-?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(trimmed) ? Number(trimmed) : value;
    }
    case 'boolean': {
      const lowered = String(value).trim().toLowerCase();
      return lowered === 'true' ? true : lowered === 'false' ? false : value;
    }
    case 'date': {
      const trimmed = String(value).trim();
      if (/^-?\d{1,16}$/.test(trimmed)) {
        const date = new Date(Number(trimmed));
        return Number.isNaN(date.getTime()) ? value : date.toISOString().slice(0, 10);
      }
      return trimmed;
    }
  }
}
