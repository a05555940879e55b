'use client';

import { useId, type ReactNode } from 'react';
import { formatMoney } from '@/lib/money/format-money';
import { searchCompaniesAction, searchContactsAction } from '@/lib/actions/deal';
import { EditableField, Empty, type EditorProps, type SaveOutcome } from './editable-field';
import { calendarDateValue, formatCalendarDate, formatDateTime, formatDuration, useTimeZone } from './format';
import { LossReasonChooser } from './loss-reason';
import { toMajorString } from '@/lib/money/amount-input';
import { SearchPicker } from './search-picker';
import { CustomFieldInput } from './custom-field-input';
import { customFieldValueFromDraft } from '@/lib/schemas/new-deal-form';
import type { CustomFieldDefinitionData, DealWorkspaceData, SearchHit } from './types';
import { Card, inputClass, StatusBadge } from './ui';
import { useDealCommands } from './use-deal-commands';

const CURRENCIES = ['USD', 'EUR', 'GBP', 'CAD', 'AUD', 'NZD', 'CHF', 'SEK', 'NOK', 'DKK', 'PLN', 'JPY', 'SGD', 'INR', 'BRL', 'MXN', 'ZAR'];
const SOURCES = ['inbound', 'outbound', 'website', 'referral', 'event', 'partner'];

async function searchWith(action: (q: string) => Promise<{ ok: true; data: SearchHit[] } | { ok: false }>, q: string): Promise<SearchHit[]> {
  const result = await action(q);
  return result.ok ? result.data : [];
}

function TextEditor({
  id,
  value,
  onChange,
  invalid,
  describedBy,
  disabled,
  ...rest
}: EditorProps & { inputMode?: 'decimal' | 'text'; list?: string; prefix?: string; maxLength?: number }) {
  return (
    <div className="relative">
      {rest.prefix ? <span className="pointer-events-none absolute top-1.5 left-2.5 text-sm text-slate-500">{rest.prefix}</span> : null}
      <input
        id={id}
        autoFocus
        value={value}
        disabled={disabled}
        inputMode={rest.inputMode}
        list={rest.list}
        maxLength={rest.maxLength}
        aria-invalid={invalid || undefined}
        aria-describedby={describedBy}
        onChange={(e) => onChange(e.target.value)}
        className={`${inputClass} ${rest.prefix ? 'pl-9' : ''}`}
      />
    </div>
  );
}

function SelectEditor({ id, value, onChange, invalid, describedBy, disabled, children }: EditorProps & { children: ReactNode }) {
  return (
    <select
      id={id}
      autoFocus
      value={value}
      disabled={disabled}
      aria-invalid={invalid || undefined}
      aria-describedby={describedBy}
      onChange={(e) => onChange(e.target.value)}
      className={inputClass}
    >
      {children}
    </select>
  );
}

function PickerEditor({
  props,
  search,
  current,
  noun,
}: {
  props: EditorProps;
  search: (q: string) => Promise<SearchHit[]>;
  current: { id: string; name: string } | null;
  noun: string;
}) {
  return (
    <div className="space-y-1">
      <SearchPicker
        label={props.label}
        placeholder={`Search ${noun}s…`}
        search={search}
        autoFocus
        invalid={props.invalid}
        describedBy={props.describedBy}
        disabled={props.disabled}
        exclude={current ? [current.id] : []}
        onPick={(hit) => props.submit(hit.id)}
      />
      {current ? (
        <button type="button" className="text-xs text-slate-500 hover:text-red-600 hover:underline" onClick={() => props.submit('')} disabled={props.disabled}>
          Remove {current.name} as primary {noun}
        </button>
      ) : null}
    </div>
  );
}

function customDisplay(definition: CustomFieldDefinitionData, value: unknown) {
  if (value === undefined || value === null || value === '') return <Empty />;
  if (definition.type === 'boolean') return value ? 'Yes' : 'No';
  if (definition.type === 'date' && typeof value === 'string') return formatCalendarDate(`${value}T00:00:00Z`);
  return String(value);
}

function customInitial(definition: CustomFieldDefinitionData, value: unknown): string {
  if (value === undefined || value === null) return '';
  if (definition.type === 'boolean') return value ? 'true' : 'false';
  return String(value);
}

export function DetailsPanel({ data, onRequestLost }: { data: DealWorkspaceData; onRequestLost: () => void }) {
  const { deal } = data;
  const commands = useDealCommands(data);
  const timeZone = useTimeZone();
  const sourcesId = useId();
  const now = Date.parse(data.renderedAt);
  const hasLineItems = data.lineItems.length > 0;
  const closed = deal.status === 'won' || deal.status === 'lost';
  // someone else's deal the viewer may only look at: no field opens for editing (the banner says why)
  const locked = data.viewOnly !== null;

  const saveFields = (changes: Parameters<typeof commands.updateFields>[0]) => commands.updateFields(changes);

  const saveStatus = async (draft: string): Promise<SaveOutcome> => {
    const [status, reason = ''] = draft.split('\u0000');
    if (status === 'lost') return commands.markLost(reason, { toastFailure: false });
    if (status === 'won') return commands.markWon({ toastFailure: false });
    if (status === 'open' && closed) return commands.reopen({ toastFailure: false });
    return saveFields({ status: status as 'open' | 'stalled' });
  };

  const stageSave = async (stageId: string): Promise<SaveOutcome> => {
    const target = data.pipelines.flatMap((p) => p.stages.map((s) => ({ ...s, pipelineId: p.id }))).find((s) => s.id === stageId);
    if (!target) return { ok: false, message: 'Choose a stage', fieldErrors: {} };
    if (target.outcome === 'lost' && target.pipelineId === deal.pipeline.id) {
      onRequestLost();
      return { ok: true, quiet: true };
    }
    if (target.outcome === 'won' && target.pipelineId === deal.pipeline.id) return commands.markWon({ toastFailure: false });
    return commands.moveToStage(stageId, target.name, { toastFailure: false });
  };

  return (
    <Card label="Details" title="Details">
      <datalist id={sourcesId}>
        {SOURCES.map((s) => (
          <option key={s} value={s} />
        ))}
      </datalist>
      <div className="-my-1.5 divide-y divide-slate-50">
        <EditableField
          locked={locked}
          label="Value"
          name="value"
          display={
            <span className="font-semibold tabular-nums" data-testid="deal-value-detail">
              {formatMoney(deal.value, deal.currency)}
            </span>
          }
          initial={toMajorString(deal.value, deal.currency)}
          readOnly={hasLineItems ? 'Set by the products’ total — change the products below to change it.' : undefined}
          renderEditor={(p) => <TextEditor {...p} inputMode="decimal" prefix={deal.currency} maxLength={40} />}
          save={(draft) => saveFields({ value: draft })}
        />
        <EditableField
          locked={locked}
          label="Currency"
          name="currency"
          display={deal.currency}
          initial={deal.currency}
          readOnly={hasLineItems ? 'Remove the products to change the currency.' : undefined}
          renderEditor={(p) => (
            <SelectEditor {...p}>
              {[...new Set([deal.currency, ...CURRENCIES])].map((c) => (
                <option key={c} value={c}>
                  {c}
                </option>
              ))}
            </SelectEditor>
          )}
          save={(draft) => saveFields({ currency: draft })}
        />
        <EditableField
          locked={locked}
          label="Stage"
          name="stage"
          errorKeys={['stage_id', 'status', 'loss_reason']}
          display={
            <span>
              <span data-testid="stage-name">{deal.stage.name}</span>
              <span className="block text-xs text-slate-500">
                {deal.pipeline.name} · {deal.stage.probability}% · {formatDuration(now - Date.parse(deal.stageEnteredAt))} in stage
              </span>
            </span>
          }
          initial={deal.stage.id}
          renderEditor={(p) => (
            <SelectEditor {...p}>
              {data.pipelines.map((pipeline) => (
                <optgroup key={pipeline.id} label={pipeline.name}>
                  {pipeline.stages.map((s) => (
                    <option key={s.id} value={s.id}>
                      {s.name}
                      {s.outcome ? ` (${s.outcome})` : ''}
                    </option>
                  ))}
                </optgroup>
              ))}
            </SelectEditor>
          )}
          save={stageSave}
        />
        <EditableField
          locked={locked}
          label="Status"
          name="status"
          errorKeys={['loss_reason', 'status']}
          display={
            <span className="inline-flex flex-col items-start gap-1">
              <StatusBadge status={deal.status} />
              {deal.status === 'lost' ? (
                <span data-testid="lost-reason" className="text-slate-700">
                  {deal.lostReason ?? 'No reason given'}
                </span>
              ) : null}
              {closed && deal.closedAt ? <span className="text-xs text-slate-500">Closed {formatDateTime(deal.closedAt, timeZone)}</span> : null}
            </span>
          }
          initial={`${deal.status}\u0000${deal.status === 'lost' ? (deal.lostReason ?? '') : ''}`}
          renderEditor={(p) => {
            const [status, reason = ''] = p.value.split('\u0000');
            return (
              <div className="space-y-1.5">
                <select
                  id={p.id}
                  autoFocus
                  value={status}
                  disabled={p.disabled}
                  onChange={(e) => p.onChange(`${e.target.value}\u0000${e.target.value === 'lost' ? reason : ''}`)}
                  className={inputClass}
                >
                  <option value="open">Open</option>
                  <option value="stalled">Stalled</option>
                  <option value="won">Won</option>
                  <option value="lost">Lost</option>
                </select>
                {status === 'lost' ? (
                  <LossReasonChooser
                    policy={data.lostReasonPolicy}
                    value={reason}
                    onChange={(r) => p.onChange(`lost\u0000${r}`)}
                    invalid={p.invalid}
                    describedBy={p.describedBy}
                    disabled={p.disabled}
                  />
                ) : null}
              </div>
            );
          }}
          save={saveStatus}
        />
        <EditableField
          locked={locked}
          label="Expected close"
          name="expected_close"
          display={deal.expectedClose ? formatCalendarDate(deal.expectedClose) : <Empty />}
          initial={calendarDateValue(deal.expectedClose)}
          renderEditor={(p) => (
            <input
              id={p.id}
              type="date"
              autoFocus
              value={p.value}
              disabled={p.disabled}
              aria-invalid={p.invalid || undefined}
              aria-describedby={p.describedBy}
              onChange={(e) => p.onChange(e.target.value)}
              className={inputClass}
            />
          )}
          hint="Leave empty to clear."
          save={(draft) => saveFields({ expected_close: draft || null })}
        />
        <EditableField
          locked={locked}
          label="Owner"
          name="owner_id"
          display={deal.owner?.name ?? <Empty />}
          readOnly={data.ownerReadOnly ?? undefined}
          initial={deal.owner?.id ?? ''}
          renderEditor={(p) => (
            <SelectEditor {...p}>
              <option value="">No owner</option>
              {data.users.map((u) => (
                <option key={u.id} value={u.id}>
                  {u.name}
                </option>
              ))}
            </SelectEditor>
          )}
          save={(draft) => saveFields({ owner_id: draft || null })}
        />
        <EditableField
          locked={locked}
          label="Contact"
          name="contact_id"
          display={
            deal.contact ? (
              <span>
                {deal.contact.name}
                {deal.contact.email ? <span className="block truncate text-xs text-slate-500">{deal.contact.email}</span> : null}
              </span>
            ) : (
              <Empty />
            )
          }
          initial={deal.contact?.id ?? ''}
          renderEditor={(p) => <PickerEditor props={p} search={(q) => searchWith(searchContactsAction, q)} current={deal.contact} noun="contact" />}
          save={(draft) => saveFields({ contact_id: draft || null })}
        />
        <EditableField
          locked={locked}
          label="Company"
          name="company_id"
          display={
            deal.company ? (
              <span>
                {deal.company.name}
                {deal.company.domain ? <span className="block truncate text-xs text-slate-500">{deal.company.domain}</span> : null}
              </span>
            ) : (
              <Empty />
            )
          }
          initial={deal.company?.id ?? ''}
          renderEditor={(p) => <PickerEditor props={p} search={(q) => searchWith(searchCompaniesAction, q)} current={deal.company} noun="company" />}
          save={(draft) => saveFields({ company_id: draft || null })}
        />
        <EditableField
          locked={locked}
          label="Source"
          name="source"
          display={deal.source ? <span className="capitalize">{deal.source}</span> : <Empty />}
          initial={deal.source ?? ''}
          renderEditor={(p) => <TextEditor {...p} list={sourcesId} maxLength={100} />}
          save={(draft) => saveFields({ source: draft.trim() || null })}
        />
      </div>
      {data.customFieldDefinitions.length > 0 ? (
        <div className="mt-4 border-t border-slate-100 pt-3">
          <h3 className="mb-1 text-xs font-semibold tracking-wide text-slate-500 uppercase">Custom fields</h3>
          <div className="divide-y divide-slate-50">
            {data.customFieldDefinitions.map((definition) => (
              <CustomField key={definition.key} definition={definition} value={deal.customFields[definition.key]} save={saveFields} locked={locked} />
            ))}
          </div>
        </div>
      ) : null}
      <dl className="mt-4 grid grid-cols-[6.5rem_minmax(0,1fr)] gap-x-3 gap-y-1 border-t border-slate-100 pt-3 text-xs text-slate-500">
        <dt>Created</dt>
        <dd>{formatDateTime(deal.createdAt, timeZone)}</dd>
        <dt>Last activity</dt>
        <dd>{deal.lastActivityAt ? formatDateTime(deal.lastActivityAt, timeZone) : 'None yet'}</dd>
        <dt>Updated</dt>
        <dd>{formatDateTime(deal.updatedAt, timeZone)}</dd>
      </dl>
    </Card>
  );
}

function CustomField({
  definition,
  value,
  save,
  locked,
}: {
  definition: CustomFieldDefinitionData;
  value: unknown;
  save: (changes: { custom_fields: Record<string, unknown> }) => Promise<SaveOutcome>;
  locked: boolean;
}) {
  const label = definition.required ? `${definition.label} *` : definition.label;
  return (
    <EditableField
      locked={locked}
      label={label}
      name={`custom_fields.${definition.key}`}
      display={customDisplay(definition, value)}
      initial={customInitial(definition, value)}
      renderEditor={(p) => (
        <CustomFieldInput
          definition={definition}
          id={p.id}
          value={p.value}
          onChange={p.onChange}
          invalid={p.invalid}
          describedBy={p.describedBy}
          disabled={p.disabled}
          autoFocus
        />
      )}
      save={(draft) => {
        const parsed = customFieldValueFromDraft(definition, draft);
        const path = `custom_fields.${definition.key}`;
        if (!parsed.ok) return { ok: false, message: parsed.message, fieldErrors: { [path]: [parsed.message] } };
        return save({ custom_fields: { [definition.key]: parsed.value } });
      }}
    />
  );
}
