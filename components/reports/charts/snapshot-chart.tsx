'use client';

import { Bar, BarChart, CartesianGrid, LabelList, Tooltip, XAxis, YAxis } from 'recharts';
import { AXIS_LABEL, AXIS_TICK, bandHeight, categoryAxis, ChartFigure, COLORS, moneyText, moneyTick, useCurrencyPicker } from './chart-kit';

export interface SnapshotChartRow {
  stage: string;
  count: number;
  /** major units per currency */
  values: Record<string, number>;
}

const BAR = 24;

/** The board's value per stage at the chosen moment, in one currency at a time; labels give the deal counts. */
export function SnapshotChart({ rows, currencies }: { rows: SnapshotChartRow[]; currencies: string[] }) {
  const { currency, picker } = useCurrencyPicker(currencies);
  const data = rows.map((r) => ({ stage: r.stage, value: r.values[currency] ?? 0, label: `${r.count}` }));
  return (
    <ChartFigure
      caption={`Value per stage then, in ${currency} (as recorded at each deal's last move); labels: deals in the stage, all currencies.`}
      controls={picker}
    >
      {(narrow) => (
        <BarChart
          responsive
          layout="vertical"
          data={data}
          style={{ width: '100%', height: bandHeight(rows.length, 44, 70, narrow) }}
          margin={{ top: 4, right: 36, bottom: 24, left: narrow ? 0 : 4 }}
          title={`Pipeline value per stage in ${currency}`}
          desc={`Horizontal bars: the total ${currency} value of the deals in each stage at the chosen moment, labelled with the number of deals.`}
        >
          <CartesianGrid horizontal={false} stroke="#e2e8f0" />
          <XAxis
            type="number"
            tick={AXIS_TICK}
            tickCount={narrow ? 3 : 5}
            tickFormatter={moneyTick(currency)}
            label={{ value: `Value (${currency})`, position: 'insideBottom', offset: -14, ...AXIS_LABEL }}
          />
          <YAxis type="category" dataKey="stage" {...categoryAxis(narrow, { barsHeight: BAR })} />
          <Tooltip cursor={{ fill: '#f1f5f9' }} formatter={(v) => (typeof v === 'number' ? moneyText(currency)(v) : String(v))} />
          <Bar dataKey="value" name={`Value (${currency})`} fill={COLORS.value} maxBarSize={BAR}>
            <LabelList dataKey="label" position="right" style={{ fontSize: 12, fill: '#334155' }} />
          </Bar>
        </BarChart>
      )}
    </ChartFigure>
  );
}
