'use client';

import { Bar, BarChart, CartesianGrid, Legend, Tooltip, XAxis, YAxis } from 'recharts';
import { AXIS_LABEL, AXIS_TICK, legendText, seriesOrder, bandHeight, categoryAxis, ChartFigure, COLORS } from './chart-kit';

export interface DurationsChartRow {
  stage: string;
  median: number | null;
  p75: number | null;
  mean: number | null;
}

const BAR = 12;
const days = (value: unknown) => (typeof value === 'number' ? `${value.toFixed(1)} days` : '—');

/** Median, 75th percentile and mean days per stage. */
export function DurationsChart({ rows }: { rows: DurationsChartRow[] }) {
  return (
    <ChartFigure caption="Days deals spent in each stage (stays that ended in the period; a deal's repeated stays add up).">
      {(narrow) => (
        <BarChart
          responsive
          layout="vertical"
          data={rows}
          barGap={1}
          style={{ width: '100%', height: bandHeight(rows.length, 60, 90, narrow) }}
          margin={{ top: 4, right: 12, bottom: 24, left: narrow ? 0 : 4 }}
          title="Time in stage"
          desc="For each stage, three horizontal bars: the median, the 75th percentile and the mean number of days deals spent in it."
        >
          <CartesianGrid horizontal={false} stroke="#e2e8f0" />
          <XAxis type="number" tick={AXIS_TICK} label={{ value: 'Days in stage', position: 'insideBottom', offset: -14, ...AXIS_LABEL }} />
          <YAxis type="category" dataKey="stage" {...categoryAxis(narrow, { barsHeight: 3 * BAR + 2 })} />
          <Tooltip itemSorter={seriesOrder(['median', 'p75', 'mean'])} cursor={{ fill: '#f1f5f9' }} formatter={days} />
          <Legend
            formatter={legendText}
            itemSorter={seriesOrder(['median', 'p75', 'mean'])}
            verticalAlign="top"
            iconSize={10}
            wrapperStyle={{ fontSize: 12, paddingBottom: 8 }}
          />
          <Bar dataKey="median" name="Median" fill={COLORS.median} maxBarSize={BAR} />
          <Bar dataKey="p75" name="75th percentile" fill={COLORS.p75} maxBarSize={BAR} />
          <Bar dataKey="mean" name="Mean" fill={COLORS.mean} maxBarSize={BAR} />
        </BarChart>
      )}
    </ChartFigure>
  );
}
