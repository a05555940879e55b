import Link from 'next/link';
import type { ReactNode } from 'react';
import { formatMoney } from '@/lib/money/format-money';
import { toPublicId } from '@/lib/ids';
import type { LostFigure } from '@/lib/reports/lost-deals';
import { lostDealsHref, type LostDealsScope } from '@/lib/reports/lost-deals-links';
import type { LostDealsReport } from '@/lib/services/reports/get-lost-deals-report';
import { LostMonthsChart, LostReasonsChart, type LostMonthBar } from './charts/lost-deals-chart';
import { ConversionNote, UnconvertedLines } from './converted-money';
import { formatMoneyMap, formatMonth, formatPercent } from './format';
import { EmptyState, Note, Section, Stat, StatGrid, Table, Td, Th } from './report-parts';

export const NO_REASON_LABEL = 'No reason given';
const MONTH_SERIES = 6;

/** The Lost deals report: each count links to the deals table narrowed to the deals behind it. */
export function LostDealsView({ report, links, home }: { report: LostDealsReport; links: LostDealsScope; home: string }) {
  const t = report.total;
  const stageName = new Map([...report.scope.stages, ...report.otherStages].map((s) => [s.id, s.name]));
  const ownerName = new Map(report.ownerNames.map((o) => [o.id, o.name]));
  const reasonLabel = (reason: string | null) => reason ?? NO_REASON_LABEL;
  const noReason = report.reasons.find((r) => r.reason === null);
  const top = report.reasons.find((r) => r.reason !== null);
  const headers = ['Deals', 'Share', `Value (${report.currency})`, 'Per currency'];

  // the month chart stacks the main reasons; the others share one colour
  const main = report.reasons.slice(0, MONTH_SERIES).map((r) => r.reason);
  const rest = report.reasons.length > MONTH_SERIES;
  const series = [...main.map((r, i) => ({ key: `r${i}`, name: reasonLabel(r) })), ...(rest ? [{ key: 'other', name: 'Other reasons' }] : [])];
  const monthBars: LostMonthBar[] = report.months.map((m) => {
    const bar: LostMonthBar = { month: formatMonth(m.month) };
    for (const s of series) bar[s.key] = 0;
    for (const r of m.reasons) {
      const i = main.indexOf(r.reason);
      const key = i >= 0 ? `r${i}` : 'other';
      bar[key] = Number(bar[key] ?? 0) + r.count;
    }
    return bar;
  });

  return (
    <div className="space-y-4">
      <StatGrid>
        <Stat
          label="Deals lost"
          value={t.count > 0 ? <FigureLink href={lostDealsHref(links)} label={`Show the ${t.count} deals lost`} count={t.count} /> : 0}
          detail="closed as lost in the period"
          tone="red"
        />
        <Stat label="Value lost" value={<ValueLines figure={t} />} tone="red" />
        <Stat
          label="Top reason"
          value={<span className="block truncate text-lg">{top ? top.reason : '—'}</span>}
          detail={top ? `${top.count} ${top.count === 1 ? 'deal' : 'deals'} · ${formatPercent(top.share)} of lost` : undefined}
        />
        <Stat
          label={NO_REASON_LABEL}
          value={noReason?.count ?? 0}
          detail={noReason ? `${formatPercent(noReason.share)} of lost deals` : 'every lost deal has a reason'}
          tone="amber"
        />
      </StatGrid>

      {t.converted && t.count > 0 ? (
        <ConversionNote currency={report.currency} home={home} rates={report.ratesUsed} basis="on the day each deal was lost" unconverted={[t.converted]} />
      ) : null}

      <Section title="By reason" description="Share: the reason’s deals out of all the deals lost in the period. Click a count to see the deals.">
        {t.count === 0 ? (
          <EmptyState>No deals were lost in this period.</EmptyState>
        ) : (
          <div className="grid gap-4 2xl:grid-cols-2">
            <LostReasonsChart rows={report.reasons.map((r) => ({ reason: reasonLabel(r.reason), count: r.count }))} />
            <Table label="Lost deals by reason" headers={['Reason', ...headers]}>
              {report.reasons.map((r) => (
                <tr key={r.reason ?? '(none)'}>
                  <Th>{r.reason === null ? <span className="italic text-slate-600">{NO_REASON_LABEL}</span> : r.reason}</Th>
                  <FigureCells
                    figure={r}
                    href={lostDealsHref(links, { reason: r.reason })}
                    label={`Show the ${r.count} deals lost ${r.reason === null ? 'without a reason' : `to “${r.reason}”`}`}
                  />
                </tr>
              ))}
              <TotalRow figure={t} />
            </Table>
          </div>
        )}
      </Section>

      <div className="grid gap-4 2xl:grid-cols-2">
        <Section title="By stage lost from" description="The stage each deal was in when it was lost.">
          {t.count === 0 ? (
            <EmptyState>No deals were lost in this period.</EmptyState>
          ) : (
            <Table label="Lost deals by stage lost from" headers={['Stage', ...headers]}>
              {report.stages.map((s) => (
                <tr key={s.stageId}>
                  <Th>{stageName.get(s.stageId) ?? `Stage ${s.stageId}`}</Th>
                  <FigureCells
                    figure={s}
                    href={lostDealsHref(links, { lostFrom: toPublicId('stage', s.stageId) })}
                    label={`Show the ${s.count} deals lost from ${stageName.get(s.stageId) ?? 'this stage'}`}
                  />
                </tr>
              ))}
            </Table>
          )}
        </Section>
        <Section title="By owner" description="The deals’ current owners.">
          {t.count === 0 ? (
            <EmptyState>No deals were lost in this period.</EmptyState>
          ) : (
            <Table label="Lost deals by owner" headers={['Owner', ...headers]}>
              {report.owners.map((o) => (
                <tr key={o.ownerId ?? 'none'}>
                  <Th>{o.ownerId === null ? <span className="italic text-slate-600">No owner</span> : (ownerName.get(o.ownerId) ?? 'Unknown user')}</Th>
                  <FigureCells
                    figure={o}
                    // the deals table has no "no owner" filter: ownerless deals are counted, not linked
                    href={o.ownerId === null ? null : lostDealsHref(links, { owner: toPublicId('user', o.ownerId) })}
                    label={`Show the ${o.count} deals ${ownerName.get(o.ownerId ?? 0) ?? ''} lost`}
                  />
                </tr>
              ))}
            </Table>
          )}
        </Section>
      </div>

      <Section title="Month by month" description="Deals lost in each month of the period (the month they were closed as lost).">
        {t.count > 0 ? <LostMonthsChart rows={monthBars} series={series} /> : null}
        <div className={t.count > 0 ? 'mt-4' : ''}>
          <Table label="Lost deals by month" headers={['Month', ...headers, 'Top reason']} left={[headers.length + 1]}>
            {report.months.map((m) => {
              const topReason = m.reasons[0];
              return (
                <tr key={m.month.toISOString()}>
                  <Th>{formatMonth(m.month)}</Th>
                  <FigureCells figure={m} href={lostDealsHref(links, { month: m.month })} label={`Show the ${m.count} deals lost in ${formatMonth(m.month)}`} />
                  <Td first className="text-slate-600">
                    {topReason ? `${reasonLabel(topReason.reason)} (${topReason.count})` : '—'}
                  </Td>
                </tr>
              );
            })}
          </Table>
        </div>
      </Section>
      <Note>
        Lost deals are the pipeline’s deals with status lost whose close date falls in the period; a deal reopened since is no longer lost and is not counted.
        Deleted deals stay counted, so past periods do not change
        {t.deleted > 0 ? ` (${t.deleted} ${t.deleted === 1 ? 'deal' : 'deals'} here, which the deals table no longer lists)` : ''}. Values are today’s deal
        values{t.converted ? `, converted to ${t.converted.currency} at the rate in force on the day each deal was lost` : ', per currency (never converted)'}.
      </Note>
    </div>
  );
}

function FigureLink({ href, label, count }: { href: string; label: string; count: number }) {
  return (
    <Link
      href={href}
      aria-label={label}
      title={label}
      className="font-semibold text-indigo-700 underline decoration-indigo-300 underline-offset-2 hover:text-indigo-900"
    >
      {count}
    </Link>
  );
}

function FigureCells({ figure, href, label }: { figure: LostFigure; href: string | null; label: string }) {
  return (
    <>
      <Td>{figure.count === 0 || href === null ? figure.count : <FigureLink href={href} label={label} count={figure.count} />}</Td>
      <Td>{formatPercent(figure.share)}</Td>
      <Td>
        <Value figure={figure} />
      </Td>
      {figure.converted ? <Td className="text-slate-600">{formatMoneyMap(figure.value)}</Td> : null}
    </>
  );
}

function TotalRow({ figure }: { figure: LostFigure }) {
  return (
    <tr className="border-t-2 border-slate-200 font-medium">
      <Th>All lost deals</Th>
      <Td>{figure.count}</Td>
      <Td>{formatPercent(figure.share)}</Td>
      <Td>
        <Value figure={figure} />
      </Td>
      {figure.converted ? <Td className="text-slate-600">{formatMoneyMap(figure.value)}</Td> : null}
    </tr>
  );
}

/** The figure's value: converted (with what had no rate named apart), else per currency. */
function Value({ figure }: { figure: LostFigure }): ReactNode {
  const converted = figure.converted;
  if (!converted) return formatMoneyMap(figure.value);
  return (
    <>
      {formatMoney(converted.value, converted.currency)}
      <UnconvertedLines money={converted} compact />
    </>
  );
}

function ValueLines({ figure }: { figure: LostFigure }) {
  if (figure.converted) {
    return (
      <span className="flex flex-col text-lg leading-snug">
        <span className="truncate" data-converted={figure.converted.currency}>
          {formatMoney(figure.converted.value, figure.converted.currency, { compact: true })}
        </span>
        <UnconvertedLines money={figure.converted} compact />
      </span>
    );
  }
  const entries = Object.entries(figure.value);
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
