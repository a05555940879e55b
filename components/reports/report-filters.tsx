import Form from 'next/form';
import type { ReportSearch } from '@/lib/reports/report-search';
import type { ReportSlug } from '@/lib/reports/report-catalog';

const field = 'flex min-w-0 flex-col gap-1 text-xs font-medium text-slate-600';
const control =
  'h-9 w-full min-w-0 rounded-md border border-slate-300 bg-white px-2 text-sm text-slate-900 focus:border-indigo-500 focus:outline-none focus:ring-2 focus:ring-indigo-200';

/**
 * The report's filters as a GET form (next/form: a client-side navigation that puts them in the
 * URL, and a plain form submission without JavaScript).
 */
export function ReportFilters({ slug, search }: { slug: ReportSlug; search: ReportSearch }) {
  const snapshot = slug === 'snapshot';
  return (
    <Form
      action={`/reports/${slug}`}
      aria-label="Report filters"
      className="grid grid-cols-1 items-end gap-3 min-[480px]:grid-cols-2 sm:grid-cols-3 lg:flex lg:flex-wrap"
    >
      <label className={`${field} lg:w-48`}>
        Pipeline
        <select name="pipeline" defaultValue={search.form.pipeline} className={control}>
          {search.pipelines.map((p) => (
            <option key={p.id} value={p.publicId}>
              {p.name}
            </option>
          ))}
        </select>
      </label>
      <label className={`${field} lg:w-48`}>
        Owner
        <select name="owner" defaultValue={search.form.owner} className={control}>
          <option value="">Everyone</option>
          {search.owners.map((o) => (
            <option key={o.id} value={o.publicId}>
              {o.name}
            </option>
          ))}
        </select>
      </label>
      {snapshot ? (
        <>
          <label className={`${field} lg:w-40`}>
            Board as of
            <input type="date" name="as_of" defaultValue={search.form.asOf} className={control} />
          </label>
          <label className={`${field} lg:w-40`} title="Empty: 30 days before the board date">
            Compare with
            <input type="date" name="compare" defaultValue={search.form.compare} className={control} />
          </label>
        </>
      ) : (
        <>
          <label className={`${field} lg:w-40`}>
            {slug === 'forecast' ? 'Months from' : 'From'}
            <input type="date" name="from" defaultValue={search.form.from} className={control} />
          </label>
          <label className={`${field} lg:w-40`}>
            {slug === 'forecast' ? 'Months to' : 'To'}
            <input type="date" name="to" defaultValue={search.form.to} className={control} />
          </label>
        </>
      )}
      {slug === 'movement' || slug === 'forecast' || slug === 'snapshot' || slug === 'lost-deals' ? (
        <label className={`${field} lg:w-32`} title="The currency of the converted figures">
          Currency
          <select name="currency" defaultValue={search.form.currency} className={control}>
            {search.currencies.map((c) => (
              <option key={c} value={c}>
                {c === search.homeCurrency ? `${c} (home)` : c}
              </option>
            ))}
          </select>
        </label>
      ) : null}
      {search.breakdown ? <input type="hidden" name="breakdown" value="1" /> : null}
      <button
        type="submit"
        className="h-9 rounded-md bg-indigo-600 px-4 text-sm font-medium text-white hover:bg-indigo-700 focus:outline-none focus:ring-2 focus:ring-indigo-300"
      >
        Apply
      </button>
    </Form>
  );
}
