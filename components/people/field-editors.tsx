'use client';

import type { EditorProps } from '@/components/deal/editable-field';
import { SearchPicker } from '@/components/deal/search-picker';
import type { SearchHit } from '@/components/deal/types';
import { inputClass } from '@/components/deal/ui';

// Editors for the inline fields of a contact or company page (components/deal/editable-field).

export function TextEditor({
  id,
  value,
  onChange,
  invalid,
  describedBy,
  disabled,
  maxLength,
  inputMode,
}: EditorProps & { maxLength?: number; inputMode?: 'email' | 'tel' | 'url' | 'text' }) {
  return (
    <input
      id={id}
      value={value}
      onChange={(event) => onChange(event.target.value)}
      aria-invalid={invalid || undefined}
      aria-describedby={describedBy}
      disabled={disabled}
      maxLength={maxLength}
      inputMode={inputMode}
      autoComplete="off"
      autoFocus
      className={inputClass}
    />
  );
}

/** Picks a company (saved on pick); "Remove" clears it. */
export function CompanyEditor({
  props,
  current,
  search,
}: {
  props: EditorProps;
  current: { id: string; name: string } | null;
  search: (q: string) => Promise<SearchHit[]>;
}) {
  return (
    <div className="space-y-1">
      <SearchPicker
        label={props.label}
        placeholder="Search companies…"
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
          Remove {current.name} as company
        </button>
      ) : null}
    </div>
  );
}
