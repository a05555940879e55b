'use client';

import { useId } from 'react';
import { inputClass } from '@/components/deal/ui';
import { FieldError, invalidProps, type FieldErrors } from './field-error';

/** A stage as the settings page shows it (public IDs; deal count for the delete dialog). */
export interface SettingsStage {
  id: string;
  name: string;
  probability: number;
  rottingDays: number | null;
  outcome: 'won' | 'lost' | null;
  dealCount: number;
}

/** The form's text for a stage: what the inputs hold, sent as is (the server parses it). */
export type StageValues = { name: string; probability: string; rotting_days: string; outcome: string };

export function stageValuesOf(stage: SettingsStage): StageValues {
  return {
    name: stage.name,
    probability: String(stage.probability),
    rotting_days: stage.rottingDays === null ? '' : String(stage.rottingDays),
    outcome: stage.outcome ?? 'none',
  };
}

export const EMPTY_STAGE: StageValues = { name: '', probability: '', rotting_days: '', outcome: 'none' };

const labelClass = 'mb-0.5 block text-[11px] font-medium text-slate-600';

/** Name, probability, rotting days and outcome of a stage, each with its error under it. */
export function StageFields({
  values,
  errors,
  onChange,
  nameLabel = 'Stage name',
}: {
  values: StageValues;
  errors: FieldErrors;
  onChange: (field: keyof StageValues, value: string) => void;
  nameLabel?: string;
}) {
  const id = useId();
  const field = (name: keyof StageValues) => ({ inputId: `${id}-${name}`, errorId: `${id}-${name}-error`, messages: errors[name] });
  const name = field('name');
  const probability = field('probability');
  const rotting = field('rotting_days');
  const outcome = field('outcome');
  return (
    <div className="grid min-w-0 flex-1 grid-cols-2 gap-2 sm:grid-cols-[minmax(9rem,1fr)_6.5rem_7rem_8.5rem]">
      <div className="col-span-2 min-w-0 sm:col-span-1">
        <label htmlFor={name.inputId} className={labelClass}>
          {nameLabel}
        </label>
        <input
          id={name.inputId}
          value={values.name}
          maxLength={200}
          onChange={(e) => onChange('name', e.target.value)}
          className={inputClass}
          {...invalidProps(name.errorId, name.messages)}
        />
        <FieldError id={name.errorId} messages={name.messages} />
      </div>
      <div className="min-w-0">
        <label htmlFor={probability.inputId} className={labelClass}>
          Probability (%)
        </label>
        <input
          id={probability.inputId}
          inputMode="numeric"
          value={values.probability}
          placeholder={values.outcome === 'won' ? '100' : '0'}
          onChange={(e) => onChange('probability', e.target.value)}
          className={`${inputClass} tabular-nums`}
          {...invalidProps(probability.errorId, probability.messages)}
        />
        <FieldError id={probability.errorId} messages={probability.messages} />
      </div>
      <div className="min-w-0">
        <label htmlFor={rotting.inputId} className={labelClass}>
          Rotting (days)
        </label>
        <input
          id={rotting.inputId}
          inputMode="numeric"
          value={values.rotting_days}
          placeholder="Never"
          onChange={(e) => onChange('rotting_days', e.target.value)}
          className={`${inputClass} tabular-nums`}
          {...invalidProps(rotting.errorId, rotting.messages)}
        />
        <FieldError id={rotting.errorId} messages={rotting.messages} />
      </div>
      <div className="col-span-2 min-w-0 sm:col-span-1">
        <label htmlFor={outcome.inputId} className={labelClass}>
          Outcome
        </label>
        <select
          id={outcome.inputId}
          value={values.outcome}
          onChange={(e) => onChange('outcome', e.target.value)}
          className={inputClass}
          {...invalidProps(outcome.errorId, outcome.messages)}
        >
          <option value="none">None (open)</option>
          <option value="won">Won</option>
          <option value="lost">Lost</option>
        </select>
        <FieldError id={outcome.errorId} messages={outcome.messages} />
      </div>
    </div>
  );
}
