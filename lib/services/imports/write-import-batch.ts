import 'server-only';
import { closedAtFor, lostReasonFor, statusInStage, type DealStatus } from '../../deal-lifecycle/stage-rules';
import { queryRows } from '../../database/run-sql';
import type { CsvFormat } from '../../imports/read-csv';
import { sql } from '../../database/typed-sql';
import { AppError } from '../../errors';
import type { CompanyRef, ContactRef, DealFields, ImportDraft, ImportLookups, RowReading } from '../../imports/interpret-row';
import type { ImportEntity } from '../../imports/import-fields';
import { defaultPipeline, type StageOption } from '../../imports/resolve-stage';
import { validateCustomFieldValues } from '../custom-fields/validate-custom-field-values';
import type { ServiceContext } from '../context';
import type { DbClient } from '../deals/resolve-deal-references';

// One batch of an import's rows written in the caller's transaction, set-based: a few statements
// per batch (match, create companies, contacts and deals, update, history, links), whatever its
// size. Each row ends created, updated, skipped or rejected; a rejected row changes nothing, the
// others are unaffected by it. Every record created or updated is listed, with the previous
// values of an update, for undo (docs/decisions/023-csv-import.md).

export type RowOutcomeKind = 'created' | 'updated' | 'skipped' | 'rejected';

export interface BatchRow {
  rowNumber: number;
  cells: string[];
  reading: RowReading;
}

export interface RowOutcome {
  rowNumber: number;
  outcome: RowOutcomeKind;
  recordId: number | null;
  reason: string | null;
  cells: string[] | null;
}

export interface RecordChange {
  recordType: 'deal' | 'contact' | 'company';
  recordId: number;
  action: 'created' | 'updated';
  previous: unknown;
}

export interface ImportRun {
  ctx: ServiceContext;
  entity: ImportEntity;
  onMatch: 'update' | 'skip';
  lookups: ImportLookups;
  /** the deal external sources in use: an external ID matches a deal from any of them */
  externalSources: string[];
  /** the file's encoding and separator, detected once */
  format: CsvFormat;
  /** a record key (ID, external ID, email, domain) → the row that first named it in this file */
  seen: Map<string, number>;
  /** the deals the run created: their source is "import" */
  now: Date;
}

export const IMPORT_EXTERNAL_SOURCE = 'import';

type Json = Record<string, unknown>;

async function rows<T>(tx: DbClient, statement: ReturnType<typeof sql>): Promise<T[]> {
  return queryRows<T>(tx, statement);
}

const toJson = (value: unknown) => JSON.stringify(value, (_key, v) => (typeof v === 'bigint' ? v.toString() : v));

async function nextIds(tx: DbClient, table: 'deals' | 'contacts' | 'companies', count: number): Promise<number[]> {
  if (count === 0) return [];
  const found = await rows<{ id: number }>(tx, sql`SELECT nextval(pg_get_serial_sequence(${table}, 'id'))::int AS id FROM generate_series(1, ${count}::int)`);
  return found.map((r) => Number(r.id));
}

const companyKey = (ref: CompanyRef) => (ref.domain ? `d:${ref.domain}` : `n:${ref.name!.toLowerCase()}`);
const contactKey = (ref: ContactRef) => (ref.email ? `e:${ref.email.toLowerCase()}` : `n:${`${ref.firstName} ${ref.lastName}`.trim().toLowerCase()}`);

/** The companies named by domain or name: found (domain first), or created. Key → id. */
async function resolveCompanies(tx: DbClient, refs: CompanyRef[], changes: RecordChange[]): Promise<Map<string, number>> {
  const wanted = new Map<string, CompanyRef>();
  for (const ref of refs) if (ref.domain || ref.name) wanted.set(companyKey(ref), ref);
  const ids = new Map<string, number>();
  if (wanted.size === 0) return ids;
  const domains = [...wanted.values()].flatMap((r) => (r.domain ? [r.domain] : []));
  const names = [...wanted.values()].flatMap((r) => (r.domain ? [] : [r.name!.toLowerCase()]));
  if (domains.length > 0) {
    const found = await rows<{ id: number; domain: string }>(
      tx,
      sql`SELECT DISTINCT ON (domain) id, domain FROM companies WHERE deleted_at IS NULL AND domain = ANY(${domains}::text[]) ORDER BY domain, id`,
    );
    for (const row of found) ids.set(`d:${row.domain}`, Number(row.id));
  }
  if (names.length > 0) {
    const found = await rows<{ id: number; name: string }>(
      tx,
      sql`SELECT DISTINCT ON (lower(name)) id, lower(name) AS name FROM companies WHERE deleted_at IS NULL AND lower(name) = ANY(${names}::text[]) ORDER BY lower(name), id`,
    );
    for (const row of found) ids.set(`n:${row.name}`, Number(row.id));
  }
  const missing = [...wanted].filter(([key]) => !ids.has(key));
  const newIds = await nextIds(tx, 'companies', missing.length);
  if (missing.length > 0) {
    const records = missing.map(([key, ref], i) => {
      ids.set(key, newIds[i]!);
      changes.push({ recordType: 'company', recordId: newIds[i]!, action: 'created', previous: null });
      return { id: newIds[i], name: ref.name ?? ref.domain, domain: ref.domain };
    });
    await rows(
      tx,
      sql`INSERT INTO companies (id, name, domain, updated_at)
          SELECT r.id, r.name, r.domain, now() FROM jsonb_to_recordset(${toJson(records)}::jsonb) AS r(id int, name text, domain text)`,
    );
  }
  return ids;
}

/** The contacts named by email or full name: found, or created (with their company). Key → id. */
async function resolveContacts(tx: DbClient, refs: ContactRef[], companyIds: Map<string, number>, changes: RecordChange[]): Promise<Map<string, number>> {
  const wanted = new Map<string, ContactRef>();
  for (const ref of refs) wanted.set(contactKey(ref), ref);
  const ids = new Map<string, number>();
  if (wanted.size === 0) return ids;
  const emails = [...wanted.values()].flatMap((r) => (r.email ? [r.email, r.email.toLowerCase()] : []));
  const names = [...wanted.values()].flatMap((r) => (r.email ? [] : [`${r.firstName} ${r.lastName}`.trim().toLowerCase()]));
  if (emails.length > 0) {
    // the email as written or in lower case: both can use the index on contacts.email
    const found = await rows<{ id: number; email: string }>(
      tx,
      sql`SELECT id, email FROM contacts WHERE deleted_at IS NULL AND email = ANY(${emails}::text[]) ORDER BY id DESC`,
    );
    for (const row of found) ids.set(`e:${row.email.toLowerCase()}`, Number(row.id));
  }
  if (names.length > 0) {
    const found = await rows<{ id: number; name: string }>(
      tx,
      sql`SELECT id, lower(trim(first_name || ' ' || last_name)) AS name FROM contacts
          WHERE deleted_at IS NULL AND lower(trim(first_name || ' ' || last_name)) = ANY(${names}::text[]) ORDER BY id DESC`,
    );
    for (const row of found) ids.set(`n:${row.name}`, Number(row.id));
  }
  const missing = [...wanted].filter(([key]) => !ids.has(key));
  const newIds = await nextIds(tx, 'contacts', missing.length);
  if (missing.length > 0) {
    const records = missing.map(([key, ref], i) => {
      ids.set(key, newIds[i]!);
      changes.push({ recordType: 'contact', recordId: newIds[i]!, action: 'created', previous: null });
      return {
        id: newIds[i],
        first_name: ref.firstName || ref.email?.split('@')[0] || '',
        last_name: ref.lastName,
        email: ref.email,
        phone: ref.phone ?? null,
        company_id: ref.company ? (companyIds.get(companyKey(ref.company)) ?? null) : null,
      };
    });
    await rows(
      tx,
      sql`INSERT INTO contacts (id, first_name, last_name, email, phone, company_id, updated_at)
          SELECT r.id, r.first_name, r.last_name, r.email, r.phone, r.company_id, now()
          FROM jsonb_to_recordset(${toJson(records)}::jsonb) AS r(id int, first_name text, last_name text, email text, phone text, company_id int)`,
    );
  }
  return ids;
}

/** A row's key in the file, so the same record named twice is refused the second time. */
function fileKey(draft: ImportDraft): { key: string; label: string } | null {
  if (draft.id !== null) return { key: `id:${draft.id}`, label: 'ID' };
  if (draft.externalId) return { key: `x:${draft.externalId}`, label: 'External ID' };
  if (draft.entity === 'contacts' && draft.contact.email) return { key: `e:${draft.contact.email.toLowerCase()}`, label: 'Email' };
  if (draft.entity === 'companies' && draft.company.domain) return { key: `d:${draft.company.domain}`, label: 'Domain' };
  return null;
}

interface Pending {
  row: BatchRow;
  draft: ImportDraft;
}

/** Writes one batch; the outcome of each row and the records changed. */
export async function writeImportBatch(tx: DbClient, run: ImportRun, batch: BatchRow[]): Promise<{ outcomes: RowOutcome[]; changes: RecordChange[] }> {
  const outcomes = new Map<number, RowOutcome>();
  const reject = (row: BatchRow, reason: string) =>
    outcomes.set(row.rowNumber, { rowNumber: row.rowNumber, outcome: 'rejected', recordId: null, reason, cells: row.cells });
  const pending: Pending[] = [];
  for (const row of batch) {
    if (!row.reading.ok) {
      reject(row, row.reading.reason);
      continue;
    }
    const key = fileKey(row.reading.draft);
    if (key) {
      const earlier = run.seen.get(key.key);
      if (earlier !== undefined) {
        reject(row, `${key.label} appears earlier in this file (row ${earlier})`);
        continue;
      }
      run.seen.set(key.key, row.rowNumber);
    }
    pending.push({ row, draft: row.reading.draft });
  }
  const changes: RecordChange[] = [];
  if (run.entity === 'deals') await writeDeals(tx, run, pending, outcomes, changes, reject);
  else if (run.entity === 'contacts') await writeContacts(tx, run, pending, outcomes, changes, reject);
  else await writeCompanies(tx, run, pending, outcomes, changes, reject);
  return { outcomes: batch.map((row) => outcomes.get(row.rowNumber)!), changes };
}

type Reject = (row: BatchRow, reason: string) => void;

interface ExistingDeal {
  id: number;
  external_id: string | null;
  stage_id: number;
  pipeline_id: number;
  status: DealStatus;
  closed_at: Date | null;
  lost_reason: string | null;
  value: bigint;
  currency: string;
  custom_fields: Json;
  snapshot: Json;
}

async function writeDeals(tx: DbClient, run: ImportRun, pending: Pending[], outcomes: Map<number, RowOutcome>, changes: RecordChange[], reject: Reject) {
  type DealDraft = Extract<ImportDraft, { entity: 'deals' }>;
  const drafts = pending as { row: BatchRow; draft: DealDraft }[];
  const ids = drafts.flatMap((p) => (p.draft.id !== null ? [p.draft.id] : []));
  const externalIds = drafts.flatMap((p) => (p.draft.externalId ? [p.draft.externalId] : []));
  const existing =
    ids.length + externalIds.length === 0
      ? []
      : await rows<ExistingDeal>(
          tx,
          sql`SELECT id, external_id, stage_id, pipeline_id, status::text AS status, closed_at, lost_reason, value, currency, custom_fields, to_jsonb(d) AS snapshot
              FROM deals d
              WHERE deleted_at IS NULL
                AND (id = ANY(${ids}::int[]) OR (external_source = ANY(${run.externalSources}::text[]) AND external_id = ANY(${externalIds}::text[])))
              ORDER BY id
              FOR UPDATE`,
        );
  const byId = new Map(existing.map((d) => [Number(d.id), d]));
  const byExternalId = new Map<string, ExistingDeal>();
  for (const d of existing) if (d.external_id && !byExternalId.has(d.external_id)) byExternalId.set(d.external_id, d);

  const creates: { row: BatchRow; draft: DealDraft; stage: StageOption }[] = [];
  const updates: { row: BatchRow; draft: DealDraft; deal: ExistingDeal }[] = [];
  for (const p of drafts) {
    // an ID of no live deal is another workspace's (a file moved between workspaces): the other keys decide
    const deal = (p.draft.id !== null ? byId.get(p.draft.id) : undefined) ?? (p.draft.externalId ? byExternalId.get(p.draft.externalId) : undefined);
    if (deal) {
      if (run.onMatch === 'skip')
        outcomes.set(p.row.rowNumber, {
          rowNumber: p.row.rowNumber,
          outcome: 'skipped',
          recordId: Number(deal.id),
          reason: 'Matches an existing deal',
          cells: null,
        });
      else updates.push({ ...p, deal });
      continue;
    }
    if (!p.draft.fields.name) {
      reject(p.row, 'Name is required to create a deal');
      continue;
    }
    const stage = p.draft.fields.stage ?? firstOpenStage(run.lookups);
    if (!stage) {
      reject(p.row, 'There is no pipeline to import deals into');
      continue;
    }
    const custom = validateCustomFieldValues(run.lookups.customFields, p.draft.fields.customFields ?? {}, { partial: false });
    if (custom.errors.length > 0) {
      reject(p.row, custom.errors.map((e) => e.message).join('; '));
      continue;
    }
    creates.push({ ...p, stage });
  }

  // the contacts and companies the rows name, found or created once for the whole batch
  const used = [...creates, ...updates];
  const companyRefs = used.flatMap((u) => [u.draft.company, u.draft.contact?.company].filter((c): c is CompanyRef => c !== null && c !== undefined));
  const companyIds = await resolveCompanies(tx, companyRefs, changes);
  const contactIds = await resolveContacts(
    tx,
    used.flatMap((u) => (u.draft.contact ? [u.draft.contact] : [])),
    companyIds,
    changes,
  );
  const contactOf = (d: DealDraft) => (d.contact ? (contactIds.get(contactKey(d.contact)) ?? null) : null);
  const companyOf = (d: DealDraft) => (d.company ? (companyIds.get(companyKey(d.company)) ?? null) : null);

  const now = run.now;
  const history: Json[] = [];
  const links: Json[] = [];

  if (creates.length > 0) {
    const stageIds = [...new Set(creates.map((c) => c.stage.id))];
    const ends = await rows<{ stage_id: number; max: number | null }>(
      tx,
      sql`SELECT s.id AS stage_id, (SELECT max(position) FROM deals WHERE stage_id = s.id AND deleted_at IS NULL) AS max
          FROM unnest(${stageIds}::int[]) AS s(id)`,
    );
    const position = new Map(ends.map((e) => [Number(e.stage_id), Math.floor(Number(e.max ?? 0))]));
    const newIds = await nextIds(tx, 'deals', creates.length);
    const records = creates.map((c, i) => {
      const f = c.draft.fields;
      const id = newIds[i]!;
      const status = statusInStage(c.stage, f.status, null, false);
      const closedAt = closedAtFor(status, null, null, f.closedAt ?? now);
      const next = (position.get(c.stage.id) ?? 0) + 1;
      position.set(c.stage.id, next);
      const value = f.value ?? 0n;
      const currency = f.currency ?? run.lookups.defaultCurrency;
      const contactId = contactOf(c.draft);
      const companyId = companyOf(c.draft);
      outcomes.set(c.row.rowNumber, { rowNumber: c.row.rowNumber, outcome: 'created', recordId: id, reason: null, cells: null });
      changes.push({ recordType: 'deal', recordId: id, action: 'created', previous: null });
      history.push({
        deal_id: id,
        from_stage_id: null,
        from_pipeline_id: null,
        to_stage_id: c.stage.id,
        to_pipeline_id: c.stage.pipelineId,
        value,
        currency,
        probability: c.stage.probability,
      });
      links.push({ deal_id: id, contact_id: contactId, company_id: companyId });
      return {
        id,
        name: f.name,
        pipeline_id: c.stage.pipelineId,
        stage_id: c.stage.id,
        contact_id: contactId,
        company_id: companyId,
        value,
        currency,
        status,
        lost_reason: lostReasonFor(status, f.lostReason ?? null),
        expected_close: f.expectedClose ?? null,
        closed_at: closedAt,
        owner_id: f.ownerId === undefined ? run.ctx.user.id : f.ownerId,
        external_owner: f.externalOwner ?? null,
        source: f.source ?? null,
        custom_fields: validateCustomFieldValues(run.lookups.customFields, f.customFields ?? {}, { partial: false }).values,
        external_source: c.draft.externalId ? IMPORT_EXTERNAL_SOURCE : null,
        external_id: c.draft.externalId,
        position: next,
      };
    });
    await rows(
      tx,
      sql`INSERT INTO deals (id, name, pipeline_id, stage_id, contact_id, company_id, value, currency, status, lost_reason, expected_close,
                             closed_at, owner_id, external_owner, source, custom_fields, external_source, external_id, position,
                             stage_entered_at, created_at, updated_at)
          SELECT r.id, r.name, r.pipeline_id, r.stage_id, r.contact_id, r.company_id, r.value, r.currency, r.status::"DealStatus", r.lost_reason,
                 r.expected_close, r.closed_at, r.owner_id, r.external_owner, r.source, coalesce(r.custom_fields, '{}'), r.external_source, r.external_id,
                 r.position, ${now.toISOString()}::timestamp(3), ${now.toISOString()}::timestamp(3), ${now.toISOString()}::timestamp(3)
          FROM jsonb_to_recordset(${toJson(records)}::jsonb) AS r(id int, name text, pipeline_id int, stage_id int, contact_id int, company_id int,
               value bigint, currency text, status text, lost_reason text, expected_close timestamp(3), closed_at timestamp(3), owner_id int,
               external_owner jsonb, source text, custom_fields jsonb, external_source text, external_id text, position float8)`,
    );
  }

  if (updates.length > 0) {
    const records = updates.map((u) => {
      const f: DealFields = u.draft.fields;
      const deal = u.deal;
      const current = run.lookups.pipelines.flatMap((p) => p.stages).find((s) => s.id === Number(deal.stage_id));
      const target = f.stage ?? current;
      const moves = target !== undefined && target.id !== Number(deal.stage_id);
      let status: DealStatus = deal.status;
      if (target) {
        try {
          status = statusInStage(target, f.status, deal.status, moves && (current?.outcome ?? null) !== null);
        } catch (error) {
          if (!(error instanceof AppError)) throw error;
          return { reject: error.message };
        }
      }
      const closedAt = closedAtFor(status, deal.status, deal.closed_at ? new Date(deal.closed_at) : null, f.closedAt ?? now);
      const value = f.value ?? BigInt(deal.value);
      const currency = f.currency ?? deal.currency;
      if (moves) {
        history.push({
          deal_id: Number(deal.id),
          from_stage_id: Number(deal.stage_id),
          from_pipeline_id: Number(deal.pipeline_id),
          to_stage_id: target!.id,
          to_pipeline_id: target!.pipelineId,
          value,
          currency,
          probability: target!.probability,
        });
      }
      const contactId = contactOf(u.draft);
      const companyId = companyOf(u.draft);
      if (contactId !== null || companyId !== null) links.push({ deal_id: Number(deal.id), contact_id: contactId, company_id: companyId });
      return {
        row: u.row,
        id: Number(deal.id),
        previous: deal.snapshot,
        set: {
          id: Number(deal.id),
          name: f.name ?? null,
          pipeline_id: target?.pipelineId ?? null,
          stage_id: target?.id ?? null,
          moves,
          contact_id: contactId,
          company_id: companyId,
          value,
          currency,
          status,
          lost_reason: lostReasonFor(status, f.lostReason ?? deal.lost_reason),
          expected_close: f.expectedClose ?? null,
          closed_at: closedAt,
          owner_id: f.ownerId === undefined ? null : f.ownerId,
          set_owner: f.ownerId !== undefined,
          external_owner: f.externalOwner ?? null,
          source: f.source ?? null,
          custom_fields: f.customFields ?? null,
        },
      };
    });
    const applied = records.flatMap((r, i) => {
      if ('reject' in r) {
        reject(updates[i]!.row, r.reject!.replace(/\.$/, ''));
        return [];
      }
      return [r];
    });
    if (applied.length > 0) {
      await rows(
        tx,
        sql`UPDATE deals d SET
              name = coalesce(r.name, d.name),
              pipeline_id = coalesce(r.pipeline_id, d.pipeline_id),
              stage_id = coalesce(r.stage_id, d.stage_id),
              stage_entered_at = CASE WHEN r.moves THEN ${now.toISOString()}::timestamp(3) ELSE d.stage_entered_at END,
              position = CASE WHEN r.moves THEN coalesce((SELECT max(o.position) FROM deals o WHERE o.stage_id = r.stage_id AND o.deleted_at IS NULL), 0) + 1 ELSE d.position END,
              contact_id = coalesce(r.contact_id, d.contact_id),
              company_id = coalesce(r.company_id, d.company_id),
              value = r.value, currency = r.currency, status = r.status::"DealStatus", lost_reason = r.lost_reason,
              expected_close = coalesce(r.expected_close, d.expected_close), closed_at = r.closed_at,
              owner_id = CASE WHEN r.set_owner THEN r.owner_id ELSE d.owner_id END,
              external_owner = CASE WHEN r.set_owner THEN r.external_owner ELSE d.external_owner END,
              source = coalesce(r.source, d.source),
              custom_fields = d.custom_fields || coalesce(r.custom_fields, '{}'),
              version = d.version + 1, updated_at = ${now.toISOString()}::timestamp(3)
            FROM jsonb_to_recordset(${toJson(applied.map((a) => a.set))}::jsonb) AS r(id int, name text, pipeline_id int, stage_id int, moves boolean,
                 contact_id int, company_id int, value bigint, currency text, status text, lost_reason text, expected_close timestamp(3),
                 closed_at timestamp(3), owner_id int, set_owner boolean, external_owner jsonb, source text, custom_fields jsonb)
            WHERE d.id = r.id`,
      );
      for (const a of applied) {
        outcomes.set(a.row.rowNumber, { rowNumber: a.row.rowNumber, outcome: 'updated', recordId: a.id, reason: null, cells: null });
        changes.push({ recordType: 'deal', recordId: a.id, action: 'updated', previous: a.previous });
      }
    }
  }

  if (history.length > 0) {
    await rows(
      tx,
      sql`INSERT INTO stage_history (deal_id, from_stage_id, from_pipeline_id, to_stage_id, to_pipeline_id, changed_at, changed_by_id, source, value, currency, probability)
          SELECT r.deal_id, r.from_stage_id, r.from_pipeline_id, r.to_stage_id, r.to_pipeline_id, ${now.toISOString()}::timestamp(3), ${run.ctx.user.id}::int,
                 'import'::"ChangeSource", r.value, r.currency, r.probability
          FROM jsonb_to_recordset(${toJson(history)}::jsonb) AS r(deal_id int, from_stage_id int, from_pipeline_id int, to_stage_id int, to_pipeline_id int,
               value bigint, currency text, probability int)
          ORDER BY r.deal_id`,
    );
  }
  if (links.length > 0) {
    await rows(
      tx,
      sql`INSERT INTO deal_contacts (deal_id, contact_id)
          SELECT r.deal_id, r.contact_id FROM jsonb_to_recordset(${toJson(links)}::jsonb) AS r(deal_id int, contact_id int, company_id int)
          WHERE r.contact_id IS NOT NULL ON CONFLICT DO NOTHING`,
    );
    await rows(
      tx,
      sql`INSERT INTO deal_companies (deal_id, company_id)
          SELECT r.deal_id, r.company_id FROM jsonb_to_recordset(${toJson(links)}::jsonb) AS r(deal_id int, contact_id int, company_id int)
          WHERE r.company_id IS NOT NULL ON CONFLICT DO NOTHING`,
    );
  }
}

function firstOpenStage(lookups: ImportLookups): StageOption | null {
  const pipeline = defaultPipeline(lookups.pipelines);
  return pipeline ? ([...pipeline.stages].sort((a, b) => a.position - b.position || a.id - b.id).find((s) => s.outcome === null) ?? null) : null;
}

async function writeContacts(tx: DbClient, run: ImportRun, pending: Pending[], outcomes: Map<number, RowOutcome>, changes: RecordChange[], reject: Reject) {
  type ContactDraft = Extract<ImportDraft, { entity: 'contacts' }>;
  const drafts = pending as { row: BatchRow; draft: ContactDraft }[];
  const ids = drafts.flatMap((p) => (p.draft.id !== null ? [p.draft.id] : []));
  const externalIds = drafts.flatMap((p) => (p.draft.externalId ? [p.draft.externalId] : []));
  const emails = drafts.flatMap((p) => (p.draft.contact.email ? [p.draft.contact.email, p.draft.contact.email.toLowerCase()] : []));
  const existing = await rows<{ id: number; external_id: string | null; email: string | null; snapshot: Json }>(
    tx,
    sql`SELECT id, external_id, email, to_jsonb(c) AS snapshot FROM contacts c
        WHERE deleted_at IS NULL AND (id = ANY(${ids}::int[]) OR external_id = ANY(${externalIds}::text[]) OR email = ANY(${emails}::text[]))
        ORDER BY id FOR UPDATE`,
  );
  // an ID of no live contact is another workspace's (a file moved between workspaces): the other keys decide
  const find = (d: ContactDraft) =>
    (d.id !== null ? existing.find((c) => Number(c.id) === d.id) : undefined) ??
    (d.externalId ? existing.find((c) => c.external_id === d.externalId) : undefined) ??
    (d.contact.email ? existing.find((c) => c.email?.toLowerCase() === d.contact.email!.toLowerCase()) : undefined);
  const creates: { row: BatchRow; draft: ContactDraft }[] = [];
  const updates: { row: BatchRow; draft: ContactDraft; id: number; previous: Json }[] = [];
  for (const p of drafts) {
    const match = find(p.draft);
    if (match && run.onMatch === 'skip')
      outcomes.set(p.row.rowNumber, {
        rowNumber: p.row.rowNumber,
        outcome: 'skipped',
        recordId: Number(match.id),
        reason: 'Matches an existing contact',
        cells: null,
      });
    else if (match) updates.push({ ...p, id: Number(match.id), previous: match.snapshot });
    else if (!p.draft.contact.firstName && !p.draft.contact.lastName && !p.draft.contact.email) reject(p.row, 'A contact needs a name or an email');
    else creates.push(p);
  }
  const used = [...creates, ...updates];
  const companyIds = await resolveCompanies(
    tx,
    used.flatMap((u) => (u.draft.company ? [u.draft.company] : [])),
    changes,
  );
  const companyOf = (d: ContactDraft) => (d.company ? (companyIds.get(companyKey(d.company)) ?? null) : null);
  const newIds = await nextIds(tx, 'contacts', creates.length);
  if (creates.length > 0) {
    const records = creates.map((c, i) => {
      const id = newIds[i]!;
      const contact = c.draft.contact;
      outcomes.set(c.row.rowNumber, { rowNumber: c.row.rowNumber, outcome: 'created', recordId: id, reason: null, cells: null });
      changes.push({ recordType: 'contact', recordId: id, action: 'created', previous: null });
      return {
        id,
        first_name: contact.firstName || contact.email?.split('@')[0] || '',
        last_name: contact.lastName ?? '',
        email: contact.email ?? null,
        phone: contact.phone ?? null,
        company_id: companyOf(c.draft),
        external_id: c.draft.externalId,
      };
    });
    await rows(
      tx,
      sql`INSERT INTO contacts (id, first_name, last_name, email, phone, company_id, external_id, updated_at)
          SELECT r.id, r.first_name, r.last_name, r.email, r.phone, r.company_id, r.external_id, now()
          FROM jsonb_to_recordset(${toJson(records)}::jsonb) AS r(id int, first_name text, last_name text, email text, phone text, company_id int, external_id text)`,
    );
  }
  if (updates.length > 0) {
    const records = updates.map((u) => ({
      id: u.id,
      first_name: u.draft.contact.firstName ?? null,
      last_name: u.draft.contact.lastName ?? null,
      email: u.draft.contact.email ?? null,
      phone: u.draft.contact.phone ?? null,
      company_id: companyOf(u.draft),
      external_id: u.draft.externalId,
    }));
    await rows(
      tx,
      sql`UPDATE contacts c SET first_name = coalesce(r.first_name, c.first_name), last_name = coalesce(r.last_name, c.last_name),
              email = coalesce(r.email, c.email), phone = coalesce(r.phone, c.phone), company_id = coalesce(r.company_id, c.company_id),
              external_id = coalesce(c.external_id, r.external_id), updated_at = now()
          FROM jsonb_to_recordset(${toJson(records)}::jsonb) AS r(id int, first_name text, last_name text, email text, phone text, company_id int, external_id text)
          WHERE c.id = r.id`,
    );
    for (const u of updates) {
      outcomes.set(u.row.rowNumber, { rowNumber: u.row.rowNumber, outcome: 'updated', recordId: u.id, reason: null, cells: null });
      changes.push({ recordType: 'contact', recordId: u.id, action: 'updated', previous: u.previous });
    }
  }
}

async function writeCompanies(tx: DbClient, run: ImportRun, pending: Pending[], outcomes: Map<number, RowOutcome>, changes: RecordChange[], reject: Reject) {
  type CompanyDraft = Extract<ImportDraft, { entity: 'companies' }>;
  const drafts = pending as { row: BatchRow; draft: CompanyDraft }[];
  const ids = drafts.flatMap((p) => (p.draft.id !== null ? [p.draft.id] : []));
  const externalIds = drafts.flatMap((p) => (p.draft.externalId ? [p.draft.externalId] : []));
  const domains = drafts.flatMap((p) => (p.draft.company.domain ? [p.draft.company.domain] : []));
  const existing = await rows<{ id: number; external_id: string | null; domain: string | null; snapshot: Json }>(
    tx,
    sql`SELECT id, external_id, domain, to_jsonb(c) AS snapshot FROM companies c
        WHERE deleted_at IS NULL AND (id = ANY(${ids}::int[]) OR external_id = ANY(${externalIds}::text[]) OR domain = ANY(${domains}::text[]))
        ORDER BY id FOR UPDATE`,
  );
  // an ID of no live company is another workspace's (a file moved between workspaces): the other keys decide
  const find = (d: CompanyDraft) =>
    (d.id !== null ? existing.find((c) => Number(c.id) === d.id) : undefined) ??
    (d.externalId ? existing.find((c) => c.external_id === d.externalId) : undefined) ??
    (d.company.domain ? existing.find((c) => c.domain === d.company.domain) : undefined);
  const creates: { row: BatchRow; draft: CompanyDraft }[] = [];
  const updates: { row: BatchRow; draft: CompanyDraft; id: number; previous: Json }[] = [];
  for (const p of drafts) {
    const match = find(p.draft);
    if (match && run.onMatch === 'skip')
      outcomes.set(p.row.rowNumber, {
        rowNumber: p.row.rowNumber,
        outcome: 'skipped',
        recordId: Number(match.id),
        reason: 'Matches an existing company',
        cells: null,
      });
    else if (match) updates.push({ ...p, id: Number(match.id), previous: match.snapshot });
    else if (!p.draft.company.name && !p.draft.company.domain) reject(p.row, 'A company needs a name or a domain');
    else creates.push(p);
  }
  const newIds = await nextIds(tx, 'companies', creates.length);
  if (creates.length > 0) {
    const records = creates.map((c, i) => {
      const id = newIds[i]!;
      outcomes.set(c.row.rowNumber, { rowNumber: c.row.rowNumber, outcome: 'created', recordId: id, reason: null, cells: null });
      changes.push({ recordType: 'company', recordId: id, action: 'created', previous: null });
      return { id, name: c.draft.company.name ?? c.draft.company.domain, domain: c.draft.company.domain ?? null, external_id: c.draft.externalId };
    });
    await rows(
      tx,
      sql`INSERT INTO companies (id, name, domain, external_id, updated_at)
          SELECT r.id, r.name, r.domain, r.external_id, now() FROM jsonb_to_recordset(${toJson(records)}::jsonb) AS r(id int, name text, domain text, external_id text)`,
    );
  }
  if (updates.length > 0) {
    const records = updates.map((u) => ({
      id: u.id,
      name: u.draft.company.name ?? null,
      domain: u.draft.company.domain ?? null,
      external_id: u.draft.externalId,
    }));
    await rows(
      tx,
      sql`UPDATE companies c SET name = coalesce(r.name, c.name), domain = coalesce(r.domain, c.domain), external_id = coalesce(c.external_id, r.external_id), updated_at = now()
          FROM jsonb_to_recordset(${toJson(records)}::jsonb) AS r(id int, name text, domain text, external_id text) WHERE c.id = r.id`,
    );
    for (const u of updates) {
      outcomes.set(u.row.rowNumber, { rowNumber: u.row.rowNumber, outcome: 'updated', recordId: u.id, reason: null, cells: null });
      changes.push({ recordType: 'company', recordId: u.id, action: 'updated', previous: u.previous });
    }
  }
}
