'use client';

import { Bar, BarChart, CartesianGrid, Legend, Tooltip, XAxis, YAxis } from 'recharts';
import { AXIS_LABEL, AXIS_TICK, legendText, seriesOrder, bandHeight, categoryAxis, ChartFigure, COLORS } from './chart-kit';

export interface MovementChartRow {
  stage: string;
  new: number;
  forward: number;
  backward: number;
  won: number;
  lost: number;
  reopened: number;
  transfer: number;
}

const SERIES = [
  { key: 'new', name: 'New deals', color: COLORS.new },
  { key: 'forward', name: 'Moved forward', color: COLORS.forward },
  { key: 'backward', name: 'Moved back', color: COLORS.backward },
  { key: 'reopened', name: 'Reopened', color: COLORS.reopened },
  { key: 'transfer', name: 'From other pipelines', color: COLORS.transfer },
  { key: 'won', name: 'Won', color: COLORS.won },
  { key: 'lost', name: 'Lost', color: COLORS.lost },
] as const;

const BAR = 24;

/** Deals arriving in each stage, stacked by how they arrived (horizontal bars: long stage names fit, phones too). */
export function MovementChart({ rows }: { rows: MovementChartRow[] }) {
  const used = SERIES.filter((s) => rows.some((r) => r[s.key] > 0));
  return (
    <ChartFigure caption="Deals arriving in each stage during the period, by how they arrived (number of moves).">
      {(narrow) => (
        <BarChart
          responsive
          layout="vertical"
          data={rows}
          style={{ width: '100%', height: bandHeight(rows.length, 44, 90, narrow) }}
          margin={{ top: 4, right: 12, bottom: 24, left: narrow ? 0 : 4 }}
          title="Moves into each stage"
          desc="Stacked horizontal bars: for each stage, the number of deal moves into it in the period, split into new deals, forward moves, backward moves, reopened deals, deals from other pipelines, wins and losses."
        >
          <CartesianGrid horizontal={false} stroke="#e2e8f0" />
          <XAxis
            type="number"
            allowDecimals={false}
            tick={AXIS_TICK}
            label={{ value: 'Moves (deals)', position: 'insideBottom', offset: -14, ...AXIS_LABEL }}
          />
          <YAxis type="category" dataKey="stage" {...categoryAxis(narrow, { barsHeight: BAR })} />
          <Tooltip itemSorter={seriesOrder(used.map((s) => s.key))} cursor={{ fill: '#f1f5f9' }} />
          <Legend
            formatter={legendText}
            itemSorter={seriesOrder(used.map((s) => s.key))}
            verticalAlign="top"
            iconSize={10}
            wrapperStyle={{ fontSize: 12, paddingBottom: 8 }}
          />
          {used.map((s) => (
            <Bar key={s.key} dataKey={s.key} name={s.name} stackId="moves" fill={s.color} maxBarSize={BAR} />
          ))}
        </BarChart>
      )}
    </ChartFigure>
  );
}
