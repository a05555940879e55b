import { formatMoney } from '@/lib/money/format-money';
import type { ForecastReport } from '@/lib/services/reports/get-forecast-report';
import { mainCurrency } from '@/lib/reports/money-by-currency';
import { ForecastChart } from './charts/forecast-chart';
import { formatMoneyMap, formatMonth, majorUnits } from './format';
import { Note, Section, Stat, StatGrid, Table, Td, Th } from './report-parts';

export function ForecastView({ report, now }: { report: ForecastReport; now: Date }) {
  const t = report.totals;
  const main = mainCurrency(t.open.value, t.won.value);
  const currencies = [...new Set([...Object.keys(t.open.value), ...Object.keys(t.won.value)])].sort((a, b) =>
    a === main ? -1 : b === main ? 1 : a.localeCompare(b),
  );
  const thisMonth = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1);
  const toMajor = (m: Record<string, bigint>) => Object.fromEntries(Object.entries(m).map(([c, v]) => [c, majorUnits(v, c)]));
  return (
    <div className="space-y-4">
      <StatGrid>
        <Stat label="Open deals" value={t.open.count} detail="expected to close in the period" tone="indigo" />
        <Stat label="Open value" value={<MoneyLines money={t.open.value} />} />
        <Stat label="Weighted" value={<MoneyLines money={t.open.weighted} />} detail="× stage probability" tone="indigo" />
        <Stat label="Won" value={t.won.count} tone="green" />
        <Stat label="Won value" value={<MoneyLines money={t.won.value} />} tone="green" />
        <Stat
          label="Undated"
          value={report.noExpectedClose.count}
          detail={`no expected close · ${formatMoneyMap(report.noExpectedClose.value, { compact: true })}`}
          tone="amber"
        />
      </StatGrid>

      <Section
        title="By month"
        description="Open deals by the month of their expected close; won deals by the month they were won. Past months’ open deals are overdue."
      >
        {currencies.length === 0 ? (
          <p className="text-sm text-slate-500">No open or won deals in these months.</p>
        ) : (
          <ForecastChart
            currencies={currencies}
            months={report.months.map((m) => ({
              month: formatMonth(m.month),
              open: toMajor(m.open.value),
              weighted: toMajor(m.open.weighted),
              won: toMajor(m.won.value),
            }))}
          />
        )}
      </Section>

      <Section title="Forecast table" description="One row per month and currency (currencies are never converted).">
        <Table label="Forecast by month" headers={['Month', 'Currency', 'Open deals', 'Open value', 'Weighted', 'Won deals', 'Won value']} left={[1]}>
          {report.months.flatMap((m) => {
            const monthCurrencies = [...new Set([...Object.keys(m.open.value), ...Object.keys(m.won.value)])].sort();
            const past = m.month.getTime() < thisMonth;
            const label = (
              <>
                {formatMonth(m.month)}
                {past && m.open.count > 0 ? <span className="ml-1 rounded bg-amber-100 px-1 text-xs text-amber-800">overdue</span> : null}
              </>
            );
            if (monthCurrencies.length === 0) {
              return [
                <tr key={m.month.toISOString()}>
                  <Th>{label}</Th>
                  <Td first className="text-slate-500">
                    —
                  </Td>
                  <Td>0</Td>
                  <Td>—</Td>
                  <Td>—</Td>
                  <Td>0</Td>
                  <Td>—</Td>
                </tr>,
              ];
            }
            return monthCurrencies.map((c, i) => (
              <tr key={`${m.month.toISOString()}-${c}`}>
                {i === 0 ? <Th>{label}</Th> : <td />}
                <Td first>{c}</Td>
                <Td>{m.open.countByCurrency[c] ?? 0}</Td>
                <Td>{m.open.value[c] !== undefined ? formatMoney(m.open.value[c]!, c) : '—'}</Td>
                <Td className="font-semibold text-indigo-700">{m.open.weighted[c] !== undefined ? formatMoney(m.open.weighted[c]!, c) : '—'}</Td>
                <Td>{m.won.countByCurrency[c] ?? 0}</Td>
                <Td className="text-emerald-700">{m.won.value[c] !== undefined ? formatMoney(m.won.value[c]!, c) : '—'}</Td>
              </tr>
            ));
          })}
        </Table>
        <div className="mt-3">
          <Note>
            Open: deals with status open in an ordinary stage, not deleted, weighted by their current stage’s probability. Won: deals won in the month (deleted
            ones included, so past months do not change). Each row counts the deals in its currency.
          </Note>
        </div>
      </Section>
    </div>
  );
}

function MoneyLines({ money }: { money: Record<string, bigint> }) {
  const entries = Object.entries(money);
  if (entries.length === 0) return <>—</>;
  return (
    <span className="flex flex-col text-lg leading-snug">
      {entries.map(([c, v]) => (
        <span key={c} className="truncate">
          {formatMoney(v, c, { compact: true })}
        </span>
      ))}
    </span>
  );
}
