'use client';

import { useEffect, useId, useRef, useState, type FormEvent, type KeyboardEvent, type ReactNode } from 'react';
import type { ActionResult } from '@/lib/actions/run-action';
import { fieldMessage } from './use-deal-mutations';
import { Button, CheckIcon, PencilIcon, Spinner, XIcon } from './ui';
import { useHydrated } from '@/components/ui/use-hydrated';

// One field of the deal, edited in place: its value as text with a pencil; clicking opens the
// editor with Save / Cancel (Enter saves, Escape cancels). While saving the field shows a spinner,
// then "Saved" for a moment; a refusal keeps the editor open with the message under the field.

export type SaveOutcome =
  | ActionResult<unknown>
  | { ok: false; message: string; fieldErrors: Record<string, string[]> }
  /** done elsewhere (a dialog took over): close the editor without "Saved" */
  | { ok: true; quiet: true };

export interface EditorProps {
  id: string;
  value: string;
  onChange: (value: string) => void;
  invalid: boolean;
  describedBy: string | undefined;
  label: string;
  disabled: boolean;
  /** saves `value` right away (pickers save on pick) */
  submit: (value: string) => void;
}

/** The editing state of one field: draft, pending, error, "saved" flash. */
export function useFieldEditor({
  initial,
  save,
  errorKeys,
}: {
  initial: string;
  save: (draft: string) => Promise<SaveOutcome> | SaveOutcome;
  errorKeys: string[];
}) {
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState(initial);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  useEffect(() => () => clearTimeout(timer.current), []);

  const start = () => {
    setDraft(initial);
    setError(null);
    setSaved(false);
    setEditing(true);
  };
  const cancel = () => {
    setEditing(false);
    setError(null);
  };
  const submit = async (value = draft) => {
    if (pending) return;
    if (value === initial) {
      setEditing(false);
      setError(null);
      return;
    }
    setPending(true);
    setError(null);
    const result = await save(value);
    setPending(false);
    if (result.ok) {
      setEditing(false);
      if ('quiet' in result) return;
      setSaved(true);
      clearTimeout(timer.current);
      timer.current = setTimeout(() => setSaved(false), 2500);
    } else {
      setError(fieldMessage(result, ...errorKeys));
    }
  };
  return { editing, draft, setDraft, pending, error, saved, start, cancel, submit };
}

export function SavedNote({ saved, pending }: { saved: boolean; pending: boolean }) {
  return (
    <span role="status" className="inline-flex min-w-0 items-center gap-1 text-xs">
      {pending ? (
        <span className="inline-flex items-center gap-1 text-slate-500">
          <Spinner className="h-3 w-3" /> Saving…
        </span>
      ) : saved ? (
        <span className="inline-flex items-center gap-1 font-medium text-emerald-700">
          <CheckIcon className="h-3.5 w-3.5" /> Saved
        </span>
      ) : null}
    </span>
  );
}

/**
 * A labelled field of the details list. `display` is the value as read; `renderEditor` draws the
 * input; `save` receives the draft and answers the action's result. `readOnly` replaces the pencil
 * with a note saying why the field cannot be edited here. `locked` only takes the pencil away: the
 * viewer may change nothing on the record, and the page says why once rather than under every field.
 */
export function EditableField({
  label,
  name,
  display,
  initial,
  renderEditor,
  save,
  errorKeys,
  readOnly,
  locked = false,
  hint,
}: {
  label: string;
  name: string;
  display: ReactNode;
  initial: string;
  renderEditor: (props: EditorProps) => ReactNode;
  save: (draft: string) => Promise<SaveOutcome> | SaveOutcome;
  errorKeys?: string[];
  readOnly?: ReactNode;
  locked?: boolean;
  hint?: ReactNode;
}) {
  const note = locked ? null : readOnly;
  const editor = useFieldEditor({ initial, save, errorKeys: errorKeys ?? [name] });
  // the pencil works once the page has hydrated; until then it says so instead of ignoring a click
  const hydrated = useHydrated();
  const id = useId();
  const errorId = `${id}-error`;
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void editor.submit();
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      editor.cancel();
    }
  };
  return (
    <div data-testid={`field-${name}`} className="group grid grid-cols-[6.5rem_minmax(0,1fr)] items-start gap-x-3 py-1.5 text-sm">
      <div className="pt-1.5 text-slate-500">{editor.editing ? <label htmlFor={id}>{label}</label> : <span id={`${id}-label`}>{label}</span>}</div>
      {editor.editing ? (
        <form onSubmit={onSubmit} onKeyDown={onKeyDown} className="min-w-0">
          <div className="flex min-w-0 items-center gap-1">
            <div className="min-w-0 flex-1">
              {renderEditor({
                id,
                value: editor.draft,
                onChange: editor.setDraft,
                invalid: editor.error !== null,
                describedBy: editor.error ? errorId : undefined,
                label,
                disabled: editor.pending,
                submit: (value) => {
                  editor.setDraft(value);
                  void editor.submit(value);
                },
              })}
            </div>
            <Button type="submit" tone="primary" size="icon-sm" aria-label={`Save ${label.toLowerCase()}`} disabled={editor.pending}>
              {editor.pending ? <Spinner /> : <CheckIcon className="h-3.5 w-3.5" />}
            </Button>
            <Button tone="ghost" size="icon-sm" aria-label="Cancel" onClick={editor.cancel} disabled={editor.pending}>
              <XIcon className="h-3.5 w-3.5" />
            </Button>
          </div>
          {editor.error ? (
            <p id={errorId} role="alert" className="mt-1 text-xs text-red-600">
              {editor.error}
            </p>
          ) : null}
          {hint ? <p className="mt-1 text-xs text-slate-500">{hint}</p> : null}
        </form>
      ) : (
        <div className="flex min-w-0 items-start gap-1">
          <div className="min-w-0 flex-1 py-1.5 break-words">{display}</div>
          {locked || readOnly ? null : (
            <button
              type="button"
              onClick={editor.start}
              disabled={!hydrated}
              aria-label={`Edit ${label.toLowerCase()}`}
              className="mt-0.5 rounded p-1 text-slate-500 opacity-60 transition hover:bg-slate-100 hover:text-slate-700 group-hover:opacity-100 focus-visible:opacity-100 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-blue-500"
            >
              <PencilIcon className="h-3.5 w-3.5" />
            </button>
          )}
          <div className="shrink-0 pt-1.5">
            <SavedNote saved={editor.saved} pending={false} />
          </div>
        </div>
      )}
      {!editor.editing && note ? <div className="col-start-2 text-xs text-slate-500">{note}</div> : null}
    </div>
  );
}

export const Empty = () => <span className="text-slate-500">—</span>;
