'use client';

import { useState, useTransition } from 'react';
import { toast } from 'sonner';
import { loadMoreDealChangesAction } from '@/lib/actions/deal-changes';
import { CHANNEL_LABELS, describeActor, describeChange, type ChangeNames } from '@/lib/change-record/describe-change';
import type { PublicChangeEvent } from '@/lib/change-record/present-change-event';
import { formatDateTime, formatRelative, useTimeZone } from './format';
import type { DealChangesPage, DealWorkspaceData } from './types';
import { Button, Card, EmptyState, HistoryIcon, Spinner } from './ui';
import { ExportCsvLink } from '@/components/ui/export-csv-link';

// The deal's Changes timeline, beside its stage history: every change to the deal and its links,
// line items, activities and tasks, newest first — who, when, through which door, and what changed
// from what to what, in words (lib/change-record/describe-change.ts). "Show more" reads the next
// page; a write on the page re-renders it from the top (the workspace keys it by the newest event).

const CHANNEL_BADGE: Record<string, string> = {
  ui: 'bg-blue-50 text-blue-800 ring-blue-200',
  api: 'bg-violet-50 text-violet-800 ring-violet-200',
  import: 'bg-amber-50 text-amber-800 ring-amber-200',
  cli: 'bg-slate-100 text-slate-700 ring-slate-300',
  system: 'bg-slate-100 text-slate-600 ring-slate-200',
};

export function ChannelBadge({ channel }: { channel: string }) {
  return (
    <span
      data-testid="change-channel"
      title={`Made through: ${CHANNEL_LABELS[channel] ?? channel}`}
      className={`inline-flex shrink-0 items-center rounded px-1.5 py-px text-[10px] font-semibold tracking-wide uppercase ring-1 ring-inset ${CHANNEL_BADGE[channel] ?? CHANNEL_BADGE.system}`}
    >
      {CHANNEL_LABELS[channel] ?? channel}
    </span>
  );
}

export function ChangesTimeline({ data }: { data: DealWorkspaceData }) {
  const timeZone = useTimeZone();
  const now = Date.parse(data.renderedAt);
  const [pages, setPages] = useState<DealChangesPage[]>([data.changes]);
  const [loading, startLoading] = useTransition();
  const customFieldLabels = Object.fromEntries(data.customFieldDefinitions.map((d) => [d.key, d.label]));
  const nextCursor = pages.at(-1)!.nextCursor;

  const showMore = () => {
    if (!nextCursor) return;
    startLoading(async () => {
      const result = await loadMoreDealChangesAction(data.deal.id, nextCursor);
      if (result.ok) setPages((current) => [...current, result.data]);
      else toast.error(result.message);
    });
  };

  const entries = pages.flatMap((page) => page.events.map((event) => ({ event, names: page.names })));

  return (
    <Card
      label="Changes"
      actions={<ExportCsvLink href={`/deals/${data.deal.id}/changes/export`} />}
      title={
        <span className="inline-flex items-center gap-1.5">
          <HistoryIcon className="h-4 w-4 text-slate-500" />
          Changes
        </span>
      }
    >
      {entries.length === 0 ? (
        <EmptyState title="No changes recorded yet">Every change to this deal appears here, with who made it.</EmptyState>
      ) : (
        <>
          <ol aria-label="Changes" className="space-y-0">
            {entries.map(({ event, names }, i) => (
              <ChangeEntry
                key={event.id}
                event={event}
                names={names}
                last={i === entries.length - 1}
                now={now}
                timeZone={timeZone}
                customFieldLabels={customFieldLabels}
              />
            ))}
          </ol>
          {nextCursor ? (
            <div className="mt-3 flex justify-center">
              <Button size="sm" onClick={showMore} disabled={loading}>
                {loading ? <Spinner /> : null} Show more
              </Button>
            </div>
          ) : null}
        </>
      )}
    </Card>
  );
}

function ChangeEntry({
  event,
  names,
  last,
  now,
  timeZone,
  customFieldLabels,
}: {
  event: PublicChangeEvent;
  names: ChangeNames;
  last: boolean;
  now: number;
  timeZone: string;
  customFieldLabels: Record<string, string>;
}) {
  const described = describeChange(event, { names, timeZone, customFieldLabels });
  return (
    <li data-testid="change-entry" data-type={event.type} className="relative flex gap-3 pb-3 pl-1 text-sm last:pb-0">
      {last ? null : <span aria-hidden="true" className="absolute top-4 bottom-0 left-[0.6rem] w-px bg-slate-200" />}
      <span aria-hidden="true" className="relative mt-1.5 h-2.5 w-2.5 shrink-0 rounded-full bg-slate-300 ring-2 ring-white" />
      <div className="min-w-0 flex-1">
        <div className="flex items-start gap-2">
          <p data-testid="change-summary" className="min-w-0 flex-1 text-slate-900">
            {described.summary}
          </p>
          <ChannelBadge channel={event.actor.channel} />
        </div>
        {described.lines.length > 0 ? (
          <ul className="mt-0.5 space-y-0.5 text-xs text-slate-700">
            {described.lines.map((line) => (
              <li key={line.field} data-testid="change-line" className="break-words">
                <span className="text-slate-500">{line.label}:</span> <span className="text-slate-600">{line.from}</span>{' '}
                <span className="text-slate-500">→</span> <span className="font-medium text-slate-900">{line.to}</span>
              </li>
            ))}
          </ul>
        ) : null}
        <p className="mt-0.5 text-xs text-slate-500">
          <span data-testid="change-actor">{describeActor(event, names)}</span> ·{' '}
          <time dateTime={event.occurred_at} title={formatDateTime(event.occurred_at, timeZone)}>
            {formatRelative(event.occurred_at, now, timeZone)}
          </time>
        </p>
      </div>
    </li>
  );
}
