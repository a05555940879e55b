'use client';

import { useId, useState, type FormEvent } from 'react';
import { useRouter } from 'next/navigation';
import { toast } from 'sonner';
import { createPipelineAction } from '@/lib/actions/pipelines';
import { Button, inputClass, Spinner } from '@/components/deal/ui';
import { PlusIcon, XIcon } from '@/components/ui/icons';
import { FieldError, invalidProps, withoutField, type FieldErrors } from './field-error';
import { useHydrated } from '@/components/ui/use-hydrated';

interface StageRow {
  /** stable across removals, so a removed row takes its input and focus with it */
  key: number;
  name: string;
}

const STARTING_STAGES: StageRow[] = [0, 1, 2].map((key) => ({ key, name: '' }));

/**
 * A new pipeline: its name and its first stages' names in board order (blank rows are skipped);
 * probability, rotting days and outcome are set on the pipeline's page afterwards, where it opens.
 */
export function NewPipelineForm() {
  const router = useRouter();
  const id = useId();
  const [name, setName] = useState('');
  const [stages, setStages] = useState<StageRow[]>(STARTING_STAGES);
  const [nextKey, setNextKey] = useState(STARTING_STAGES.length);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [pending, setPending] = useState(false);
  const hydrated = useHydrated();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (pending) return;
    // keep the rows' indexes, so an error on stages.N lands by the row it is about
    const filled = stages.map((stage, index) => ({ stage: stage.name, index })).filter(({ stage }) => stage.trim() !== '');
    setPending(true);
    const result = await createPipelineAction({ name, stages: filled.map((f) => f.stage) });
    setPending(false);
    if (result.ok) {
      toast.success(`Pipeline “${name.trim()}” created`);
      router.push(`/settings/pipelines/${result.data.id}`);
      return;
    }
    const mapped: FieldErrors = {};
    for (const [path, messages] of Object.entries(result.fieldErrors)) {
      const match = /^stages\.(\d+)\.name$/.exec(path);
      const row = match ? filled[Number(match[1])]?.index : undefined;
      mapped[row !== undefined ? `stage-${row}` : path] = messages;
    }
    setErrors(mapped);
    if (Object.keys(mapped).length === 0) toast.error(result.message);
  };

  return (
    <form onSubmit={submit} noValidate aria-label="New pipeline" className="space-y-3 rounded-xl border border-slate-200 bg-white p-4 shadow-sm">
      <h2 className="text-sm font-semibold text-slate-900">New pipeline</h2>
      <div>
        <label htmlFor={`${id}-name`} className="mb-0.5 block text-[11px] font-medium text-slate-600">
          Pipeline name
        </label>
        <input
          id={`${id}-name`}
          value={name}
          maxLength={200}
          placeholder="e.g. Renewals"
          onChange={(e) => {
            setName(e.target.value);
            setErrors((x) => withoutField(x, 'name'));
          }}
          className={inputClass}
          {...invalidProps(`${id}-name-error`, errors.name)}
        />
        <FieldError id={`${id}-name-error`} messages={errors.name} />
      </div>
      <fieldset className="space-y-2">
        <legend className="mb-1 text-[11px] font-medium text-slate-600">Stages, in board order</legend>
        {stages.map((stage, index) => (
          <div key={stage.key}>
            <div className="flex items-center gap-1">
              <span aria-hidden="true" className="w-5 text-right text-xs tabular-nums text-slate-500">
                {index + 1}
              </span>
              <label htmlFor={`${id}-stage-${index}`} className="sr-only">
                Stage {index + 1} name
              </label>
              <input
                id={`${id}-stage-${index}`}
                value={stage.name}
                maxLength={200}
                placeholder={['e.g. Qualified', 'e.g. Proposal sent', 'e.g. Negotiation'][index] ?? 'Stage name'}
                onChange={(e) => {
                  setStages(stages.map((row) => (row.key === stage.key ? { ...row, name: e.target.value } : row)));
                  setErrors((x) => withoutField(withoutField(x, `stage-${index}`), 'stages'));
                }}
                className={inputClass}
                {...invalidProps(`${id}-stage-${index}-error`, errors[`stage-${index}`])}
              />
              <Button
                size="icon-sm"
                tone="ghost"
                aria-label={`Remove stage ${index + 1}`}
                disabled={stages.length <= 1}
                onClick={() => {
                  setStages(stages.filter((row) => row.key !== stage.key));
                  setErrors({});
                }}
              >
                <XIcon />
              </Button>
            </div>
            <div className="pl-6">
              <FieldError id={`${id}-stage-${index}-error`} messages={errors[`stage-${index}`]} />
            </div>
          </div>
        ))}
        <FieldError id={`${id}-stages-error`} messages={errors.stages} />
        <Button
          size="sm"
          tone="ghost"
          onClick={() => {
            setStages([...stages, { key: nextKey, name: '' }]);
            setNextKey(nextKey + 1);
          }}
          disabled={stages.length >= 100}
        >
          <PlusIcon />
          Another stage
        </Button>
      </fieldset>
      <FieldError id={`${id}-form-error`} messages={errors._} />
      <Button type="submit" tone="primary" disabled={pending || !hydrated}>
        {pending ? <Spinner /> : null}
        Create pipeline
      </Button>
    </form>
  );
}
