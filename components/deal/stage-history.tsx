'use client';

import type { DealWorkspaceData, HistoryEntry } from './types';
import { formatDateTime, formatDuration, useTimeZone } from './format';
import { Card, EmptyState, HistoryIcon } from './ui';

// The deal's way through the pipeline: a bar of the time spent in each stage (each visit a segment
// as wide as its share of the time, coloured by stage, with a tooltip and a legend of totals per
// stage), and the timeline of every move: from → to, who, when, through which door, why, and how
// long the deal then stayed.

const PALETTE = ['bg-sky-400', 'bg-indigo-400', 'bg-violet-400', 'bg-amber-400', 'bg-teal-400', 'bg-pink-400', 'bg-lime-500', 'bg-orange-400', 'bg-cyan-500'];
const WON = 'bg-emerald-500';
const LOST = 'bg-rose-500';
const UNKNOWN = 'bg-slate-400';

const SOURCE_LABEL: Record<HistoryEntry['source'], string> = { ui: 'in the app', api: 'through the API', import: 'by an import' };

export function stageColors(pipelines: DealWorkspaceData['pipelines']): Map<string, string> {
  const colors = new Map<string, string>();
  for (const pipeline of pipelines) {
    let open = 0;
    for (const stage of pipeline.stages) {
      colors.set(stage.id, stage.outcome === 'won' ? WON : stage.outcome === 'lost' ? LOST : PALETTE[open++ % PALETTE.length]!);
    }
  }
  return colors;
}

interface Visit {
  key: string;
  stageId: string;
  name: string;
  outcome: 'won' | 'lost' | null;
  start: number;
  end: number;
  current: boolean;
}

function visitsOf(history: HistoryEntry[], now: number): Visit[] {
  return history.map((row, i) => {
    const next = history[i + 1];
    return {
      key: row.id,
      stageId: row.to.id,
      name: row.to.name,
      outcome: row.to.outcome,
      start: Date.parse(row.changedAt),
      end: next ? Date.parse(next.changedAt) : now,
      current: next === undefined,
    };
  });
}

export function StageHistory({ data }: { data: DealWorkspaceData }) {
  const timeZone = useTimeZone();
  const now = Date.parse(data.renderedAt);
  const colors = stageColors(data.pipelines);
  const visits = visitsOf(data.history, now);
  const colorOf = (stageId: string, outcome: Visit['outcome']) => colors.get(stageId) ?? (outcome === 'won' ? WON : outcome === 'lost' ? LOST : UNKNOWN);

  // a closed deal's final won/lost stage is where it ends, not time it spends: a cap, not a segment
  const last = visits[visits.length - 1];
  const capped = last?.current && last.outcome !== null ? last : null;
  const segments = capped ? visits.slice(0, -1) : visits;
  const total = segments.reduce((sum, v) => sum + Math.max(0, v.end - v.start), 0);

  const totals = new Map<string, { name: string; stageId: string; outcome: Visit['outcome']; ms: number }>();
  for (const v of segments) {
    const entry = totals.get(v.stageId) ?? { name: v.name, stageId: v.stageId, outcome: v.outcome, ms: 0 };
    entry.ms += Math.max(0, v.end - v.start);
    totals.set(v.stageId, entry);
  }

  return (
    <Card
      label="Stage history"
      title={
        <span className="inline-flex items-center gap-1.5">
          <HistoryIcon className="h-4 w-4 text-slate-500" />
          Stage history
        </span>
      }
    >
      {visits.length === 0 ? (
        <EmptyState title="No stage history yet">Moves between stages appear here.</EmptyState>
      ) : (
        <>
          <div className="mb-1 flex items-baseline justify-between text-xs text-slate-500">
            <span>Time in each stage</span>
            <span>{formatDuration(total)} in the pipeline</span>
          </div>
          <div className="flex items-stretch gap-1">
            <ol aria-label="Time in each stage" className="flex h-7 min-w-0 flex-1 overflow-hidden rounded-md bg-slate-100">
              {segments.map((v) => {
                const ms = Math.max(0, v.end - v.start);
                const share = total > 0 ? ms / total : 1 / segments.length;
                const text = `${v.name}: ${formatDuration(ms)}${v.current ? ' (current)' : ''} — ${formatDateTime(new Date(v.start).toISOString(), timeZone)} to ${v.current ? 'now' : formatDateTime(new Date(v.end).toISOString(), timeZone)}`;
                return (
                  <li
                    key={v.key}
                    title={text}
                    data-testid="stage-bar-segment"
                    style={{ flexGrow: Math.max(share, 0.0001), flexBasis: 0, minWidth: 4 }}
                    className={`${colorOf(v.stageId, v.outcome)} relative flex items-center overflow-hidden border-r border-white/70 px-1.5 text-[11px] font-medium text-white last:border-r-0`}
                  >
                    <span className="sr-only">{text}</span>
                    {v.current ? <span aria-hidden="true" className="absolute top-0 right-0 h-full w-1 animate-pulse bg-white/80" /> : null}
                    {share >= 0.14 ? (
                      <span aria-hidden="true" className="truncate drop-shadow-sm">
                        {v.name} · {formatDuration(ms)}
                      </span>
                    ) : null}
                  </li>
                );
              })}
            </ol>
            {capped ? (
              <span
                title={`${capped.outcome === 'won' ? 'Won' : 'Lost'} ${formatDateTime(new Date(capped.start).toISOString(), timeZone)}`}
                className={`flex shrink-0 items-center rounded-md px-2 text-[11px] font-semibold text-white ${colorOf(capped.stageId, capped.outcome)}`}
              >
                {capped.name}
              </span>
            ) : null}
          </div>
          <ul aria-label="Legend" className="mt-2 flex flex-wrap gap-x-4 gap-y-1 text-xs text-slate-600">
            {[...totals.values()].map((t) => (
              <li key={t.stageId} className="inline-flex items-center gap-1.5">
                <span aria-hidden="true" className={`h-2.5 w-2.5 rounded-sm ${colorOf(t.stageId, t.outcome)}`} />
                {t.name} <span className="tabular-nums text-slate-500">{formatDuration(t.ms)}</span>
              </li>
            ))}
          </ul>

          <ol className="mt-4 space-y-0">
            {data.history.map((row, i) => {
              const visit = visits[i]!;
              const stay = visit.end - visit.start;
              return (
                <li key={row.id} data-testid="history-row" className="relative flex gap-3 pb-3 pl-1 text-sm last:pb-0">
                  {i < data.history.length - 1 ? <span aria-hidden="true" className="absolute top-4 bottom-0 left-[0.6rem] w-px bg-slate-200" /> : null}
                  <span aria-hidden="true" className={`relative mt-1 h-3 w-3 shrink-0 rounded-full ring-2 ring-white ${colorOf(row.to.id, row.to.outcome)}`} />
                  <div className="min-w-0 flex-1">
                    <div className="flex flex-wrap items-baseline gap-x-2">
                      <span className="text-slate-900">
                        {row.from ? (
                          <>
                            {row.from.name} <span className="text-slate-500">→</span> <strong className="font-semibold">{row.to.name}</strong>
                          </>
                        ) : (
                          <>
                            Created in <strong className="font-semibold">{row.to.name}</strong>
                          </>
                        )}
                      </span>
                      <span className="ml-auto shrink-0 text-xs tabular-nums text-slate-500" title={`Time spent in ${row.to.name}`}>
                        {visit.current ? (visit.outcome ? 'closed' : `${formatDuration(stay)} so far`) : `${formatDuration(stay)} in ${row.to.name}`}
                      </span>
                    </div>
                    <p className="text-xs text-slate-500">
                      <time dateTime={row.changedAt}>{formatDateTime(row.changedAt, timeZone)}</time> · {row.changedBy ?? 'Unknown user'} ·{' '}
                      {SOURCE_LABEL[row.source]}
                    </p>
                    {row.reason ? <p className="mt-0.5 text-xs text-slate-700 italic">“{row.reason}”</p> : null}
                  </div>
                </li>
              );
            })}
          </ol>
        </>
      )}
    </Card>
  );
}
