'use client';

import { Bar, BarChart, CartesianGrid, LabelList, Legend, Tooltip, XAxis, YAxis } from 'recharts';
import { AXIS_LABEL, AXIS_TICK, legendText, seriesOrder, bandHeight, categoryAxis, ChartFigure, COLORS } from './chart-kit';

export interface FunnelChartRow {
  stage: string;
  entered: number;
  reachedNext: number;
  /** percent, or null */
  conversion: number | null;
}

const BAR = 16;

/** Per stage: deals that entered it in the period, and how many of them later reached the next stage. */
export function FunnelChart({ rows }: { rows: FunnelChartRow[] }) {
  const data = rows.map((r) => ({ ...r, label: r.conversion === null ? '' : `${r.conversion}%` }));
  return (
    <ChartFigure caption="Deals that entered each stage in the period, and how many of them later reached the next stage (label: conversion).">
      {(narrow) => (
        <BarChart
          responsive
          layout="vertical"
          data={data}
          barGap={2}
          style={{ width: '100%', height: bandHeight(rows.length, 56, 90, narrow) }}
          margin={{ top: 4, right: 44, bottom: 24, left: narrow ? 0 : 4 }}
          title="Stage conversion"
          desc="For each stage, two horizontal bars: deals that entered the stage in the period and deals that later reached the next stage; the label is the conversion rate in percent."
        >
          <CartesianGrid horizontal={false} stroke="#e2e8f0" />
          <XAxis type="number" allowDecimals={false} tick={AXIS_TICK} label={{ value: 'Deals', position: 'insideBottom', offset: -14, ...AXIS_LABEL }} />
          <YAxis type="category" dataKey="stage" {...categoryAxis(narrow, { barsHeight: 2 * BAR + 2 })} />
          <Tooltip itemSorter={seriesOrder(['entered', 'reachedNext'])} cursor={{ fill: '#f1f5f9' }} />
          <Legend
            formatter={legendText}
            itemSorter={seriesOrder(['entered', 'reachedNext'])}
            verticalAlign="top"
            iconSize={10}
            wrapperStyle={{ fontSize: 12, paddingBottom: 8 }}
          />
          <Bar dataKey="entered" name="Entered the stage" fill={COLORS.entered} maxBarSize={BAR} />
          <Bar dataKey="reachedNext" name="Reached the next stage" fill={COLORS.reached} maxBarSize={BAR}>
            <LabelList dataKey="label" position="right" style={{ fontSize: 12, fill: '#334155' }} />
          </Bar>
        </BarChart>
      )}
    </ChartFigure>
  );
}
