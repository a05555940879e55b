import 'server-only';
import { fromPublicId, toPublicId } from '../ids';
import { isKnownCurrency } from '../schemas/exchange-rate';
import { reportDateSchema } from '../schemas/report';
import type { ServiceContext } from '../services/context';
import { loadExchangeRateTable } from '../services/currency/load-exchange-rate-table';
import { listPipelines } from '../services/pipelines/list-pipelines';
import { addDays, defaultPeriod, resolvePeriod, startOfUtcDay, type ReportPeriod } from '../services/reports/report-period';
import { listUsers, type UserSummary } from '../services/users/list-users';
import { utcDay } from '../time/utc-day';
import type { ReportSlug } from './report-catalog';

// The filters of a report page, from its URL (so a report is a shareable link):
//   ?pipeline=pipe_…  ?owner=user_…  ?from=2026-01-01&to=2026-03-31 (inclusive days, UTC)
//   snapshot: ?as_of=2026-03-31 (the end of that day) &compare=2026-03-01 (the earlier date)
//   ?currency=EUR (the converted figures' currency; default the home currency) ?breakdown=1 (per-currency amounts shown)
// An unusable value is reported on the page and ignored (a mistyped link still opens the report).

export type SearchParams = Record<string, string | string[] | undefined>;

export interface ReportSearch {
  pipelineId: number;
  pipelineName: string;
  ownerId: number | null;
  period: ReportPeriod;
  /** snapshot: the later moment, and the earlier one it is compared with */
  asOf: Date;
  compareTo: Date;
  pipelines: { id: number; publicId: string; name: string }[];
  owners: UserSummary[];
  problems: string[];
  /** the currency of the converted figures, and the workspace's home currency (the default) */
  currency: string;
  homeCurrency: string;
  /** the currencies figures can be converted into: the home currency and every currency with a rate */
  currencies: string[];
  /** show each converted figure's per-currency amounts beside it */
  breakdown: boolean;
  /** the values to show in the form and carry in links (inclusive days, YYYY-MM-DD; compare: '' = 30 days before as_of) */
  form: { pipeline: string; owner: string; from: string; to: string; asOf: string; compare: string; currency: string };
}

function first(value: string | string[] | undefined): string | undefined {
  const v = Array.isArray(value) ? value[0] : value;
  return v === undefined || v.trim() === '' ? undefined : v.trim();
}

function parseDate(field: string, value: string | undefined, boundary: 'start' | 'end', problems: string[]): Date | undefined {
  if (value === undefined) return undefined;
  const parsed = reportDateSchema(field, boundary).safeParse(value);
  if (parsed.success) return parsed.data;
  problems.push(`“${value}” is not a date; showing the default instead.`);
  return undefined;
}

/** The inclusive last day of a period ending (exclusively) at `end`. */
export function lastDay(end: Date): string {
  return new Date(end.getTime() - 1).toISOString().slice(0, 10);
}

export async function parseReportSearch(ctx: ServiceContext, slug: ReportSlug, params: SearchParams, now: Date): Promise<ReportSearch> {
  const problems: string[] = [];
  const [pipelineRows, owners, rates] = await Promise.all([listPipelines({ ctx }), listUsers({ ctx }), loadExchangeRateTable()]);
  const pipelines = pipelineRows.map((p) => ({ id: p.id, publicId: toPublicId('pipeline', p.id), name: p.name }));

  const pipelineParam = first(params.pipeline);
  let pipeline = pipelines[0];
  if (pipelineParam !== undefined) {
    const id = fromPublicId('pipeline', pipelineParam);
    const found = pipelines.find((p) => p.id === id);
    if (found) pipeline = found;
    else problems.push(`There is no pipeline ${pipelineParam}; showing ${pipeline?.name ?? 'the default pipeline'}.`);
  }
  const ownerParam = first(params.owner);
  let ownerId: number | null = null;
  if (ownerParam !== undefined) {
    const id = fromPublicId('user', ownerParam);
    if (owners.some((o) => o.id === id)) ownerId = id;
    else problems.push(`There is no user ${ownerParam}; showing every owner’s deals.`);
  }

  const kind = slug === 'time-in-stage' ? 'stage-durations' : slug;
  const given = { from: parseDate('from', first(params.from), 'start', problems), to: parseDate('to', first(params.to), 'end', problems) };
  let period = resolvePeriod(kind, given, now);
  if (period.to.getTime() <= period.from.getTime()) {
    problems.push('The end date is before the start date; showing the default period.');
    period = defaultPeriod(kind, now);
  }

  const asOf = parseDate('as_of', first(params.as_of), 'end', problems) ?? now;
  // default: the end of the day 30 days before the snapshot's day
  const thirtyDaysBefore = addDays(startOfUtcDay(new Date(asOf.getTime() - 1)), -29);
  let compareTo = parseDate('compare', first(params.compare), 'end', problems) ?? thirtyDaysBefore;
  if (compareTo.getTime() >= asOf.getTime()) {
    problems.push('The comparison date must be before the snapshot date; comparing with 30 days earlier.');
    compareTo = thirtyDaysBefore;
  }

  const currencies = [rates.home, ...Object.keys(rates.byCurrency).sort()];
  const currencyParam = first(params.currency)?.toUpperCase();
  let currency = rates.home;
  if (currencyParam !== undefined) {
    if (/^[A-Z]{3}$/.test(currencyParam) && isKnownCurrency(currencyParam)) currency = currencyParam;
    else problems.push(`“${currencyParam}” is not a currency; showing figures in ${rates.home}.`);
  }
  if (!currencies.includes(currency)) currencies.push(currency);

  return {
    pipelineId: pipeline?.id ?? 0,
    pipelineName: pipeline?.name ?? '',
    ownerId,
    period,
    asOf,
    compareTo,
    pipelines,
    owners,
    problems,
    currency,
    homeCurrency: rates.home,
    currencies,
    breakdown: first(params.breakdown) === '1',
    form: {
      pipeline: pipeline?.publicId ?? '',
      owner: ownerParam !== undefined && ownerId !== null ? ownerParam : '',
      from: utcDay(period.from),
      to: lastDay(period.to),
      asOf: asOf === now ? utcDay(now) : lastDay(asOf),
      // empty unless chosen: the comparison then follows the snapshot date (30 days before it)
      compare: first(params.compare) !== undefined && compareTo !== thirtyDaysBefore ? lastDay(compareTo) : '',
      currency,
    },
  };
}
