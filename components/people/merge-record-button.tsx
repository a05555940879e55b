'use client';

import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { toast } from 'sonner';
import type { ActionResult } from '@/lib/actions/run-action';
import type { SearchHit } from '@/lib/actions/search-hit';
import type { MergeMoves } from '@/lib/schemas/merge';
import { SearchPicker } from '@/components/deal/search-picker';
import { Button, Spinner } from '@/components/deal/ui';
import { XIcon } from '@/components/ui/icons';
import { ModalDialog } from '@/components/ui/modal-dialog';

// "Merge into…" on a contact's or company's page (managers and admins): pick the record that
// survives, read what will move to it, confirm; the survivor's page then opens.

const plural = (count: number, one: string, many = `${one}s`) => `${count} ${count === 1 ? one : many}`;

function movesSentence(moves: MergeMoves, noun: 'contact' | 'company'): string {
  const parts = [
    plural(moves.deals, 'deal'),
    `${plural(moves.activities, 'activity', 'activities')} and ${plural(moves.tasks, 'task')} on them`,
    ...(noun === 'company' ? [plural(moves.contacts, 'contact')] : []),
  ];
  return parts.join(', ');
}

export function MergeRecordButton({
  noun,
  record,
  search,
  preview,
  merge,
}: {
  noun: 'contact' | 'company';
  record: { id: string; name: string };
  search: (q: string) => Promise<SearchHit[]>;
  preview: () => Promise<ActionResult<MergeMoves>>;
  merge: (into: string) => Promise<ActionResult<{ id: string }>>;
}) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [target, setTarget] = useState<SearchHit | null>(null);
  const [moves, setMoves] = useState<MergeMoves | null>(null);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const path = noun === 'contact' ? '/contacts' : '/companies';
  const kept = noun === 'contact' ? 'name, email, phone and company' : 'name and domain';

  const start = async () => {
    setTarget(null);
    setMoves(null);
    setError(null);
    setOpen(true);
    const result = await preview();
    if (result.ok) setMoves(result.data);
    else setError(result.message);
  };
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!target || pending) return;
    setPending(true);
    setError(null);
    const result = await merge(target.id);
    if (!result.ok) {
      setPending(false);
      setError(result.message);
      return;
    }
    toast.success(`Merged ${record.name} into ${target.name}`);
    router.push(`${path}/${result.data.id}`);
  };

  return (
    <>
      <Button onClick={() => void start()} title={`Merge this ${noun} into another`}>
        <span className="hidden sm:inline">Merge into…</span>
        <span className="sm:hidden">Merge</span>
      </Button>
      <ModalDialog open={open} title={`Merge “${record.name}” into…`} onClose={() => setOpen(false)} busy={pending} wide>
        <form aria-label={`Merge ${noun}`} onSubmit={submit} className="mt-3 space-y-3 text-sm text-slate-700">
          <p>
            Choose the {noun} to keep. Everything of “{record.name}” moves to it, and “{record.name}” is then removed.
          </p>
          <div>
            <span className="block font-medium text-slate-700">Keep</span>
            {target ? (
              <div className="mt-1 flex items-center gap-2 rounded-md border border-slate-200 bg-slate-50 px-2.5 py-1.5">
                <span className="min-w-0 flex-1 truncate">
                  <span className="font-medium">{target.name}</span>
                  {target.detail ? <span className="text-slate-500"> · {target.detail}</span> : null}
                </span>
                <button
                  type="button"
                  aria-label={`Choose another ${noun}`}
                  onClick={() => setTarget(null)}
                  disabled={pending}
                  className="rounded p-0.5 text-slate-400 hover:text-slate-700"
                >
                  <XIcon className="h-3.5 w-3.5" />
                </button>
              </div>
            ) : (
              <SearchPicker
                label={`${noun === 'contact' ? 'Contact' : 'Company'} to keep`}
                placeholder={noun === 'contact' ? 'Search contacts…' : 'Search companies…'}
                search={search}
                onPick={setTarget}
                exclude={[record.id]}
                autoFocus
                className="mt-1"
              />
            )}
          </div>
          {target ? (
            <div className="rounded-md border border-slate-200 px-3 py-2">
              <p>
                Moves to <strong>{target.name}</strong>: {moves ? movesSentence(moves, noun) : <Spinner />}.
              </p>
              <p className="mt-1 text-slate-500">
                {target.name} keeps its own {kept}; those it lacks are filled from “{record.name}”. The rest of “{record.name}” stays listed on {target.name}’s
                page under Merged records.
              </p>
            </div>
          ) : null}
          {error ? (
            <p role="alert" className="text-red-600">
              {error}
            </p>
          ) : null}
          <div className="flex flex-wrap justify-end gap-2 pt-2">
            <Button onClick={() => setOpen(false)} disabled={pending}>
              Cancel
            </Button>
            <Button type="submit" tone="danger" disabled={pending || !target}>
              {pending ? <Spinner /> : null}
              {noun === 'contact' ? 'Merge contacts' : 'Merge companies'}
            </Button>
          </div>
        </form>
      </ModalDialog>
    </>
  );
}
