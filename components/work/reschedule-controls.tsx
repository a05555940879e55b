'use client';

import { useId, useState, type FormEvent } from 'react';
import { dateInputValue, dueAtOnDate, shiftedDueAt } from '@/lib/work/work-day';
import { Button, CalendarIcon, inputClass } from '@/components/deal/ui';

// Reschedule in one click ("Tomorrow", "Next week", keeping the time of day) or pick a date. Used
// by the inbox and the deal page's tasks and activities.

export function RescheduleControls({
  title,
  dueAt,
  timeZone,
  disabled,
  onReschedule,
}: {
  title: string;
  dueAt: string | null;
  timeZone: string;
  disabled?: boolean;
  onReschedule: (dueAt: string, label: string) => void;
}) {
  const [picking, setPicking] = useState(false);
  const [date, setDate] = useState('');
  const [error, setError] = useState<string | null>(null);
  const id = useId();
  const shift = (days: number, label: string) => onReschedule(shiftedDueAt(dueAt, days, new Date(), timeZone), label);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const next = dueAtOnDate(dueAt, date, timeZone);
    if (!next) {
      setError('Pick a date');
      return;
    }
    setPicking(false);
    setError(null);
    onReschedule(next, `to ${date}`);
  };
  if (picking) {
    return (
      <form onSubmit={submit} aria-label={`Pick a new date for ${title}`} className="flex flex-wrap items-center gap-1.5">
        <label htmlFor={`${id}-date`} className="sr-only">
          New date for {title}
        </label>
        <input
          id={`${id}-date`}
          type="date"
          value={date}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
          onChange={(e) => setDate(e.target.value)}
          className={`${inputClass} h-7 w-auto py-0 text-xs`}
        />
        <Button type="submit" size="sm" tone="primary" disabled={disabled}>
          Move
        </Button>
        <Button size="sm" tone="ghost" onClick={() => setPicking(false)}>
          Cancel
        </Button>
        {error ? (
          <p id={`${id}-error`} role="alert" className="w-full text-xs text-red-700">
            {error}
          </p>
        ) : null}
      </form>
    );
  }
  return (
    <fieldset className="flex flex-wrap items-center gap-1.5">
      <legend className="sr-only">Reschedule {title}</legend>
      <Button size="sm" disabled={disabled} onClick={() => shift(1, 'to tomorrow')}>
        Tomorrow
      </Button>
      <Button size="sm" disabled={disabled} onClick={() => shift(7, 'to next week')}>
        Next week
      </Button>
      <Button
        size="sm"
        disabled={disabled}
        onClick={() => {
          setDate(dateInputValue(dueAt, timeZone));
          setPicking(true);
        }}
      >
        <CalendarIcon className="h-3.5 w-3.5" />
        Pick date
      </Button>
    </fieldset>
  );
}
