import Link from 'next/link';
import { toPublicId } from '@/lib/ids';
import { formatMoney } from '@/lib/money/format-money';
import type { StageDurationsReport } from '@/lib/services/reports/get-stage-durations-report';
import { DurationsChart } from './charts/durations-chart';
import { daysOf, formatDuration } from './format';
import { Note, Section, Stat, StatGrid, Table, Td, Th } from './report-parts';

export function DurationsView({ report }: { report: StageDurationsReport }) {
  const stage = new Map(report.scope.stages.map((s) => [s.id, s]));
  const name = (id: number) => {
    const s = stage.get(id);
    return s ? (s.deleted ? `${s.name} (deleted)` : s.name) : '?';
  };
  const withStays = report.durations.filter((d) => d.deals > 0);
  const slowest = [...withStays].sort((a, b) => (b.medianSeconds ?? 0) - (a.medianSeconds ?? 0))[0];
  const totalNow = report.durations.reduce((n, d) => n + d.currentDeals, 0);
  const rotting = report.durations.reduce((n, d) => n + d.rotting, 0);
  return (
    <div className="space-y-4">
      <StatGrid>
        <Stat label="Stays measured" value={report.durations.reduce((n, d) => n + d.stays, 0)} detail="that ended in the period" />
        <Stat
          label="Slowest stage"
          value={slowest ? formatDuration(slowest.medianSeconds) : '—'}
          detail={slowest ? `median in ${name(slowest.stageId)}` : 'no stays'}
          tone="amber"
        />
        <Stat label="Open deals now" value={totalNow} detail="in ordinary stages" />
        <Stat label="Stuck now" value={report.stuckTotal} detail="over the 75th percentile or rotting" tone="red" />
        <Stat label="Rotting now" value={rotting} detail="over the stage’s rotting days" tone="red" />
      </StatGrid>

      <Section title="Days in each stage" description="Over the stays that ended in the period; a deal that left a stage and came back adds up both stays.">
        {withStays.length === 0 ? (
          <p className="text-sm text-slate-500">No deal left a stage of this pipeline in the period.</p>
        ) : (
          <DurationsChart
            rows={report.durations.map((d) => ({
              stage: name(d.stageId),
              median: daysOf(d.medianSeconds),
              p75: daysOf(d.p75Seconds),
              mean: daysOf(d.meanSeconds),
            }))}
          />
        )}
      </Section>

      <Section title="Time in stage" description="Median, 75th percentile and mean per deal; “now” counts the open deals sitting in the stage today.">
        <Table
          label="Time in stage"
          headers={['Stage', 'Deals', 'Stays', 'Median', '75th pct', 'Mean', 'Rotting after', 'In stage now', 'Over 75th pct', 'Rotting']}
        >
          {report.durations.map((d) => (
            <tr key={d.stageId}>
              <Th>{name(d.stageId)}</Th>
              <Td>{d.deals}</Td>
              <Td>{d.stays}</Td>
              <Td className="font-semibold">{formatDuration(d.medianSeconds)}</Td>
              <Td>{formatDuration(d.p75Seconds)}</Td>
              <Td>{formatDuration(d.meanSeconds)}</Td>
              <Td>{stage.get(d.stageId)?.rottingDays ? `${stage.get(d.stageId)!.rottingDays} d` : '—'}</Td>
              <Td>{d.currentDeals}</Td>
              <Td className={d.overP75 > 0 ? 'text-amber-700' : ''}>{d.overP75}</Td>
              <Td className={d.rotting > 0 ? 'text-rose-700' : ''}>{d.rotting}</Td>
            </tr>
          ))}
        </Table>
      </Section>

      <Section
        title="Deals stuck now"
        description={`Open deals in a stage for longer than its 75th percentile or its rotting days, longest first${report.stuckTotal > report.stuckDeals.length ? ` (the ${report.stuckDeals.length} longest of ${report.stuckTotal})` : ''}.`}
      >
        {report.stuckDeals.length === 0 ? (
          <p className="text-sm text-slate-500">No deal is sitting in a stage for too long.</p>
        ) : (
          <Table label="Deals stuck now" headers={['Deal', 'Stage', 'Owner', 'Days in stage', 'Why', 'Value']} left={[1, 2, 4]}>
            {report.stuckDeals.map((d) => {
              const st = stage.get(d.stageId);
              const p75 = report.durations.find((x) => x.stageId === d.stageId)?.p75Seconds ?? null;
              const why = [d.overP75 ? `> 75th pct (${formatDuration(p75)})` : null, d.rotting ? `rotting (> ${st?.rottingDays} d)` : null]
                .filter(Boolean)
                .join(' · ');
              return (
                <tr key={d.id}>
                  <Th>
                    <Link
                      href={`/deals/${toPublicId('deal', d.id)}`}
                      title={d.name}
                      className="line-clamp-2 max-w-80 wrap-anywhere text-indigo-700 hover:underline"
                    >
                      {d.name}
                    </Link>
                    {d.status === 'stalled' ? <span className="ml-2 rounded bg-slate-100 px-1.5 text-xs text-slate-600">stalled</span> : null}
                  </Th>
                  <Td first>{name(d.stageId)}</Td>
                  <Td first>{d.ownerName ?? '—'}</Td>
                  <Td className="font-semibold">{(d.secondsInStage / 86_400).toFixed(0)}</Td>
                  <Td first className="text-xs text-slate-600">
                    {why}
                  </Td>
                  <Td>{formatMoney(d.value, d.currency)}</Td>
                </tr>
              );
            })}
          </Table>
        )}
        <div className="mt-3">
          <Note>Won and lost stages are not measured. Deleted deals’ past stays still count; deleted deals are never “stuck”.</Note>
        </div>
      </Section>
    </div>
  );
}
