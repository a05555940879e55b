'use client';

import { Bar, BarChart, CartesianGrid, Legend, Tooltip, XAxis, YAxis } from 'recharts';
import {
  AXIS_LABEL,
  AXIS_TICK,
  legendText,
  seriesOrder,
  bandHeight,
  categoryAxis,
  ChartFigure,
  COLORS,
  moneyText,
  moneyTick,
  useCurrencyPicker,
} from './chart-kit';

export interface ForecastChartMonth {
  month: string;
  /** major units per currency */
  open: Record<string, number>;
  weighted: Record<string, number>;
  won: Record<string, number>;
}

const BAR = 12;

/**
 * Per expected-close month: open value, probability-weighted value and value won, in one currency
 * at a time. Months run along the bottom; on a phone they run down the side.
 */
export function ForecastChart({ months, currencies }: { months: ForecastChartMonth[]; currencies: string[] }) {
  const { currency, picker } = useCurrencyPicker(currencies);
  const data = months.map((m) => ({ month: m.month, open: m.open[currency] ?? 0, weighted: m.weighted[currency] ?? 0, won: m.won[currency] ?? 0 }));
  const format = (v: unknown) => (typeof v === 'number' ? moneyText(currency)(v) : String(v));
  const bars = (size: number) => [
    <Bar key="open" dataKey="open" name="Open (raw)" fill={COLORS.open} maxBarSize={size} />,
    <Bar key="weighted" dataKey="weighted" name="Open (weighted)" fill={COLORS.weighted} maxBarSize={size} />,
    <Bar key="won" dataKey="won" name="Won" fill={COLORS.won} maxBarSize={size} />,
  ];
  return (
    <ChartFigure
      caption={`Open deals by expected close month — raw and weighted by stage probability — against value won that month (${currency}).`}
      controls={picker}
    >
      {(narrow) =>
        narrow ? (
          <BarChart
            responsive
            layout="vertical"
            data={data}
            barGap={1}
            style={{ width: '100%', height: bandHeight(data.length, 60, 90, true) }}
            margin={{ top: 4, right: 12, bottom: 24, left: 0 }}
            title={`Forecast in ${currency}`}
            desc={`Grouped horizontal bars per month: open pipeline value, probability-weighted value and won value, in ${currency}.`}
          >
            <CartesianGrid horizontal={false} stroke="#e2e8f0" />
            <XAxis
              type="number"
              tick={AXIS_TICK}
              tickCount={3}
              tickFormatter={moneyTick(currency)}
              label={{ value: `Value (${currency})`, position: 'insideBottom', offset: -14, ...AXIS_LABEL }}
            />
            <YAxis type="category" dataKey="month" {...categoryAxis(true, { barsHeight: 3 * BAR + 2 })} />
            <Tooltip itemSorter={seriesOrder(['open', 'weighted', 'won'])} cursor={{ fill: '#f1f5f9' }} formatter={format} />
            <Legend
              formatter={legendText}
              itemSorter={seriesOrder(['open', 'weighted', 'won'])}
              verticalAlign="top"
              iconSize={10}
              wrapperStyle={{ fontSize: 12, paddingBottom: 8 }}
            />
            {bars(BAR)}
          </BarChart>
        ) : (
          <BarChart
            responsive
            data={data}
            barGap={1}
            style={{ width: '100%', height: 320 }}
            margin={{ top: 4, right: 8, bottom: 8, left: 8 }}
            title={`Forecast in ${currency}`}
            desc={`Grouped vertical bars per month: open pipeline value, probability-weighted value and won value, in ${currency}.`}
          >
            <CartesianGrid vertical={false} stroke="#e2e8f0" />
            <XAxis dataKey="month" tick={AXIS_TICK} interval="preserveStartEnd" />
            <YAxis
              tick={AXIS_TICK}
              width={72}
              tickFormatter={moneyTick(currency)}
              label={{ value: `Value (${currency})`, angle: -90, position: 'insideLeft', offset: 0, style: { textAnchor: 'middle' }, ...AXIS_LABEL }}
            />
            <Tooltip itemSorter={seriesOrder(['open', 'weighted', 'won'])} cursor={{ fill: '#f1f5f9' }} formatter={format} />
            <Legend
              formatter={legendText}
              itemSorter={seriesOrder(['open', 'weighted', 'won'])}
              verticalAlign="top"
              iconSize={10}
              wrapperStyle={{ fontSize: 12, paddingBottom: 8 }}
            />
            {bars(28)}
          </BarChart>
        )
      }
    </ChartFigure>
  );
}
