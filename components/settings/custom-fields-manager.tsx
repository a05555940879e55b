'use client';

import { useId, useState, type FormEvent } from 'react';
import { toast } from 'sonner';
import { createCustomFieldAction, deleteCustomFieldAction, updateCustomFieldAction } from '@/lib/actions/custom-fields';
import { Button, EmptyState, inputClass, Spinner } from '@/components/deal/ui';
import { NoteIcon, PlusIcon } from '@/components/ui/icons';
import { ActionDialog, ModalDialog } from '@/components/ui/modal-dialog';
import { FieldError, invalidProps, withoutField, type FieldErrors } from './field-error';
import { TextField } from './text-field';
import { RowActions } from './row-actions';
import { useConfirmDelete } from './use-confirm-delete';
import { useHydrated } from '@/components/ui/use-hydrated';

/** A custom deal field definition as the page shows it. */
export interface SettingsCustomField {
  id: string;
  key: string;
  label: string;
  type: 'text' | 'number' | 'date' | 'boolean' | 'select';
  options: string[];
  required: boolean;
}

const TYPE_LABELS: Record<SettingsCustomField['type'], string> = {
  text: 'Text',
  number: 'Number',
  date: 'Date',
  boolean: 'Yes / no',
  select: 'Choice from a list',
};

/** "Contract length (months)" → "contract_length_months": a key that passes the API's pattern. */
function keyFromLabel(label: string): string {
  const key = label
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^[_0-9]+|_+$/g, '')
    .slice(0, 50)
    .replace(/_+$/, '');
  return key;
}

/** Custom deal fields: a table, a dialog to add or edit one, and deleting one (which erases its values on deals). */
export function CustomFieldsManager({ fields, readOnly }: { fields: SettingsCustomField[]; readOnly: boolean }) {
  const [editing, setEditing] = useState<SettingsCustomField | 'new' | null>(null);
  const deletion = useConfirmDelete(
    (field: SettingsCustomField) => deleteCustomFieldAction(field.id),
    (field) => `Custom field “${field.label}” deleted`,
  );
  const hydrated = useHydrated();

  return (
    <section aria-labelledby="custom-fields-heading" className="space-y-3">
      <div className="flex flex-wrap items-end gap-2">
        <div className="min-w-0 flex-1">
          <h2 id="custom-fields-heading" className="text-base font-semibold text-slate-900">
            Custom deal fields
          </h2>
          <p className="text-sm text-slate-600">Extra fields every deal carries, shown on the deal page and in the API as custom_fields.&lt;key&gt;.</p>
        </div>
        {readOnly ? null : (
          <Button tone="primary" disabled={!hydrated} onClick={() => setEditing('new')}>
            <PlusIcon />
            New field
          </Button>
        )}
      </div>
      {fields.length === 0 ? (
        <EmptyState icon={<NoteIcon className="h-8 w-8" />} title="No custom fields yet">
          {readOnly ? 'A manager or admin defines them.' : 'Add a field to track something every deal should carry, such as a contract length.'}
        </EmptyState>
      ) : (
        <div className="overflow-x-auto rounded-xl border border-slate-200 bg-white shadow-sm">
          <table aria-label="Custom fields" className="w-full min-w-[36rem] text-sm">
            <thead className="bg-slate-50 text-left text-xs uppercase tracking-wide text-slate-500">
              <tr>
                <th scope="col" className="px-3 py-2 font-medium">
                  Label
                </th>
                <th scope="col" className="px-3 py-2 font-medium">
                  Key
                </th>
                <th scope="col" className="px-3 py-2 font-medium">
                  Type
                </th>
                <th scope="col" className="px-3 py-2 font-medium">
                  Required
                </th>
                {readOnly ? null : (
                  <th scope="col" className="px-3 py-2 font-medium">
                    <span className="sr-only">Actions</span>
                  </th>
                )}
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {fields.map((field) => (
                <tr key={field.id} data-testid="custom-field-row">
                  <td className="px-3 py-2 font-medium text-slate-900">{field.label}</td>
                  <td className="px-3 py-2">
                    <code className="text-xs text-slate-600">{field.key}</code>
                  </td>
                  <td className="px-3 py-2">
                    {TYPE_LABELS[field.type]}
                    {field.type === 'select' ? (
                      <p className="max-w-xs truncate text-xs text-slate-500" title={field.options.join(', ')}>
                        {field.options.join(', ')}
                      </p>
                    ) : null}
                  </td>
                  <td className="px-3 py-2">{field.required ? 'Yes' : 'No'}</td>
                  {readOnly ? null : (
                    <RowActions what={`field ${field.label}`} hydrated={hydrated} onEdit={() => setEditing(field)} onDelete={() => deletion.ask(field)} />
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <ModalDialog
        wide
        open={editing !== null}
        title={editing === 'new' ? 'New custom field' : `Edit “${editing?.label ?? ''}”`}
        onClose={() => setEditing(null)}
      >
        <div className="mt-3">{editing !== null ? <CustomFieldForm field={editing === 'new' ? null : editing} onDone={() => setEditing(null)} /> : null}</div>
      </ModalDialog>
      <ActionDialog
        tone="danger"
        {...deletion.dialog}
        title={`Delete custom field “${deletion.target?.label ?? ''}”?`}
        submitLabel="Delete field and its values"
      >
        <p>
          Deleting the field <strong>erases its value from every deal</strong> that has one (<code>{deletion.target?.key}</code>). This cannot be undone.
        </p>
      </ActionDialog>
    </section>
  );
}

function CustomFieldForm({ field, onDone }: { field: SettingsCustomField | null; onDone: () => void }) {
  const [label, setLabel] = useState(field?.label ?? '');
  const [key, setKey] = useState(field?.key ?? '');
  const [keyEdited, setKeyEdited] = useState(false);
  const [type, setType] = useState<SettingsCustomField['type']>(field?.type ?? 'text');
  const [options, setOptions] = useState(field?.options.join('\n') ?? '');
  const [required, setRequired] = useState(field?.required ?? false);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [pending, setPending] = useState(false);
  const id = useId();
  const optionErrors = Object.entries(errors)
    .filter(([path]) => path === 'options' || path.startsWith('options.'))
    .flatMap(([, messages]) => messages);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (pending) return;
    setPending(true);
    const result = field
      ? await updateCustomFieldAction(field.id, { label, options, required, isSelect: field.type === 'select' })
      : await createCustomFieldAction({ label, key, type, options, required });
    setPending(false);
    if (result.ok) {
      toast.success(field ? `Custom field “${label.trim()}” saved` : `Custom field “${label.trim()}” added`);
      onDone();
      return;
    }
    const shown = Object.keys(result.fieldErrors).some((path) => ['label', 'key', 'type', 'required'].includes(path) || path.startsWith('options'));
    setErrors(shown ? result.fieldErrors : { _: [result.message] });
  };

  return (
    <form onSubmit={submit} noValidate aria-label={field ? 'Edit custom field' : 'New custom field'} className="space-y-3">
      <TextField
        label="Label"
        value={label}
        maxLength={100}
        autoFocus
        errors={errors.label}
        onValue={(value) => {
          setLabel(value);
          if (!field && !keyEdited) setKey(keyFromLabel(value));
          setErrors((e) => withoutField(withoutField(e, 'label'), 'key'));
        }}
      />
      {field ? (
        <p className="text-xs text-slate-500">
          Key <code>{field.key}</code> and type {TYPE_LABELS[field.type].toLowerCase()} cannot change; create a new field instead.
        </p>
      ) : (
        <div className="grid gap-3 sm:grid-cols-2">
          <TextField
            label="Key (used by the API)"
            value={key}
            maxLength={50}
            placeholder="contract_length"
            errors={errors.key}
            onValue={(value) => {
              setKey(value);
              setKeyEdited(true);
              setErrors((e) => withoutField(e, 'key'));
            }}
          />
          <div className="min-w-0">
            <label htmlFor={`${id}-type`} className="mb-0.5 block text-[11px] font-medium text-slate-600">
              Type
            </label>
            <select
              id={`${id}-type`}
              value={type}
              onChange={(e) => {
                setType(e.target.value as SettingsCustomField['type']);
                setErrors((x) => withoutField(x, 'options'));
              }}
              className={inputClass}
              {...invalidProps(`${id}-type-error`, errors.type)}
            >
              {Object.entries(TYPE_LABELS).map(([value, text]) => (
                <option key={value} value={value}>
                  {text}
                </option>
              ))}
            </select>
            <FieldError id={`${id}-type-error`} messages={errors.type} />
          </div>
        </div>
      )}
      {(field?.type ?? type) === 'select' ? (
        <div>
          <label htmlFor={`${id}-options`} className="mb-0.5 block text-[11px] font-medium text-slate-600">
            Options, one per line
          </label>
          <textarea
            id={`${id}-options`}
            rows={4}
            value={options}
            placeholder={'Monthly\nYearly'}
            onChange={(e) => {
              setOptions(e.target.value);
              setErrors((x) => Object.fromEntries(Object.entries(x).filter(([path]) => !path.startsWith('options'))));
            }}
            className={inputClass}
            {...invalidProps(`${id}-options-error`, optionErrors.length ? optionErrors : undefined)}
          />
          <FieldError id={`${id}-options-error`} messages={optionErrors.length ? optionErrors : undefined} />
          {field ? <p className="mt-0.5 text-xs text-slate-500">Deals keep the value they have; new values must be one of these.</p> : null}
        </div>
      ) : null}
      <label className="flex items-center gap-2 text-sm text-slate-700">
        <input type="checkbox" checked={required} onChange={(e) => setRequired(e.target.checked)} className="accent-blue-600" />
        Required: every deal must carry a value
      </label>
      <FieldError id={`${id}-form-error`} messages={errors._} />
      <div className="flex justify-end gap-2">
        <Button onClick={onDone} disabled={pending}>
          Cancel
        </Button>
        <Button type="submit" tone="primary" disabled={pending}>
          {pending ? <Spinner /> : null}
          {field ? 'Save field' : 'Add field'}
        </Button>
      </div>
    </form>
  );
}
