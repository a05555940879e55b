import type { ForecastReport } from '@/lib/services/reports/get-forecast-report';
import { ForecastChart } from './charts/forecast-chart';
import { ConversionNote, ConvertedCell, ConvertedStat } from './converted-money';
import { formatMoneyMap, formatMonth, majorUnits } from './format';
import { Note, Section, Stat, StatGrid, Table, Td, Th } from './report-parts';

export function ForecastView({ report, now, home, showBreakdown }: { report: ForecastReport; now: Date; home: string; showBreakdown: boolean }) {
  const t = report.totals;
  const currency = report.currency;
  const thisMonth = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1);
  const anything = t.open.count + t.won.count > 0;
  const major = (value: bigint) => ({ [currency]: majorUnits(value, currency) });
  return (
    <div className="space-y-4">
      <StatGrid>
        <Stat label="Open deals" value={t.open.count} detail="expected to close in the period" tone="indigo" />
        <Stat label="Open value" value={<ConvertedStat money={t.open.converted} breakdown={t.open.value} />} detail="at today’s rates" />
        <Stat
          label="Weighted"
          value={<ConvertedStat money={t.open.convertedWeighted} breakdown={t.open.weighted} />}
          detail="× stage probability"
          tone="indigo"
        />
        <Stat label="Won" value={t.won.count} tone="green" />
        <Stat label="Won value" value={<ConvertedStat money={t.won.converted} breakdown={t.won.value} />} detail="at each close date’s rates" tone="green" />
        <Stat
          label="Undated"
          value={report.noExpectedClose.count}
          detail={`no expected close · ${formatMoneyMap(report.noExpectedClose.count === 0 ? {} : { [currency]: report.noExpectedClose.converted.value }, {
            compact: true,
          })}`}
          tone="amber"
        />
      </StatGrid>

      <Section
        title="By month"
        description={`Open deals by the month of their expected close; won deals by the month they were won. Past months’ open deals are overdue. In ${currency}.`}
      >
        {!anything ? (
          <p className="text-sm text-slate-500">No open or won deals in these months.</p>
        ) : (
          <ForecastChart
            currencies={[currency]}
            months={report.months.map((m) => ({
              month: formatMonth(m.month),
              open: major(m.open.converted.value),
              weighted: major(m.open.convertedWeighted.value),
              won: major(m.won.converted.value),
            }))}
          />
        )}
      </Section>

      <Section title="Forecast table" description={`One row per month, converted to ${currency}; the amounts per currency are in each figure’s tooltip.`}>
        <Table
          label="Forecast by month"
          headers={['Month', 'Open deals', `Open value (${currency})`, `Weighted (${currency})`, 'Won deals', `Won value (${currency})`]}
        >
          {report.months.map((m) => {
            const past = m.month.getTime() < thisMonth;
            return (
              <tr key={m.month.toISOString()}>
                <Th>
                  {formatMonth(m.month)}
                  {past && m.open.count > 0 ? <span className="ml-1 rounded bg-amber-100 px-1 text-xs text-amber-800">overdue</span> : null}
                </Th>
                <Td>{m.open.count}</Td>
                <Td>
                  <ConvertedCell money={m.open.converted} breakdown={m.open.value} showBreakdown={showBreakdown} />
                </Td>
                <Td className="font-semibold text-indigo-700">
                  <ConvertedCell money={m.open.convertedWeighted} breakdown={m.open.weighted} showBreakdown={showBreakdown} />
                </Td>
                <Td>{m.won.count}</Td>
                <Td className="text-emerald-700">
                  <ConvertedCell money={m.won.converted} breakdown={m.won.value} showBreakdown={showBreakdown} />
                </Td>
              </tr>
            );
          })}
        </Table>
        <div className="mt-3 space-y-2">
          <ConversionNote
            currency={currency}
            home={home}
            rates={report.ratesUsed}
            basis="today for open deals and on each won deal’s close date"
            unconverted={[t.open.converted, t.won.converted, report.noExpectedClose.converted]}
          />
          <Note>
            Open: deals with status open in an ordinary stage, not deleted, weighted by their current stage’s probability. Won: deals won in the month (deleted
            ones included, so past months do not change). Each deal is converted on its own, then summed.
          </Note>
        </div>
      </Section>
    </div>
  );
}
