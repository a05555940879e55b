'use client';

import { useMemo, useState, type FormEvent } from 'react';
import { toast } from 'sonner';
import {
  closestCenter,
  DndContext,
  KeyboardSensor,
  MouseSensor,
  TouchSensor,
  useSensor,
  useSensors,
  type Announcements,
  type DragEndEvent,
  type UniqueIdentifier,
} from '@dnd-kit/core';
import { arrayMove, SortableContext, sortableKeyboardCoordinates, useSortable, verticalListSortingStrategy } from '@dnd-kit/sortable';
import { CSS } from '@dnd-kit/utilities';
import { createStageAction, deleteStageAction, moveStageAction, updateStageAction } from '@/lib/actions/pipelines';
import { Button, EmptyState, Spinner } from '@/components/deal/ui';
import { ArrowDownIcon, ArrowUpIcon, GripIcon, PlusIcon, TrashIcon } from '@/components/ui/icons';
import { ActionDialog } from '@/components/ui/modal-dialog';
import { withoutField, type FieldErrors } from './field-error';
import { EMPTY_STAGE, StageFields, stageValuesOf, type SettingsStage, type StageValues } from './stage-fields';

const screenReaderInstructions = {
  draggable:
    'To reorder a stage, press Space or Enter to pick it up. Use the up and down arrow keys to move it, Space or Enter to drop it in its new place, or Escape to cancel.',
};

/**
 * A pipeline's stages in board order: edit each one in place, reorder them by dragging the handle
 * (mouse, touch, or Space + arrow keys) or with the up/down buttons, add and delete stages. A new
 * order shows at once and is saved; when the server refuses, the old order comes back with a toast.
 */
export function StagesEditor({ pipelineId, stages, readOnly }: { pipelineId: string; stages: SettingsStage[]; readOnly: boolean }) {
  // the order shown: the server's, or a reorder not yet confirmed (reset whenever the server's changes)
  const [order, setOrder] = useState(stages);
  const [serverStages, setServerStages] = useState(stages);
  if (serverStages !== stages) {
    setServerStages(stages);
    setOrder(stages);
  }
  const [deleting, setDeleting] = useState<SettingsStage | null>(null);

  const sensors = useSensors(
    useSensor(MouseSensor, { activationConstraint: { distance: 5 } }),
    useSensor(TouchSensor, { activationConstraint: { delay: 200, tolerance: 8 } }),
    useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }),
  );

  const move = async (stageId: string, toIndex: number) => {
    const before = order;
    const from = before.findIndex((s) => s.id === stageId);
    if (from === -1 || toIndex < 0 || toIndex >= before.length || from === toIndex) return;
    setOrder(arrayMove(before, from, toIndex));
    const result = await moveStageAction(stageId, toIndex);
    if (!result.ok) {
      setOrder(before);
      toast.error(`The new order was not saved: ${result.message}`);
    }
  };

  const onDragEnd = ({ active, over }: DragEndEvent) => {
    if (!over || active.id === over.id) return;
    const toIndex = order.findIndex((s) => s.id === over.id);
    void move(String(active.id), toIndex);
  };

  // screen-reader announcements name the stage and its place (the places before the drop)
  const nameOf = (id: UniqueIdentifier) => order.find((s) => s.id === id)?.name ?? 'the stage';
  const placeOf = (id: UniqueIdentifier) => {
    const index = order.findIndex((s) => s.id === id);
    return index === -1 ? 'its place' : `position ${index + 1} of ${order.length}`;
  };
  const announcements: Announcements = {
    onDragStart: ({ active }) => `Picked up stage ${nameOf(active.id)}, ${placeOf(active.id)}.`,
    // over its own place (just picked up): the pick-up announcement says it all
    onDragOver: ({ active, over }) =>
      over?.id === active.id ? undefined : over ? `Stage ${nameOf(active.id)} is over ${placeOf(over.id)}.` : `Stage ${nameOf(active.id)} is outside the list.`,
    onDragEnd: ({ active, over }) =>
      over
        ? `Stage ${nameOf(active.id)} was dropped at ${placeOf(over.id)}.`
        : `Stage ${nameOf(active.id)} was dropped outside the list and stays where it was.`,
    onDragCancel: ({ active }) => `Moving stage ${nameOf(active.id)} was cancelled.`,
  };

  return (
    <section aria-labelledby="stages-heading" className="rounded-xl border border-slate-200 bg-white shadow-sm">
      <header className="flex flex-wrap items-baseline gap-x-3 gap-y-1 border-b border-slate-100 px-4 py-3">
        <h2 id="stages-heading" className="text-sm font-semibold text-slate-900">
          Stages
        </h2>
        <p className="text-xs text-slate-500">In board order.{readOnly ? '' : ' Drag the handle, or use the arrows, to reorder.'}</p>
      </header>
      {order.length === 0 ? (
        <div className="p-4">
          <EmptyState title="No stages yet">Add the first stage below.</EmptyState>
        </div>
      ) : (
        <DndContext
          id={`stages-${pipelineId}`}
          sensors={sensors}
          collisionDetection={closestCenter}
          onDragEnd={onDragEnd}
          accessibility={{ announcements, screenReaderInstructions }}
        >
          <SortableContext items={order.map((s) => s.id)} strategy={verticalListSortingStrategy}>
            <ol aria-label="Stages in board order" className="divide-y divide-slate-100">
              {order.map((stage, index) => (
                <StageRow
                  key={stage.id}
                  stage={stage}
                  index={index}
                  count={order.length}
                  readOnly={readOnly}
                  onMove={(to) => void move(stage.id, to)}
                  onDelete={() => setDeleting(stage)}
                />
              ))}
            </ol>
          </SortableContext>
        </DndContext>
      )}
      {readOnly ? null : <AddStageForm pipelineId={pipelineId} />}
      <DeleteStageDialog stage={deleting} stages={order} onClose={() => setDeleting(null)} />
    </section>
  );
}

function StageRow({
  stage,
  index,
  count,
  readOnly,
  onMove,
  onDelete,
}: {
  stage: SettingsStage;
  index: number;
  count: number;
  readOnly: boolean;
  onMove: (toIndex: number) => void;
  onDelete: () => void;
}) {
  const { setNodeRef, setActivatorNodeRef, attributes, listeners, transform, transition, isDragging } = useSortable({ id: stage.id, disabled: readOnly });
  const saved = useMemo(() => stageValuesOf(stage), [stage]);
  const [values, setValues] = useState(saved);
  const [savedValues, setSavedValues] = useState(saved);
  if (JSON.stringify(savedValues) !== JSON.stringify(saved)) {
    // the server's stage changed (saved, or changed elsewhere): show it
    setSavedValues(saved);
    setValues(saved);
  }
  const [errors, setErrors] = useState<FieldErrors>({});
  const [pending, setPending] = useState(false);
  const dirty = (Object.keys(values) as (keyof StageValues)[]).some((key) => values[key] !== saved[key]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!dirty || pending) return;
    const changes = Object.fromEntries(
      (Object.keys(values) as (keyof StageValues)[]).filter((key) => values[key] !== saved[key]).map((key) => [key, values[key]]),
    );
    setPending(true);
    const result = await updateStageAction(stage.id, changes);
    setPending(false);
    if (result.ok) {
      setErrors({});
      toast.success(`Stage “${values.name.trim()}” saved`);
    } else {
      setErrors(result.fieldErrors);
      if (!['name', 'probability', 'rotting_days', 'outcome'].some((field) => result.fieldErrors[field])) toast.error(result.message);
    }
  };

  return (
    <li
      ref={setNodeRef}
      aria-label={`Stage ${stage.name}`}
      data-testid="stage-row"
      data-stage-id={stage.id}
      style={{ transform: CSS.Translate.toString(transform), transition }}
      className={`relative bg-white px-2 py-3 sm:px-4 ${isDragging ? 'z-10 shadow-lg ring-1 ring-blue-300' : ''}`}
    >
      <form onSubmit={submit} noValidate className="flex items-start gap-2">
        <div className="flex flex-col items-center pt-5">
          <button
            type="button"
            ref={setActivatorNodeRef}
            {...attributes}
            {...listeners}
            aria-label={`Reorder stage ${stage.name} (position ${index + 1} of ${count})`}
            disabled={readOnly}
            className="cursor-grab touch-none rounded p-1 text-slate-500 hover:bg-slate-100 hover:text-slate-700 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-blue-500 disabled:cursor-default disabled:opacity-40"
          >
            <GripIcon />
          </button>
          <span className="text-[11px] tabular-nums text-slate-500" aria-hidden="true">
            {index + 1}
          </span>
        </div>
        <fieldset disabled={readOnly} className="flex min-w-0 flex-1 flex-col gap-2 lg:flex-row lg:items-start">
          <StageFields
            values={values}
            errors={errors}
            onChange={(field, value) => {
              setValues((v) => ({ ...v, [field]: value }));
              setErrors((e) => withoutField(e, field));
            }}
          />
          <div className="flex flex-wrap items-center gap-1 lg:pt-5">
            <span className="mr-1 whitespace-nowrap text-xs text-slate-500" data-testid="stage-deal-count">
              {stage.dealCount === 1 ? '1 deal' : `${stage.dealCount} deals`}
            </span>
            {readOnly ? null : (
              <>
                <Button type="submit" tone="primary" size="sm" disabled={!dirty || pending} aria-label={`Save stage ${stage.name}`}>
                  {pending ? <Spinner /> : null}Save
                </Button>
                {dirty ? (
                  <Button
                    size="sm"
                    tone="ghost"
                    onClick={() => {
                      setValues(saved);
                      setErrors({});
                    }}
                  >
                    Undo
                  </Button>
                ) : null}
                <Button
                  size="icon-sm"
                  tone="ghost"
                  aria-label={`Move ${stage.name} up`}
                  title="Move up"
                  disabled={index === 0}
                  onClick={() => onMove(index - 1)}
                >
                  <ArrowUpIcon />
                </Button>
                <Button
                  size="icon-sm"
                  tone="ghost"
                  aria-label={`Move ${stage.name} down`}
                  title="Move down"
                  disabled={index === count - 1}
                  onClick={() => onMove(index + 1)}
                >
                  <ArrowDownIcon />
                </Button>
                <Button
                  size="icon-sm"
                  tone="ghost"
                  aria-label={`Delete stage ${stage.name}`}
                  title={count <= 1 ? 'A pipeline needs at least one stage' : 'Delete stage'}
                  disabled={count <= 1}
                  onClick={onDelete}
                  className="hover:text-rose-700"
                >
                  <TrashIcon />
                </Button>
              </>
            )}
          </div>
        </fieldset>
      </form>
      {errors._?.length ? <p className="mt-1 pl-9 text-xs text-red-600">{errors._.join(' ')}</p> : null}
    </li>
  );
}

function AddStageForm({ pipelineId }: { pipelineId: string }) {
  const [values, setValues] = useState<StageValues>(EMPTY_STAGE);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [pending, setPending] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (pending) return;
    // a blank probability takes the default (100 for a won stage, else 0)
    const { probability, ...rest } = values;
    setPending(true);
    const result = await createStageAction(pipelineId, probability.trim() === '' ? rest : values);
    setPending(false);
    if (result.ok) {
      toast.success(`Stage “${values.name.trim()}” added`);
      setValues(EMPTY_STAGE);
      setErrors({});
    } else {
      setErrors(result.fieldErrors);
      if (!['name', 'probability', 'rotting_days', 'outcome'].some((field) => result.fieldErrors[field])) toast.error(result.message);
    }
  };

  return (
    <form
      onSubmit={submit}
      noValidate
      aria-label="Add a stage"
      className="flex flex-col gap-2 border-t border-slate-200 bg-slate-50 px-4 py-3 lg:flex-row lg:items-start"
    >
      <StageFields
        nameLabel="New stage name"
        values={values}
        errors={errors}
        onChange={(field, value) => {
          setValues((v) => ({ ...v, [field]: value }));
          setErrors((e) => withoutField(e, field));
        }}
      />
      <div className="lg:pt-5">
        <Button type="submit" tone="primary" disabled={pending}>
          {pending ? <Spinner /> : <PlusIcon />}
          Add stage
        </Button>
      </div>
    </form>
  );
}

/** Deleting a stage: when it holds deals, which other stage of the pipeline they move to. */
function DeleteStageDialog({ stage, stages, onClose }: { stage: SettingsStage | null; stages: SettingsStage[]; onClose: () => void }) {
  const others = stage ? stages.filter((s) => s.id !== stage.id) : [];
  const [target, setTarget] = useState('');
  const [forStage, setForStage] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if ((stage?.id ?? null) !== forStage) {
    // a new stage to delete: suggest its neighbour (the stage before it, else the one after)
    setForStage(stage?.id ?? null);
    const index = stage ? stages.findIndex((s) => s.id === stage.id) : -1;
    setTarget((stages[index - 1] ?? stages[index + 1])?.id ?? '');
    setError(null);
  }
  const selectId = 'delete-stage-target';
  const count = stage?.dealCount ?? 0;

  const confirm = async () => {
    if (!stage) return;
    if (count > 0 && !target) {
      setError('Choose the stage the deals move to.');
      return;
    }
    setPending(true);
    const result = await deleteStageAction(stage.id, count > 0 ? target : null);
    setPending(false);
    if (!result.ok) {
      setError(result.message);
      return;
    }
    const moved = result.data.movedDeals;
    const to = others.find((s) => s.id === target)?.name;
    toast.success(moved > 0 ? `Stage “${stage.name}” deleted; ${moved === 1 ? '1 deal' : `${moved} deals`} moved to “${to}”` : `Stage “${stage.name}” deleted`);
    onClose();
  };

  return (
    <ActionDialog
      tone="danger"
      open={stage !== null}
      title={`Delete stage “${stage?.name ?? ''}”?`}
      submitLabel={count > 0 ? `Delete and move ${count === 1 ? '1 deal' : `${count} deals`}` : 'Delete stage'}
      pending={pending}
      error={error}
      onSubmit={() => void confirm()}
      onCancel={onClose}
    >
      {count > 0 ? (
        <>
          <p>
            This stage holds <strong data-testid="delete-stage-deal-count">{count === 1 ? '1 deal' : `${count} deals`}</strong>. Choose the stage{' '}
            {count === 1 ? 'it moves' : 'they move'} to; each move is recorded in the deal’s stage history.
          </p>
          <div>
            <label htmlFor={selectId} className="mb-1 block text-xs font-medium text-slate-700">
              Move the deals to
            </label>
            <select
              id={selectId}
              value={target}
              onChange={(e) => {
                setTarget(e.target.value);
                setError(null);
              }}
              className="block w-full rounded-md border border-slate-300 bg-white px-2.5 py-1.5 text-sm focus:border-blue-500 focus:outline-none focus:ring-2 focus:ring-blue-500/30"
            >
              {others.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name}
                  {s.outcome ? ` (${s.outcome} — the deals become ${s.outcome})` : ''}
                </option>
              ))}
            </select>
          </div>
        </>
      ) : (
        <p>This stage holds no deals. The pipeline’s other stages keep their order.</p>
      )}
    </ActionDialog>
  );
}
