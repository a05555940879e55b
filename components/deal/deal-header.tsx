'use client';

import Link from 'next/link';
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { formatMoney } from '@/lib/money/format-money';
import { deleteDealAction, updateDealFieldsAction } from '@/lib/actions/deal';
import { ActionDialog } from '@/components/ui/modal-dialog';
import { SavedNote, useFieldEditor } from './editable-field';
import { formatCalendarDate } from './format';
import type { DealWorkspaceData } from './types';
import { Button, CheckIcon, ChevronRightIcon, inputClass, PencilIcon, Spinner, StatusBadge, TrashIcon, TrophyIcon, UndoIcon, XCircleIcon, XIcon } from './ui';
import { useDealCommands } from './use-deal-commands';
import { useDealMutations } from './use-deal-mutations';
import { useHydrated } from '@/components/ui/use-hydrated';

// The top of the workspace: where the deal sits (pipeline › stage), its name (edited in place),
// value, status and people at a glance; Won / Lost (or Reopen) and Delete; and the pipeline's stages
// as a clickable progress bar (click a stage to move the deal there). On a deal the viewer may only
// look at (data.viewOnly) the name, the buttons and the stage bar only show where the deal is.

export function DealHeader({ data, onRequestLost }: { data: DealWorkspaceData; onRequestLost: () => void }) {
  const { deal } = data;
  const commands = useDealCommands(data);
  const [busy, setBusy] = useState<null | 'won' | 'reopen'>(null);
  const [deleting, setDeleting] = useState(false);
  const closed = deal.status === 'won' || deal.status === 'lost';
  const locked = data.viewOnly !== null;

  const won = async () => {
    setBusy('won');
    await commands.markWon();
    setBusy(null);
  };
  const reopen = async () => {
    setBusy('reopen');
    await commands.reopen();
    setBusy(null);
  };

  return (
    <header className="border-b border-slate-200 bg-white px-4 pt-3 pb-3 sm:px-6">
      <nav aria-label="Breadcrumb" className="flex min-w-0 items-center gap-1 text-xs text-slate-500">
        <Link href={`/pipelines/${deal.pipeline.id}`} className="truncate hover:text-blue-700 hover:underline">
          {deal.pipeline.name} board
        </Link>
        <ChevronRightIcon className="h-3 w-3 shrink-0" />
        <span className="truncate">{deal.stage.name}</span>
      </nav>
      <div className="mt-1 flex flex-wrap items-start gap-x-4 gap-y-2">
        <DealName name={deal.name} locked={locked} />
        {locked ? null : (
          <div className="ml-auto flex shrink-0 items-center gap-2">
            {closed ? (
              <Button onClick={reopen} disabled={busy !== null}>
                {busy === 'reopen' ? <Spinner /> : <UndoIcon className="h-3.5 w-3.5" />} Reopen
              </Button>
            ) : (
              <>
                <Button tone="success" onClick={won} disabled={busy !== null}>
                  {busy === 'won' ? <Spinner /> : <TrophyIcon className="h-3.5 w-3.5" />} Won
                </Button>
                <Button tone="danger" onClick={onRequestLost} disabled={busy !== null}>
                  <XCircleIcon className="h-3.5 w-3.5" /> Lost
                </Button>
              </>
            )}
            <Button size="icon" tone="ghost" aria-label="Delete deal" title="Delete deal" onClick={() => setDeleting(true)}>
              <TrashIcon className="h-4 w-4" />
            </Button>
          </div>
        )}
      </div>
      <div className="mt-1 flex flex-wrap items-center gap-x-3 gap-y-1 text-sm text-slate-600">
        <span data-testid="deal-value" className="text-base font-semibold tabular-nums text-slate-900">
          {formatMoney(deal.value, deal.currency)}
        </span>
        <StatusBadge status={deal.status} />
        {deal.status === 'lost' && deal.lostReason ? <span className="text-rose-700">{deal.lostReason}</span> : null}
        {deal.owner ? <span>Owner: {deal.owner.name}</span> : <span className="text-slate-500">No owner</span>}
        {deal.company ? <span className="truncate">{deal.company.name}</span> : null}
        {deal.contact ? <span className="truncate">{deal.contact.name}</span> : null}
        {deal.expectedClose ? <span>Closes {formatCalendarDate(deal.expectedClose)}</span> : null}
      </div>
      <StageProgress data={data} locked={locked} />
      {locked ? null : <DeleteDealDialog open={deleting} dealName={deal.name} onClose={() => setDeleting(false)} />}
    </header>
  );
}

function DealName({ name, locked }: { name: string; locked: boolean }) {
  const { dealId, run } = useDealMutations();
  const editor = useFieldEditor({
    initial: name,
    save: (draft) => run((version) => updateDealFieldsAction(dealId, version, { name: draft })),
    errorKeys: ['name'],
  });
  const errorId = useId();
  // the pencil works once the page has hydrated; until then it says so instead of ignoring a click
  const hydrated = useHydrated();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void editor.submit();
  };
  if (editor.editing) {
    return (
      <form
        onSubmit={submit}
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            e.preventDefault();
            editor.cancel();
          }
        }}
        className="min-w-0 flex-1 basis-64"
      >
        <div className="flex items-center gap-1">
          <input
            aria-label="Deal name"
            autoFocus
            value={editor.draft}
            maxLength={255}
            disabled={editor.pending}
            aria-invalid={editor.error ? true : undefined}
            aria-describedby={editor.error ? errorId : undefined}
            onChange={(e) => editor.setDraft(e.target.value)}
            className={`${inputClass} text-lg font-semibold`}
          />
          <Button size="icon" type="submit" tone="primary" aria-label="Save name" disabled={editor.pending}>
            {editor.pending ? <Spinner /> : <CheckIcon className="h-4 w-4" />}
          </Button>
          <Button size="icon" tone="ghost" aria-label="Cancel" onClick={editor.cancel} disabled={editor.pending}>
            <XIcon className="h-4 w-4" />
          </Button>
        </div>
        {editor.error ? (
          <p id={errorId} role="alert" className="mt-1 text-xs text-red-600">
            {editor.error}
          </p>
        ) : null}
      </form>
    );
  }
  return (
    <div className="group flex min-w-0 flex-1 basis-64 items-center gap-1.5">
      <h1 className="min-w-0 text-xl font-semibold wrap-anywhere text-slate-900">{name}</h1>
      {locked ? null : (
        <button
          type="button"
          onClick={editor.start}
          disabled={!hydrated}
          aria-label="Edit name"
          className="shrink-0 rounded p-1 text-slate-500 hover:bg-slate-100 hover:text-slate-700 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-blue-500"
        >
          <PencilIcon className="h-4 w-4" />
        </button>
      )}
      <SavedNote saved={editor.saved} pending={false} />
    </div>
  );
}

function StageProgress({ data, locked }: { data: DealWorkspaceData; locked: boolean }) {
  const { deal } = data;
  const commands = useDealCommands(data);
  const [moving, setMoving] = useState<string | null>(null);
  const barRef = useRef<HTMLOListElement>(null);
  const currentStageId = deal.stage.id;
  // biome-ignore lint/correctness/useExhaustiveDependencies: scroll again when the deal changes stage
  useEffect(() => {
    const bar = barRef.current;
    const current = bar?.querySelector<HTMLElement>('[aria-current="step"]');
    if (!bar || !current) return;
    const barBox = bar.getBoundingClientRect();
    const box = current.getBoundingClientRect();
    if (box.left < barBox.left || box.right > barBox.right) bar.scrollLeft += box.left - barBox.left - (barBox.width - box.width) / 2;
  }, [currentStageId]);

  const pipeline = data.pipelines.find((p) => p.id === deal.pipeline.id);
  if (!pipeline) return null;
  const open = pipeline.stages.filter((s) => !s.outcome);
  const currentIndex = open.findIndex((s) => s.id === deal.stage.id);
  const inOutcome = deal.stage.outcome !== null;

  const move = async (stageId: string, name: string) => {
    setMoving(stageId);
    await commands.moveToStage(stageId, name);
    setMoving(null);
  };

  return (
    <div className="mt-3">
      {/* each stage as wide as its whole name; on a narrow screen the bar scrolls sideways, opened on the current stage */}
      <ol ref={barRef} aria-label="Pipeline stages" className="flex w-full overflow-x-auto rounded-md">
        {open.map((stage, index) => {
          const current = stage.id === deal.stage.id;
          const passed = inOutcome || (currentIndex >= 0 && index < currentIndex);
          // a bar the viewer may not move the deal along: the same shapes, without hover or clicks
          const tone = current
            ? 'bg-blue-600 text-white'
            : passed
              ? inOutcome && deal.stage.outcome === 'lost'
                ? `bg-rose-100 text-rose-800 ${locked ? '' : 'hover:bg-rose-200'}`
                : `bg-emerald-100 text-emerald-800 ${locked ? '' : 'hover:bg-emerald-200'}`
              : `bg-slate-100 text-slate-600 ${locked ? '' : 'hover:bg-slate-200'}`;
          const shape = {
            clipPath:
              index === 0
                ? 'polygon(0 0, calc(100% - 10px) 0, 100% 50%, calc(100% - 10px) 100%, 0 100%)'
                : 'polygon(0 0, calc(100% - 10px) 0, 100% 50%, calc(100% - 10px) 100%, 0 100%, 10px 50%)',
          };
          const look = `flex h-8 w-full items-center justify-center gap-1 whitespace-nowrap pr-3 pl-4 text-xs font-medium transition-colors ${tone} ${index > 0 ? '-ml-1.5' : ''}`;
          return (
            <li key={stage.id} className="min-w-[6.5rem] flex-[1_0_auto]">
              {locked ? (
                <span
                  aria-current={current ? 'step' : undefined}
                  title={`${current ? 'Current stage' : stage.name} · ${stage.probability}%`}
                  style={shape}
                  className={look}
                >
                  <span>{stage.name}</span>
                  {current ? <span className="sr-only"> (current stage)</span> : null}
                </span>
              ) : (
                <button
                  type="button"
                  aria-current={current ? 'step' : undefined}
                  aria-label={current ? `${stage.name} (current stage)` : `Move to ${stage.name}`}
                  title={current ? `Current stage · ${stage.probability}%` : `Move to ${stage.name} · ${stage.probability}%`}
                  disabled={current || moving !== null}
                  onClick={() => void move(stage.id, stage.name)}
                  style={shape}
                  className={`${look} disabled:cursor-default`}
                >
                  {moving === stage.id ? <Spinner className="h-3 w-3" /> : null}
                  <span>{stage.name}</span>
                </button>
              )}
            </li>
          );
        })}
      </ol>
      {inOutcome ? (
        <p className={`mt-1 text-xs font-medium ${deal.stage.outcome === 'won' ? 'text-emerald-700' : 'text-rose-700'}`}>
          {locked ? `In “${deal.stage.name}”.` : `In “${deal.stage.name}” — click a stage to reopen the deal there.`}
        </p>
      ) : null}
    </div>
  );
}

function DeleteDealDialog({ open, dealName, onClose }: { open: boolean; dealName: string; onClose: () => void }) {
  const { dealId, run } = useDealMutations();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const confirm = async () => {
    setPending(true);
    setError(null);
    const result = await run((version) => deleteDealAction(dealId, version));
    // on success the action redirects to the pipeline's board; only a refusal comes back
    setPending(false);
    if (result && !result.ok) setError(result.message);
  };

  return (
    <ActionDialog
      open={open}
      title={`Delete “${dealName}”?`}
      submitLabel="Delete deal"
      tone="danger"
      pending={pending}
      error={error}
      onSubmit={() => void confirm()}
      onCancel={() => {
        // the next opening starts without this refusal
        setError(null);
        onClose();
      }}
    >
      <p>
        The deal disappears from the board, lists and searches, with its products, activities and tasks. Its stage history is kept for reports. This cannot be
        undone here.
      </p>
    </ActionDialog>
  );
}
