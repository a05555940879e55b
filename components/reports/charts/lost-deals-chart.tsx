'use client';

import { Bar, BarChart, CartesianGrid, Legend, Tooltip, XAxis, YAxis } from 'recharts';
import { AXIS_LABEL, AXIS_TICK, bandHeight, categoryAxis, ChartFigure, legendText, seriesOrder } from './chart-kit';

export interface LostReasonBar {
  reason: string;
  count: number;
}

const BAR = 18;
// one colour per reason, in the order of the reasons (most lost first); the last is "other reasons"
export const REASON_COLORS = ['#e11d48', '#f97316', '#f59e0b', '#8b5cf6', '#6366f1', '#0ea5e9', '#94a3b8'];
const deals = (value: unknown) => (typeof value === 'number' ? `${value} ${value === 1 ? 'deal' : 'deals'}` : '—');

/** Deals lost per reason, most first. */
export function LostReasonsChart({ rows }: { rows: LostReasonBar[] }) {
  return (
    <ChartFigure caption="Deals lost in the period by reason.">
      {(narrow) => (
        <BarChart
          responsive
          layout="vertical"
          data={rows}
          style={{ width: '100%', height: bandHeight(rows.length, 36, 60, narrow) }}
          margin={{ top: 4, right: 12, bottom: 24, left: narrow ? 0 : 4 }}
          title="Lost deals by reason"
          desc="One horizontal bar per loss reason: the number of deals lost for it in the period."
        >
          <CartesianGrid horizontal={false} stroke="#e2e8f0" />
          <XAxis type="number" allowDecimals={false} tick={AXIS_TICK} label={{ value: 'Deals lost', position: 'insideBottom', offset: -14, ...AXIS_LABEL }} />
          <YAxis type="category" dataKey="reason" {...categoryAxis(narrow, { barsHeight: BAR, maxChars: 16 })} />
          <Tooltip cursor={{ fill: '#f1f5f9' }} formatter={deals} />
          <Bar dataKey="count" name="Deals lost" fill="#e11d48" maxBarSize={BAR} />
        </BarChart>
      )}
    </ChartFigure>
  );
}

export interface LostMonthBar {
  month: string;
  /** deals per reason series key (r0, r1, …) */
  [series: string]: string | number;
}

/** Deals lost per month, stacked by reason (the main reasons, the rest as "Other reasons"). */
export function LostMonthsChart({ rows, series }: { rows: LostMonthBar[]; series: { key: string; name: string }[] }) {
  const keys = series.map((s) => s.key);
  return (
    <ChartFigure caption="Deals lost each month, by reason.">
      {() => (
        <BarChart
          responsive
          data={rows}
          style={{ width: '100%', height: 280 }}
          margin={{ top: 4, right: 12, bottom: 4, left: 0 }}
          title="Lost deals by month"
          desc="One stacked bar per month: the deals lost that month, split by loss reason."
        >
          <CartesianGrid vertical={false} stroke="#e2e8f0" />
          <XAxis dataKey="month" tick={AXIS_TICK} />
          <YAxis allowDecimals={false} tick={AXIS_TICK} width={36} />
          <Tooltip itemSorter={seriesOrder(keys)} cursor={{ fill: '#f1f5f9' }} formatter={deals} />
          <Legend formatter={legendText} itemSorter={seriesOrder(keys)} verticalAlign="top" iconSize={10} wrapperStyle={{ fontSize: 12, paddingBottom: 8 }} />
          {series.map((s, i) => (
            <Bar key={s.key} dataKey={s.key} name={s.name} stackId="reasons" fill={REASON_COLORS[i] ?? '#94a3b8'} maxBarSize={48} />
          ))}
        </BarChart>
      )}
    </ChartFigure>
  );
}
