import type { MovementCell, MovementReport } from '@/lib/services/reports/get-movement-report';
import { MovementChart, type MovementChartRow } from './charts/movement-chart';
import { formatMoney } from '@/lib/money/format-money';
import { type ConvertedMoney, emptyConvertedMoney } from '@/lib/reports/converted-money';
import { ConversionNote, convertedSummary } from './converted-money';
import { Note, Section, Stat, StatGrid } from './report-parts';

const DIRECTION_LABEL: Record<string, string> = {
  new: 'New',
  forward: 'Forward',
  backward: 'Back',
  won: 'Won',
  lost: 'Lost',
  reopened: 'Reopened',
  transfer_in: 'In from another pipeline',
  transfer_out: 'Out to another pipeline',
};

interface Axis {
  key: string;
  label: string;
  note?: string;
}

export function MovementView({ report, home, showBreakdown }: { report: MovementReport; home: string; showBreakdown: boolean }) {
  const none = { count: 0, value: {}, converted: emptyConvertedMoney(report.currency) };
  const summary = (direction: string) => {
    const t = report.totals.find((x) => x.direction === direction);
    return t ? convertedSummary(t.converted, t.value) : '—';
  };
  const total = Object.fromEntries(report.totals.map((t) => [t.direction, t]));
  const pipelineName = new Map(report.otherPipelines.map((p) => [p.id, p.name]));
  const stageName = new Map(report.scope.stages.map((s) => [s.id, s.deleted ? `${s.name} (deleted)` : s.name]));
  const stageOutcome = new Map(report.scope.stages.map((s) => [s.id, s.outcome]));

  const rowKey = (c: MovementCell) => (c.fromStageId !== null ? `s${c.fromStageId}` : c.fromPipelineId !== null ? `p${c.fromPipelineId}` : 'new');
  const colKey = (c: MovementCell) => (c.toStageId !== null ? `s${c.toStageId}` : c.toPipelineId !== null ? `p${c.toPipelineId}` : `status-${c.direction}`);
  const rows: Axis[] = [
    { key: 'new', label: 'New deals' },
    ...report.stages.map((s) => ({ key: `s${s.id}`, label: stageName.get(s.id)! })),
    ...[...new Set(report.cells.filter((c) => c.fromPipelineId !== null).map((c) => c.fromPipelineId!))].map((id) => ({
      key: `p${id}`,
      label: `From ${pipelineName.get(id) ?? 'another pipeline'}`,
    })),
  ];
  const columns: Axis[] = [
    ...report.stages.map((s) => ({ key: `s${s.id}`, label: stageName.get(s.id)! })),
    ...[...new Set(report.cells.filter((c) => c.toPipelineId !== null).map((c) => c.toPipelineId!))].map((id) => ({
      key: `p${id}`,
      label: `To ${pipelineName.get(id) ?? 'another pipeline'}`,
    })),
    ...(['won', 'lost'] as const)
      .filter((d) => report.cells.some((c) => c.toStageId === null && c.toPipelineId === null && c.direction === d))
      .map((d) => ({ key: `status-${d}`, label: d === 'won' ? 'Won (status only)' : 'Lost (status only)', note: 'closed without an outcome stage' })),
  ];
  const cellAt = new Map(report.cells.map((c) => [`${rowKey(c)}>${colKey(c)}`, c]));
  const max = Math.max(1, ...report.cells.map((c) => c.count));
  const rowTotal = new Map(
    report.rowTotals.map((t) => [t.fromStageId !== null ? `s${t.fromStageId}` : t.fromPipelineId !== null ? `p${t.fromPipelineId}` : 'new', t]),
  );
  const columnTotal = new Map(
    report.columnTotals.map((t) => [t.toStageId !== null ? `s${t.toStageId}` : t.toPipelineId !== null ? `p${t.toPipelineId}` : `status-${t.statusClose}`, t]),
  );

  const chartRows: MovementChartRow[] = report.stages.map((s) => {
    const count = (d: string) => report.arrivals.find((a) => a.toStageId === s.id && a.direction === d)?.count ?? 0;
    return {
      stage: stageName.get(s.id)!,
      new: count('new'),
      forward: count('forward'),
      backward: count('backward'),
      reopened: count('reopened'),
      transfer: count('transfer_in'),
      won: stageOutcome.get(s.id) === 'won' ? count('won') : 0,
      lost: stageOutcome.get(s.id) === 'lost' ? count('lost') : 0,
    };
  });

  return (
    <div className="space-y-4">
      <StatGrid>
        <Stat label="New deals" value={total.new?.count ?? 0} detail={summary('new')} tone="indigo" />
        <Stat label="Moved forward" value={total.forward?.count ?? 0} detail={summary('forward')} tone="green" />
        <Stat label="Moved back" value={total.backward?.count ?? 0} detail={summary('backward')} tone="amber" />
        <Stat label="Won" value={total.won?.count ?? 0} detail={summary('won')} tone="green" />
        <Stat label="Lost" value={total.lost?.count ?? 0} detail={summary('lost')} tone="red" />
        <Stat
          label="Other moves"
          value={(total.reopened?.count ?? 0) + (total.transfer_in?.count ?? 0) + (total.transfer_out?.count ?? 0)}
          detail={`${total.reopened?.count ?? 0} reopened · ${total.transfer_in?.count ?? 0} in · ${total.transfer_out?.count ?? 0} out`}
        />
      </StatGrid>

      <Section title="Moves into each stage" description="How deals arrived in each stage during the period.">
        {report.cells.length === 0 ? <p className="text-sm text-slate-500">No deal moved in this period.</p> : <MovementChart rows={chartRows} />}
      </Section>

      <Section
        title="From × to"
        description="Each cell: moves from the row's stage to the column's stage in the period, and the deals' values at the moment of the move. Shading follows the count."
      >
        {/* phones: the same cells as a list, row by row (a matrix needs more width than a phone has) */}
        <ul className="space-y-3 sm:hidden" aria-label="Stage movement by origin">
          {rows.map((r) => {
            const out = columns.map((c) => ({ column: c, cell: cellAt.get(`${r.key}>${c.key}`) })).filter((x) => x.cell !== undefined);
            if (out.length === 0) return null;
            return (
              <li key={r.key}>
                <div className="text-sm font-medium text-slate-800">{r.label}</div>
                <ul className="mt-1 divide-y divide-slate-100 rounded-md border border-slate-200">
                  {out.map(({ column, cell }) => (
                    <li
                      key={column.key}
                      className="flex items-start justify-between gap-2 px-2 py-1.5 text-sm"
                      style={{ backgroundColor: heat(cell!.count / max, cell!.direction) }}
                    >
                      <span className="min-w-0 text-slate-700">→ {column.label}</span>
                      <span className="shrink-0 text-right tabular-nums">
                        <span className="font-semibold">{cell!.count}</span>
                        <MoneyStack money={cell!.value} converted={cell!.converted} showBreakdown={showBreakdown} className="text-slate-600" />
                      </span>
                    </li>
                  ))}
                </ul>
              </li>
            );
          })}
        </ul>
        <div className="-mx-3 hidden overflow-x-auto px-3 sm:-mx-4 sm:block sm:px-4">
          <table aria-label="Stage movement matrix" className="w-full min-w-max border-collapse text-sm">
            <thead>
              <tr className="text-xs text-slate-500">
                <th scope="col" className="sticky left-0 z-10 bg-white px-2 py-2 text-left font-medium">
                  From ↓ / To →
                </th>
                {columns.map((c) => (
                  <th key={c.key} scope="col" title={c.note} className="w-24 px-2 py-2 text-right align-bottom font-medium">
                    {c.label}
                  </th>
                ))}
                <th scope="col" className="px-2 py-2 text-right font-medium text-slate-700">
                  Total out
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {rows.map((r) => {
                const out = rowTotal.get(r.key) ?? none;
                return (
                  <tr key={r.key}>
                    <th scope="row" className="sticky left-0 z-10 bg-white px-2 py-1.5 text-left font-medium text-slate-800">
                      {r.label}
                    </th>
                    {columns.map((c) => {
                      const cell = cellAt.get(`${r.key}>${c.key}`);
                      if (r.key === c.key) {
                        return (
                          <td key={c.key} className="bg-slate-50 px-2 py-1.5 text-center text-slate-300" aria-label="same stage">
                            ·
                          </td>
                        );
                      }
                      return (
                        <td
                          key={c.key}
                          className="px-2 py-1.5 text-right tabular-nums"
                          style={cell ? { backgroundColor: heat(cell.count / max, cell.direction) } : undefined}
                        >
                          {cell ? (
                            <span title={DIRECTION_LABEL[cell.direction]}>
                              <span className="font-semibold text-slate-900">{cell.count}</span>
                              <MoneyStack money={cell.value} converted={cell.converted} showBreakdown={showBreakdown} className="text-slate-600" />
                            </span>
                          ) : (
                            <span className="text-slate-300">–</span>
                          )}
                        </td>
                      );
                    })}
                    <td className="px-2 py-1.5 text-right tabular-nums">
                      <span className="font-semibold">{out.count}</span>
                      <MoneyStack money={out.value} converted={out.converted} showBreakdown={showBreakdown} />
                    </td>
                  </tr>
                );
              })}
            </tbody>
            <tfoot className="border-t-2 border-slate-200">
              <tr>
                <th scope="row" className="sticky left-0 z-10 bg-white px-2 py-1.5 text-left font-medium text-slate-700">
                  Total in
                </th>
                {columns.map((c) => {
                  const into = columnTotal.get(c.key) ?? none;
                  return (
                    <td key={c.key} className="px-2 py-1.5 text-right tabular-nums">
                      <span className="font-semibold">{into.count}</span>
                      <MoneyStack money={into.value} converted={into.converted} showBreakdown={showBreakdown} />
                    </td>
                  );
                })}
                <td />
              </tr>
            </tfoot>
          </table>
        </div>
        <div className="mt-3 space-y-2">
          <ConversionNote
            currency={report.currency}
            home={home}
            rates={report.ratesUsed}
            basis="on each move’s date"
            unconverted={report.totals.map((t) => t.converted)}
          />
          <Note>
            Forward and back follow the stages’ board order. Values are the history’s snapshots: the deal’s value when it moved. A deal that made the same move
            twice counts twice. Deleted deals are included, so a past period never changes.
          </Note>
        </div>
      </Section>
    </div>
  );
}

/**
 * The converted value, money without a rate marked apart, and (when shown) one line per currency,
 * so matrix columns stay narrow; the per-currency amounts are also the hover title.
 */
function MoneyStack({
  money,
  converted,
  showBreakdown,
  className = 'text-slate-500',
}: {
  money: Record<string, bigint>;
  converted: ConvertedMoney;
  showBreakdown: boolean;
  className?: string;
}) {
  const entries = Object.entries(money);
  if (entries.length === 0) return null;
  const perCurrency = entries.map(([currency, value]) => formatMoney(value, currency, { compact: true }));
  return (
    <span className={`block text-xs leading-tight ${className}`} title={perCurrency.join(' + ')}>
      <span className="block">{formatMoney(converted.value, converted.currency, { compact: true })}</span>
      {converted.unconverted.map((u) => (
        <span key={u.currency} className="block text-amber-800" title={u.reason}>
          + {formatMoney(u.value, u.currency, { compact: true })}
          <span className="sr-only"> not converted: {u.reason}</span>
        </span>
      ))}
      {showBreakdown
        ? entries.map(([currency, value]) => (
            <span key={currency} className="block text-slate-500">
              {formatMoney(value, currency, { compact: true })}
            </span>
          ))
        : null}
    </span>
  );
}

function heat(share: number, direction: string): string {
  const alpha = 0.08 + share * 0.42;
  if (direction === 'won') return `rgba(4, 120, 87, ${alpha})`;
  if (direction === 'lost') return `rgba(225, 29, 72, ${alpha})`;
  if (direction === 'backward') return `rgba(245, 158, 11, ${alpha})`;
  if (direction === 'forward') return `rgba(16, 185, 129, ${alpha})`;
  return `rgba(99, 102, 241, ${alpha})`;
}
