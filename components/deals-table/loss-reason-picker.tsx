'use client';

import { useId } from 'react';
import type { DealsTableOptions } from './types';

const OTHER = '__other__';

export interface LossReasonChoice {
  choice: string;
  other: string;
}

export const NO_REASON: LossReasonChoice = { choice: '', other: '' };

/** The reason chosen (or typed), null when none. */
export function reasonOf(value: LossReasonChoice): string | null {
  const reason = value.choice === OTHER ? value.other.trim() : value.choice;
  return reason === '' ? null : reason;
}

/** Whether the workspace wants a reason for a lost deal (the same rule the services apply). */
export function reasonRequired(policy: DealsTableOptions['lostReasonPolicy']): boolean {
  return policy.allowFreeText || policy.activeLabels.length > 0;
}

/**
 * Why the deals were lost: one of the workspace's active lost reasons, or (only when the workspace
 * allows free text) a reason typed in. Its error shows under it.
 */
export function LossReasonPicker({
  policy,
  value,
  error,
  onChange,
}: {
  policy: DealsTableOptions['lostReasonPolicy'];
  value: LossReasonChoice;
  error: string | null;
  onChange: (value: LossReasonChoice) => void;
}) {
  const id = useId();
  if (!reasonRequired(policy)) return <p className="text-slate-500">No lost reasons are set up; the deals are marked lost without one.</p>;
  return (
    <fieldset aria-describedby={error ? `${id}-error` : undefined}>
      <legend className="mb-1 font-medium text-slate-800">Why were they lost?</legend>
      <div className="max-h-[min(20rem,50vh)] space-y-0.5 overflow-y-auto">
        {policy.activeLabels.map((label) => (
          <label key={label} className="flex cursor-pointer items-center gap-2 rounded-md px-2 py-1.5 hover:bg-slate-50">
            <input
              type="radio"
              name={`${id}-reason`}
              value={label}
              checked={value.choice === label}
              onChange={() => onChange({ ...value, choice: label })}
              className="accent-rose-600"
            />
            {label}
          </label>
        ))}
        {policy.allowFreeText ? (
          <label className="flex cursor-pointer items-center gap-2 rounded-md px-2 py-1.5 hover:bg-slate-50">
            <input
              type="radio"
              name={`${id}-reason`}
              value={OTHER}
              checked={value.choice === OTHER}
              onChange={() => onChange({ ...value, choice: OTHER })}
              className="accent-rose-600"
            />
            {policy.activeLabels.length > 0 ? 'Another reason' : 'Reason'}
          </label>
        ) : null}
      </div>
      {policy.allowFreeText && value.choice === OTHER ? (
        <div className="mt-2">
          <label htmlFor={`${id}-other`} className="sr-only">
            Lost reason
          </label>
          <input
            id={`${id}-other`}
            autoFocus
            maxLength={500}
            value={value.other}
            onChange={(e) => onChange({ ...value, other: e.target.value })}
            placeholder="What happened?"
            className="w-full rounded-md border border-slate-300 px-3 py-1.5 text-sm focus:border-rose-500 focus:outline-none focus:ring-1 focus:ring-rose-500"
          />
        </div>
      ) : null}
      {error ? (
        <p id={`${id}-error`} className="mt-1 text-sm text-red-600">
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}
