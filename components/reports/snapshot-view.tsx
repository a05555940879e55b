import Link from 'next/link';
import { toPublicId } from '@/lib/ids';
import { formatMoney } from '@/lib/money/format-money';
import type { PipelineSnapshot } from '@/lib/services/reports/get-pipeline-snapshot';
import type { SnapshotChange, SnapshotChanges } from '@/lib/services/reports/get-snapshot-changes';
import { addConvertedMoney } from '@/lib/reports/converted-money';
import { ConversionNote, ConvertedCell, convertedSummary } from './converted-money';
import { SnapshotChart } from './charts/snapshot-chart';
import { formatDay, formatMoneyMap, majorUnits } from './format';
import { Note, Section, Stat, StatGrid, Table, Td, Th } from './report-parts';

const CHANGE_LABEL: Record<SnapshotChange, string> = {
  won: 'Won',
  lost: 'Lost',
  forward: 'Moved forward',
  backward: 'Moved back',
  reopened: 'Reopened',
  created: 'Created',
  transferred_in: 'Moved in from another pipeline',
  transferred_out: 'Moved to another pipeline',
  deleted: 'Deleted',
};

const CHANGE_TONE: Partial<Record<SnapshotChange, 'green' | 'red' | 'amber' | 'indigo'>> = {
  won: 'green',
  lost: 'red',
  forward: 'green',
  backward: 'amber',
  created: 'indigo',
};

export function SnapshotView({
  snapshot,
  changes,
  home,
  showBreakdown,
}: {
  snapshot: PipelineSnapshot;
  changes: SnapshotChanges;
  home: string;
  showBreakdown: boolean;
}) {
  const stageById = new Map(snapshot.scope.stages.map((s) => [s.id, s]));
  const name = (id: number | null) => {
    if (id === null) return '—';
    const s = stageById.get(id);
    return s ? (s.deleted ? `${s.name} (deleted)` : s.name) : '?';
  };
  const column = new Map(snapshot.columns.map((c) => [c.stageId, c]));
  const open = snapshot.stages.filter((s) => s.outcome === null);
  const outcome = (o: 'won' | 'lost') => snapshot.stages.filter((s) => s.outcome === o).map((s) => column.get(s.id)!);
  const currency = snapshot.currency;
  const openConverted = addConvertedMoney(
    currency,
    open.map((s) => column.get(s.id)!.converted),
  );
  const openBreakdown: Record<string, bigint> = {};
  for (const s of open) for (const [c, v] of Object.entries(column.get(s.id)!.value)) openBreakdown[c] = (openBreakdown[c] ?? 0n) + v;
  const openCount = open.reduce((n, s) => n + (column.get(s.id)?.count ?? 0), 0);
  const summary = new Map(changes.summary.map((s) => [s.change, s]));
  return (
    <div className="space-y-4">
      <StatGrid>
        <Stat
          label="Open deals then"
          value={openCount}
          detail={`${convertedSummary(openConverted, openBreakdown)} in ordinary stages on ${formatDay(new Date(snapshot.asOf.getTime() - 1))}`}
          tone="indigo"
        />
        <Stat label="Won to date" value={outcome('won').reduce((n, c) => n + c.count, 0)} detail="sitting in won stages then" tone="green" />
        <Stat label="Lost to date" value={outcome('lost').reduce((n, c) => n + c.count, 0)} detail="sitting in lost stages then" tone="red" />
        <Stat label="Won since" value={summary.get('won')?.count ?? 0} detail={`since ${formatDay(changes.from)}`} tone="green" />
        <Stat label="Forward since" value={summary.get('forward')?.count ?? 0} tone="green" />
        <Stat label="Slipped since" value={changes.slipped.count} detail="expected close passed, still open" tone="amber" />
      </StatGrid>

      <Section
        title="Open pipeline then"
        description="Each deal counts in the stage it was in at that moment, with the value recorded when it entered that stage (not today’s). Won and lost stages are in the table below."
      >
        {openCount === 0 ? (
          <p className="text-sm text-slate-500">The pipeline held no open deals at that moment.</p>
        ) : (
          <SnapshotChart
            currencies={[currency]}
            rows={open.map((s) => {
              const c = column.get(s.id)!;
              return { stage: name(s.id), count: c.count, values: { [currency]: majorUnits(c.converted.value, currency) } };
            })}
          />
        )}
      </Section>

      <Section title="The board then" description="The highest-value deals of each column; deals deleted since are marked.">
        <ul className="-mx-3 flex gap-3 overflow-x-auto px-3 pb-2 sm:-mx-4 sm:px-4" aria-label="Board columns">
          {snapshot.stages.map((s) => {
            const c = column.get(s.id)!;
            // won/lost columns hold every deal ever closed by then: a few cards are enough
            const deals = s.outcome ? c.deals.slice(0, 3) : c.deals;
            return (
              <li key={s.id} className="flex w-56 shrink-0 flex-col self-start rounded-md bg-slate-100 p-2">
                <div className="mb-2 px-1">
                  <div className="flex items-baseline justify-between gap-2">
                    <h4 className="truncate text-sm font-semibold text-slate-800">{name(s.id)}</h4>
                    <span className="text-xs tabular-nums text-slate-500">{c.count}</span>
                  </div>
                  <div className="truncate text-xs tabular-nums text-slate-600" title={formatMoneyMap(c.value)}>
                    {convertedSummary(c.converted, c.value)}
                  </div>
                </div>
                <ul className="space-y-1.5">
                  {deals.map((d) => (
                    <li key={d.id} className="rounded border border-slate-200 bg-white px-2 py-1.5 text-xs shadow-sm">
                      {d.deleted ? (
                        <span className="block truncate font-medium text-slate-500 line-through" title={`${d.name} (deleted since)`}>
                          {d.name}
                        </span>
                      ) : (
                        <Link href={`/deals/${toPublicId('deal', d.id)}`} className="block truncate font-medium text-slate-800 hover:underline" title={d.name}>
                          {d.name}
                        </Link>
                      )}
                      <span className="tabular-nums text-slate-600">{formatMoney(d.value, d.currency)}</span>
                      {d.deleted ? <span className="ml-1 text-rose-600">deleted since</span> : null}
                    </li>
                  ))}
                  {c.count > deals.length ? <li className="px-1 text-xs text-slate-500">+ {c.count - deals.length} more</li> : null}
                  {c.count === 0 ? <li className="px-1 text-xs text-slate-500">No deals</li> : null}
                </ul>
              </li>
            );
          })}
        </ul>
      </Section>

      <Section title="Columns" description={`Counts and totals per stage at that moment, converted to ${currency}.`}>
        <Table
          label="Board columns then"
          headers={['Stage', 'Deals', `Value (${currency})`, 'Probability']}
          footer={
            <tr>
              <Th>All stages</Th>
              <Td>{snapshot.totals.count}</Td>
              <Td>
                <ConvertedCell money={snapshot.totals.converted} breakdown={snapshot.totals.value} showBreakdown={showBreakdown} />
              </Td>
              <Td>{null}</Td>
            </tr>
          }
        >
          {snapshot.stages.map((s) => {
            const c = column.get(s.id)!;
            return (
              <tr key={s.id}>
                <Th>{name(s.id)}</Th>
                <Td>{c.count}</Td>
                <Td>
                  <ConvertedCell money={c.converted} breakdown={c.value} showBreakdown={showBreakdown} />
                </Td>
                <Td>{s.probability}%</Td>
              </tr>
            );
          })}
        </Table>
        <div className="mt-3">
          <ConversionNote
            currency={currency}
            home={home}
            rates={snapshot.ratesUsed}
            basis={`on ${formatDay(new Date(`${snapshot.rateDay}T00:00:00Z`))}, the board’s date`}
            unconverted={[snapshot.totals.converted]}
          />
        </div>
      </Section>

      <Section
        title={`What changed from ${formatDay(changes.from)} to ${formatDay(new Date(changes.to.getTime() - 1))}`}
        description="Each deal’s stage at the two dates, from the stage history."
      >
        <div className="mb-4 grid grid-cols-2 gap-2 md:grid-cols-4 xl:grid-cols-5">
          {changes.summary
            .filter((s) => s.count > 0)
            .map((s) => (
              <div key={s.change} className="rounded-md border border-slate-200 px-3 py-2">
                <div className="text-xs text-slate-500">{CHANGE_LABEL[s.change]}</div>
                <div className={`text-lg font-semibold tabular-nums ${tone(CHANGE_TONE[s.change])}`}>{s.count}</div>
                <div className="truncate text-xs text-slate-500">{formatMoneyMap(s.value, { compact: true })}</div>
              </div>
            ))}
          <div className="rounded-md border border-amber-200 bg-amber-50 px-3 py-2">
            <div className="text-xs text-amber-800">Slipped expected close</div>
            <div className="text-lg font-semibold tabular-nums text-amber-800">{changes.slipped.count}</div>
            <div className="truncate text-xs text-amber-700">{formatMoneyMap(changes.slipped.value, { compact: true })}</div>
          </div>
        </div>
        <div className="mb-3 rounded-md bg-amber-50 px-3 py-2 text-xs text-amber-900">
          Expected close dates are not kept in the history: “slipped” means the deal was still open on {formatDay(new Date(changes.to.getTime() - 1))} although
          its expected close <strong>as of today</strong> falls between the two dates. A deal whose date was pushed out since does not show here.
        </div>
        {changes.deals.length === 0 ? (
          <p className="text-sm text-slate-500">Nothing changed between these dates.</p>
        ) : (
          <Table label="Changed deals" headers={['Deal', 'Change', 'Then', 'Later', 'Value then', 'Value later', 'Expected close (today)']} left={[1, 2, 3]}>
            {changes.deals.map((d) => (
              <tr key={d.id}>
                <Th>
                  <Link
                    href={`/deals/${toPublicId('deal', d.id)}`}
                    title={d.name}
                    className="line-clamp-2 max-w-80 wrap-anywhere text-indigo-700 hover:underline"
                  >
                    {d.name}
                  </Link>
                </Th>
                <Td first>
                  {d.change ? <span className={tone(CHANGE_TONE[d.change])}>{CHANGE_LABEL[d.change]}</span> : null}
                  {d.slipped ? <span className="ml-1 rounded bg-amber-100 px-1.5 text-xs text-amber-800">slipped</span> : null}
                </Td>
                <Td first>{name(d.fromStageId)}</Td>
                <Td first>{name(d.toStageId)}</Td>
                <Td>{d.valueBefore === null ? '—' : formatMoney(d.valueBefore, d.currency)}</Td>
                <Td>{d.valueAfter === null ? '—' : formatMoney(d.valueAfter, d.currency)}</Td>
                <Td>{d.expectedClose ? formatDay(d.expectedClose) : '—'}</Td>
              </tr>
            ))}
          </Table>
        )}
        {changes.total > changes.deals.length ? (
          <div className="mt-2">
            <Note>
              Showing {changes.deals.length} of {changes.total} changed deals (won first, then by value); the CSV has the summary.
            </Note>
          </div>
        ) : null}
      </Section>
    </div>
  );
}

function tone(t: 'green' | 'red' | 'amber' | 'indigo' | undefined): string {
  return t === 'green'
    ? 'text-emerald-700'
    : t === 'red'
      ? 'text-rose-700'
      : t === 'amber'
        ? 'text-amber-700'
        : t === 'indigo'
          ? 'text-indigo-700'
          : 'text-slate-800';
}
