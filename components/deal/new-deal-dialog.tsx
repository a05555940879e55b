'use client';

import { createContext, useCallback, useContext, useEffect, useId, useMemo, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { useRouter } from 'next/navigation';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { toast } from 'sonner';
import { createCompanyAction } from '@/lib/actions/companies';
import { createContactAction } from '@/lib/actions/contacts';
import { createDealAction, newDealFormDataAction, searchCompaniesAction, searchContactsAction } from '@/lib/actions/deal';
import type { ActionResult } from '@/lib/actions/run-action';
import { boardKeys } from '@/lib/query-keys';
import type { NewDealFormData } from '@/lib/schemas/new-deal-form';
import { PlusIcon } from '@/components/ui/icons';
import { ModalDialog } from '@/components/ui/modal-dialog';
import { CustomFieldInput } from './custom-field-input';
import { SearchPicker } from './search-picker';
import type { SearchHit } from './types';
import { Button, inputClass, Spinner } from './ui';

// The one "New deal" form, opened from every place a deal can start: the board (its button, a
// column's quick-add "More fields"), the deals table, a contact's or company's page (prefilled with
// them), and the keyboard — N anywhere in the app while no text field has focus. The provider (in
// the app's layout) holds the single dialog; each "New deal" button lends the shortcut its preset,
// so N does what the button on screen does.

/** Where the form starts: IDs are public IDs; a contact or company comes with its name to show. */
export interface NewDealPreset {
  pipelineId?: string;
  stageId?: string;
  name?: string;
  contact?: { id: string; name: string };
  company?: { id: string; name: string };
}

export const NEW_DEAL_SHORTCUT = 'N';

interface NewDealOpener {
  open: (preset?: NewDealPreset) => void;
  /** the preset N opens with (the "New deal" button on screen), or null */
  setShortcutPreset: (preset: NewDealPreset | null) => void;
}

const NewDealContext = createContext<NewDealOpener | null>(null);

export function useNewDeal(): NewDealOpener {
  const opener = useContext(NewDealContext);
  if (!opener) throw new Error('useNewDeal needs a NewDealProvider above it');
  return opener;
}

const FORM_DATA_KEY = ['new-deal-form'] as const;

/** The form's choices (pipelines and stages, owners, custom fields), read when first needed. */
export function useNewDealFormData(enabled = true) {
  return useQuery({
    queryKey: FORM_DATA_KEY,
    queryFn: async () => {
      const result = await newDealFormDataAction();
      if (!result.ok) throw new Error(result.message);
      return result.data;
    },
    enabled,
    staleTime: 30_000,
  });
}

/** Typing in a field, or a dialog already open: N is a letter there, not a command. */
function shortcutBlocked(event: KeyboardEvent): boolean {
  if (event.defaultPrevented || event.repeat || event.ctrlKey || event.metaKey || event.altKey) return true;
  const target = event.target as HTMLElement | null;
  if (target?.closest('input, textarea, select, [contenteditable=""], [contenteditable="true"], [role="combobox"]')) return true;
  return document.querySelector('dialog[open], [role="dialog"]') !== null;
}

export function NewDealProvider({ children }: { children: ReactNode }) {
  const [preset, setPreset] = useState<NewDealPreset | null>(null);
  const shortcutPreset = useRef<NewDealPreset | null>(null);
  const opener = useMemo<NewDealOpener>(
    () => ({
      open: (next) => setPreset(next ?? {}),
      setShortcutPreset: (next) => {
        shortcutPreset.current = next;
      },
    }),
    [],
  );
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key.toUpperCase() !== NEW_DEAL_SHORTCUT || event.shiftKey || shortcutBlocked(event)) return;
      event.preventDefault();
      setPreset(shortcutPreset.current ?? {});
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);
  return (
    <NewDealContext.Provider value={opener}>
      {children}
      <NewDealDialog preset={preset} onClose={() => setPreset(null)} />
    </NewDealContext.Provider>
  );
}

/** "New deal" with its shortcut shown; while on screen, N opens the form with the same preset. */
export function NewDealButton({ preset, compact = false }: { preset?: NewDealPreset; compact?: boolean }) {
  const { open, setShortcutPreset } = useNewDeal();
  const key = JSON.stringify(preset ?? {});
  // biome-ignore lint/correctness/useExhaustiveDependencies: the preset's content, not its identity, decides
  useEffect(() => {
    setShortcutPreset(preset ?? {});
    return () => setShortcutPreset(null);
  }, [key, setShortcutPreset]);
  return (
    <Button
      tone="primary"
      size={compact ? 'sm' : 'md'}
      onClick={() => open(preset)}
      title={`New deal (${NEW_DEAL_SHORTCUT})`}
      aria-keyshortcuts={NEW_DEAL_SHORTCUT}
    >
      <PlusIcon className="h-4 w-4" />
      <span className={compact ? '' : 'max-sm:sr-only'}>New deal</span>
      <kbd className="rounded border border-blue-400/60 px-1 font-sans text-[10px] leading-4 text-blue-100 max-sm:hidden">{NEW_DEAL_SHORTCUT}</kbd>
    </Button>
  );
}

function NewDealDialog({ preset, onClose }: { preset: NewDealPreset | null; onClose: () => void }) {
  const [pending, setPending] = useState(false);
  const formData = useNewDealFormData(preset !== null);
  return (
    <ModalDialog open={preset !== null} title="New deal" onClose={onClose} busy={pending} wide>
      {preset === null ? null : formData.data ? (
        <NewDealForm data={formData.data} preset={preset} onClose={onClose} pending={pending} setPending={setPending} />
      ) : formData.isError ? (
        <p role="alert" className="mt-4 text-sm text-red-600">
          The form could not be loaded: {formData.error.message}{' '}
          <button type="button" className="underline" onClick={() => void formData.refetch()}>
            Retry
          </button>
        </p>
      ) : (
        <p className="mt-4 flex items-center gap-2 text-sm text-slate-500">
          <Spinner /> Loading…
        </p>
      )}
    </ModalDialog>
  );
}

function openStages(data: NewDealFormData, pipelineId: string) {
  return data.pipelines.find((p) => p.id === pipelineId)?.stages.filter((s) => s.outcome === null) ?? [];
}

/** Every ISO 4217 code the browser knows (the API takes any three-letter code). */
function currencyCodes(current: string): string[] {
  const known = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('currency') : [];
  return known.includes(current) ? known : [current, ...known];
}

function NewDealForm({
  data,
  preset,
  onClose,
  pending,
  setPending,
}: {
  data: NewDealFormData;
  preset: NewDealPreset;
  onClose: () => void;
  pending: boolean;
  setPending: (pending: boolean) => void;
}) {
  const router = useRouter();
  const queryClient = useQueryClient();
  const id = useId();
  const stageOfPreset = preset.stageId ? data.pipelines.find((p) => p.stages.some((s) => s.id === preset.stageId)) : undefined;
  const initialPipeline = stageOfPreset?.id ?? data.pipelines.find((p) => p.id === preset.pipelineId)?.id ?? data.pipelines[0]?.id ?? '';
  const [name, setName] = useState(preset.name ?? '');
  const [pipelineId, setPipelineId] = useState(initialPipeline);
  const [stageId, setStageId] = useState(stageOfPreset ? preset.stageId! : (openStages(data, initialPipeline)[0]?.id ?? ''));
  const [value, setValue] = useState('');
  const [currency, setCurrency] = useState(data.defaultCurrency);
  const [expectedClose, setExpectedClose] = useState('');
  const [ownerId, setOwnerId] = useState(data.owners.some((o) => o.id === data.me) ? data.me : (data.owners[0]?.id ?? ''));
  const [contact, setContact] = useState(preset.contact ?? null);
  const [company, setCompany] = useState(preset.company ?? null);
  const [customFields, setCustomFields] = useState<Record<string, string>>({});
  const [errors, setErrors] = useState<{ message: string | null; fields: Record<string, string[]> }>({ message: null, fields: {} });
  const currencies = useMemo(() => currencyCodes(data.defaultCurrency), [data.defaultCurrency]);
  const formRef = useRef<HTMLFormElement>(null);

  const clearError = (field: string) =>
    setErrors((e) => (e.fields[field] ? { message: e.message, fields: Object.fromEntries(Object.entries(e.fields).filter(([k]) => k !== field)) } : e));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (pending) return;
    setPending(true);
    const result = await createDealAction({
      name,
      pipeline_id: pipelineId,
      stage_id: stageId,
      value,
      currency,
      expected_close: expectedClose,
      owner_id: ownerId,
      contact_id: contact?.id ?? '',
      company_id: company?.id ?? '',
      custom_fields: Object.fromEntries(data.customFields.map((f) => [f.key, customFields[f.key] ?? ''])),
    });
    setPending(false);
    if (!result.ok) {
      const shown = Object.keys(result.fieldErrors).filter((field) => field !== '_');
      setErrors({
        message: shown.length > 0 ? `Fix the ${shown.length === 1 ? 'field' : `${shown.length} fields`} marked in red.` : result.message,
        fields: result.fieldErrors,
      });
      // the first field to fix, which on a phone may be scrolled out of sight
      requestAnimationFrame(() => formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
      return;
    }
    const deal = result.data;
    // a board on screen reads its columns again; server-rendered lists were refreshed by the action
    void queryClient.invalidateQueries({ queryKey: boardKeys.all });
    onClose();
    toast.success(`“${deal.name}” created`, { action: { label: 'Open deal', onClick: () => router.push(`/deals/${deal.id}`) } });
  };

  const fieldError = (field: string) => {
    const messages = errors.fields[field];
    return messages?.length ? (
      <p id={`${id}-${field}-error`} role="alert" className="mt-1 text-xs text-red-600">
        {messages.join(' ')}
      </p>
    ) : null;
  };
  const invalid = (field: string) => (errors.fields[field]?.length ? true : undefined);
  const describedBy = (field: string) => (errors.fields[field]?.length ? `${id}-${field}-error` : undefined);
  const stages = openStages(data, pipelineId);

  return (
    <form ref={formRef} aria-label="New deal" onSubmit={submit} noValidate className="mt-4 space-y-3">
      <Field id={`${id}-name`} label="Name" error={fieldError('name')}>
        <input
          id={`${id}-name`}
          autoFocus
          autoComplete="off"
          maxLength={255}
          value={name}
          onChange={(e) => {
            setName(e.target.value);
            clearError('name');
          }}
          aria-invalid={invalid('name')}
          aria-describedby={describedBy('name')}
          placeholder="e.g. Acme – Growth plan"
          className={inputClass}
        />
      </Field>
      <div className="grid gap-3 sm:grid-cols-2">
        <Field id={`${id}-pipeline`} label="Pipeline" error={fieldError('pipeline_id')}>
          <select
            id={`${id}-pipeline`}
            value={pipelineId}
            onChange={(e) => {
              setPipelineId(e.target.value);
              setStageId(openStages(data, e.target.value)[0]?.id ?? '');
              clearError('pipeline_id');
            }}
            aria-invalid={invalid('pipeline_id')}
            aria-describedby={describedBy('pipeline_id')}
            className={inputClass}
          >
            {data.pipelines.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        </Field>
        <Field id={`${id}-stage`} label="Stage" error={fieldError('stage_id')}>
          <select
            id={`${id}-stage`}
            value={stageId}
            onChange={(e) => {
              setStageId(e.target.value);
              clearError('stage_id');
            }}
            aria-invalid={invalid('stage_id')}
            aria-describedby={describedBy('stage_id')}
            className={inputClass}
          >
            {stages.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
        </Field>
        <div className="grid grid-cols-[minmax(0,1fr)_6.5rem] gap-2">
          <Field id={`${id}-value`} label="Value" optional error={fieldError('value')}>
            <input
              id={`${id}-value`}
              inputMode="decimal"
              autoComplete="off"
              maxLength={40}
              value={value}
              onChange={(e) => {
                setValue(e.target.value);
                clearError('value');
              }}
              aria-invalid={invalid('value')}
              aria-describedby={describedBy('value')}
              placeholder="12,500"
              className={`${inputClass} tabular-nums`}
            />
          </Field>
          <Field id={`${id}-currency`} label="Currency" error={fieldError('currency')}>
            <select
              id={`${id}-currency`}
              value={currency}
              onChange={(e) => {
                setCurrency(e.target.value);
                clearError('currency');
                clearError('value');
              }}
              aria-invalid={invalid('currency')}
              aria-describedby={describedBy('currency')}
              className={inputClass}
            >
              {currencies.map((c) => (
                <option key={c} value={c}>
                  {c}
                </option>
              ))}
            </select>
          </Field>
        </div>
        <Field id={`${id}-close`} label="Expected close" optional error={fieldError('expected_close')}>
          <input
            id={`${id}-close`}
            type="date"
            value={expectedClose}
            onChange={(e) => {
              setExpectedClose(e.target.value);
              clearError('expected_close');
            }}
            aria-invalid={invalid('expected_close')}
            aria-describedby={describedBy('expected_close')}
            className={inputClass}
          />
        </Field>
        <Field id={`${id}-owner`} label="Owner" error={fieldError('owner_id')}>
          <select
            id={`${id}-owner`}
            value={ownerId}
            disabled={data.owners.length <= 1}
            onChange={(e) => {
              setOwnerId(e.target.value);
              clearError('owner_id');
            }}
            aria-invalid={invalid('owner_id')}
            aria-describedby={describedBy('owner_id')}
            className={inputClass}
          >
            {data.owners.map((o) => (
              <option key={o.id} value={o.id}>
                {o.id === data.me ? `${o.name} (me)` : o.name}
              </option>
            ))}
          </select>
        </Field>
        <div className="max-sm:hidden" aria-hidden="true" />
        <RecordPicker
          id={`${id}-contact`}
          noun="contact"
          employer={company?.id ?? null}
          chosen={contact}
          onChoose={(hit) => {
            setContact(hit);
            clearError('contact_id');
          }}
          error={fieldError('contact_id')}
          describedBy={describedBy('contact_id')}
        />
        <RecordPicker
          id={`${id}-company`}
          noun="company"
          chosen={company}
          onChoose={(hit) => {
            setCompany(hit);
            clearError('company_id');
          }}
          error={fieldError('company_id')}
          describedBy={describedBy('company_id')}
        />
      </div>
      {data.customFields.length > 0 ? (
        <fieldset className="border-t border-slate-100 pt-3">
          <legend className="sr-only">Custom fields</legend>
          <div className="grid gap-3 sm:grid-cols-2">
            {data.customFields.map((definition) => {
              const field = `custom_fields.${definition.key}`;
              return (
                <Field
                  key={definition.key}
                  id={`${id}-cf-${definition.key}`}
                  label={definition.label}
                  optional={!definition.required}
                  error={fieldError(field)}
                >
                  <CustomFieldInput
                    definition={definition}
                    id={`${id}-cf-${definition.key}`}
                    value={customFields[definition.key] ?? ''}
                    onChange={(next) => {
                      setCustomFields((c) => ({ ...c, [definition.key]: next }));
                      clearError(field);
                    }}
                    invalid={invalid(field) ?? false}
                    describedBy={describedBy(field)}
                  />
                </Field>
              );
            })}
          </div>
        </fieldset>
      ) : null}
      {errors.message ? (
        <p role="alert" className="text-sm text-red-600">
          {errors.message}
        </p>
      ) : null}
      <div className="flex justify-end gap-2 pt-2">
        <Button tone="ghost" onClick={onClose} disabled={pending}>
          Cancel
        </Button>
        <Button type="submit" tone="primary" disabled={pending}>
          {pending ? <Spinner /> : null} Create deal
        </Button>
      </div>
    </form>
  );
}

function Field({ id, label, optional = false, error, children }: { id: string; label: string; optional?: boolean; error: ReactNode; children: ReactNode }) {
  return (
    <div className="min-w-0">
      <label htmlFor={id} className="mb-1 block text-sm font-medium text-slate-700">
        {label}
        {optional ? <span className="font-normal text-slate-400"> (optional)</span> : null}
      </label>
      {children}
      {error}
    </div>
  );
}

const CREATE_PREFIX = 'create:';

/** A contact or company: searched and picked, or created from the name typed ("Create …"). */
function RecordPicker({
  id,
  noun,
  employer = null,
  chosen,
  onChoose,
  error,
  describedBy,
}: {
  id: string;
  noun: 'contact' | 'company';
  /** a contact created here works for the company chosen, when there is one */
  employer?: string | null;
  chosen: { id: string; name: string } | null;
  onChoose: (hit: { id: string; name: string } | null) => void;
  error: ReactNode;
  describedBy: string | undefined;
}) {
  const [creating, setCreating] = useState(false);
  const [createError, setCreateError] = useState<string | null>(null);
  const label = noun === 'contact' ? 'Contact' : 'Company';
  const search = useCallback(
    async (q: string): Promise<SearchHit[]> => {
      const result = await (noun === 'contact' ? searchContactsAction(q) : searchCompaniesAction(q));
      const hits = result.ok ? result.data : [];
      return q ? [...hits, { id: `${CREATE_PREFIX}${q}`, name: `Create ${noun} “${q}”`, detail: null }] : hits;
    },
    [noun],
  );
  const create = async (typed: string) => {
    setCreating(true);
    setCreateError(null);
    const [first, ...rest] = typed.trim().split(/\s+/);
    const result: ActionResult<{ id: string }> =
      noun === 'contact'
        ? await createContactAction({ first_name: first ?? '', last_name: rest.join(' '), ...(employer ? { company_id: employer } : {}) })
        : await createCompanyAction({ name: typed.trim() });
    setCreating(false);
    if (result.ok) onChoose({ id: result.data.id, name: typed.trim() });
    else setCreateError(Object.values(result.fieldErrors).flat()[0] ?? result.message);
  };
  return (
    <div className="min-w-0">
      <span id={`${id}-label`} className="mb-1 block text-sm font-medium text-slate-700">
        {label} <span className="font-normal text-slate-400">(optional)</span>
      </span>
      {chosen ? (
        <div className="flex min-h-8 items-center gap-2 rounded-md border border-slate-200 bg-slate-50 px-2.5 py-1 text-sm" data-testid={`new-deal-${noun}`}>
          <span className="min-w-0 flex-1 truncate font-medium text-slate-900">{chosen.name}</span>
          <button
            type="button"
            className="text-xs text-slate-500 hover:text-red-600 hover:underline"
            onClick={() => onChoose(null)}
            aria-label={`Remove ${chosen.name}`}
          >
            Remove
          </button>
        </div>
      ) : (
        <SearchPicker
          label={label}
          placeholder={`Search or create a ${noun}…`}
          search={search}
          disabled={creating}
          invalid={Boolean(error) || createError !== null}
          describedBy={describedBy}
          onPick={(hit) => (hit.id.startsWith(CREATE_PREFIX) ? void create(hit.id.slice(CREATE_PREFIX.length)) : onChoose({ id: hit.id, name: hit.name }))}
        />
      )}
      {creating ? <p className="mt-1 text-xs text-slate-500">Creating…</p> : null}
      {createError ? (
        <p role="alert" className="mt-1 text-xs text-red-600">
          {createError}
        </p>
      ) : null}
      {error}
    </div>
  );
}
