'use client';

import Form from 'next/form';
import Link from 'next/link';
import { ChannelBadge } from '@/components/deal/changes-timeline';
import { formatDateTime, useTimeZone } from '@/components/deal/format';
import { inputClass } from '@/components/deal/ui';
import { describeActor, describeChange, humanize, type ChangeNames } from '@/lib/change-record/describe-change';
import type { PublicChangeEvent } from '@/lib/change-record/present-change-event';
import { recordHref } from '@/lib/change-record/record-href';
import { auditLogQuery, type AuditLogSearch } from '@/lib/schemas/audit-log';

// Settings → Audit log: every change in the workspace, newest first, filtered by the URL (a GET
// form, so a filtered view is a link to share), a page at a time by keyset (Older / Newest), and
// exported as CSV with the same filters. A table on wide screens, a list of cards on a phone.

interface AuditLogProps {
  page: { events: PublicChangeEvent[]; names: ChangeNames; nextBefore: string | null };
  form: AuditLogSearch['form'];
  problems: string[];
  /** this is not the newest page */
  paged: boolean;
  users: { id: string; name: string }[];
  types: string[];
  recordTypes: string[];
}

const selectClass = `${inputClass} h-8 py-1`;

function recordLabel(event: PublicChangeEvent): string {
  const data = event.data;
  const name =
    typeof data.name === 'string'
      ? data.name
      : typeof data.first_name === 'string'
        ? `${data.first_name} ${data.last_name ?? ''}`.trim()
        : typeof data.title === 'string'
          ? data.title
          : typeof data.subject === 'string'
            ? data.subject
            : typeof data.label === 'string'
              ? data.label
              : event.record.id;
  return name;
}

function RecordCell({ event }: { event: PublicChangeEvent }) {
  const href = recordHref(event);
  const label = recordLabel(event);
  return (
    <span className="min-w-0">
      <span className="block text-xs text-slate-500">{humanize(event.record.type)}</span>
      {href ? (
        <Link href={href} className="break-words text-blue-700 underline underline-offset-2 hover:text-blue-900">
          {label}
        </Link>
      ) : (
        <span className="break-words text-slate-800">{label}</span>
      )}
    </span>
  );
}

function ChangeText({ event, names, timeZone }: { event: PublicChangeEvent; names: ChangeNames; timeZone: string }) {
  const described = describeChange(event, { names, timeZone });
  return (
    <div className="min-w-0">
      <p data-testid="audit-summary" className="text-slate-900">
        {described.summary}
      </p>
      {described.lines.length > 0 ? (
        <ul className="mt-0.5 space-y-0.5 text-xs text-slate-600">
          {described.lines.map((line) => (
            <li key={line.field} className="break-words">
              <span className="text-slate-500">{line.label}:</span> {line.from} <span className="text-slate-500">→</span>{' '}
              <span className="font-medium text-slate-900">{line.to}</span>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

function Filters({ form, users, types, recordTypes }: Pick<AuditLogProps, 'form' | 'users' | 'types' | 'recordTypes'>) {
  return (
    <Form
      key={JSON.stringify(form)}
      action="/settings/audit-log"
      aria-label="Filter the audit log"
      className="grid grid-cols-2 gap-2 rounded-xl border border-slate-200 bg-white p-3 shadow-sm sm:grid-cols-3 lg:grid-cols-[repeat(6,minmax(0,1fr))_auto]"
    >
      <div className="min-w-0">
        <label htmlFor="audit-user" className="block text-xs font-medium text-slate-600">
          User
        </label>
        <select id="audit-user" name="user" defaultValue={form.user} className={selectClass}>
          <option value="">Anyone</option>
          {users.map((user) => (
            <option key={user.id} value={user.id}>
              {user.name}
            </option>
          ))}
        </select>
      </div>
      <div className="min-w-0">
        <label htmlFor="audit-type" className="block text-xs font-medium text-slate-600">
          Type
        </label>
        <select id="audit-type" name="type" defaultValue={form.type} className={selectClass}>
          <option value="">Any type</option>
          {types.map((type) => (
            <option key={type} value={type}>
              {type.endsWith('.*') ? `${type.slice(0, -2)} (all)` : type}
            </option>
          ))}
        </select>
      </div>
      <div className="min-w-0">
        <label htmlFor="audit-record-type" className="block text-xs font-medium text-slate-600">
          Record type
        </label>
        <select id="audit-record-type" name="record_type" defaultValue={form.record_type} className={selectClass}>
          <option value="">Any record</option>
          {recordTypes.map((type) => (
            <option key={type} value={type}>
              {humanize(type)}
            </option>
          ))}
        </select>
      </div>
      <div className="min-w-0">
        <label htmlFor="audit-record-id" className="block text-xs font-medium text-slate-600">
          Record ID
        </label>
        <input id="audit-record-id" name="record_id" defaultValue={form.record_id} placeholder="deal_…" className={`${inputClass} h-8 py-1`} />
      </div>
      <div className="min-w-0">
        <label htmlFor="audit-from-utc" className="block text-xs font-medium text-slate-600">
          From (UTC)
        </label>
        <input id="audit-from-utc" type="date" name="from" defaultValue={form.from} className={`${inputClass} h-8 py-1`} />
      </div>
      <div className="min-w-0">
        <label htmlFor="audit-to-utc" className="block text-xs font-medium text-slate-600">
          To (UTC)
        </label>
        <input id="audit-to-utc" type="date" name="to" defaultValue={form.to} className={`${inputClass} h-8 py-1`} />
      </div>
      <div className="col-span-2 flex items-end gap-2 sm:col-span-3 lg:col-span-1">
        <button type="submit" className="h-8 rounded-md bg-blue-600 px-3 text-sm font-medium text-white hover:bg-blue-700">
          Filter
        </button>
        <Link href="/settings/audit-log" className="inline-flex h-8 items-center rounded-md px-2 text-sm text-slate-600 hover:bg-slate-100">
          Clear
        </Link>
      </div>
    </Form>
  );
}

export function AuditLog({ page, form, problems, paged, users, types, recordTypes }: AuditLogProps) {
  const timeZone = useTimeZone();
  const query = auditLogQuery(form);
  return (
    <section aria-labelledby="audit-log-heading" className="space-y-3">
      <div className="flex flex-wrap items-end justify-between gap-2">
        <div>
          <h2 id="audit-log-heading" className="text-base font-semibold text-slate-900">
            Audit log
          </h2>
          <p className="text-sm text-slate-600">Every change in the workspace: who made it, when, through which door, and what changed.</p>
        </div>
        <a
          href={`/settings/audit-log/csv${query}`}
          download
          className="inline-flex h-8 items-center rounded-md border border-slate-300 bg-white px-3 text-sm font-medium text-slate-700 hover:bg-slate-50"
        >
          Export CSV
        </a>
      </div>
      <Filters form={form} users={users} types={types} recordTypes={recordTypes} />
      {problems.length > 0 ? (
        <ul role="alert" className="rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900">
          {problems.map((problem) => (
            <li key={problem}>{problem} That filter is left out.</li>
          ))}
        </ul>
      ) : null}

      {page.events.length === 0 ? (
        <p className="rounded-xl border border-dashed border-slate-300 bg-white px-4 py-8 text-center text-sm text-slate-600">
          No changes match these filters.
        </p>
      ) : (
        <>
          <div className="hidden overflow-x-auto rounded-xl border border-slate-200 bg-white shadow-sm md:block">
            <table aria-label="Audit log" className="w-full border-collapse text-sm">
              <thead className="bg-slate-50 text-left text-xs tracking-wide text-slate-500 uppercase">
                <tr>
                  {['Time', 'Who', 'Channel', 'Type', 'Record', 'Change'].map((header) => (
                    <th key={header} scope="col" className="px-3 py-2 font-medium whitespace-nowrap">
                      {header}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100 align-top">
                {page.events.map((event) => (
                  <tr key={event.id} data-testid="audit-row" data-type={event.type}>
                    <td className="px-3 py-2 text-xs whitespace-nowrap text-slate-600 tabular-nums">
                      <time dateTime={event.occurred_at}>{formatDateTime(event.occurred_at, timeZone)}</time>
                    </td>
                    <td data-testid="audit-actor" className="px-3 py-2 whitespace-nowrap text-slate-800">
                      {describeActor(event, page.names)}
                    </td>
                    <td className="px-3 py-2">
                      <ChannelBadge channel={event.actor.channel} />
                    </td>
                    <td className="px-3 py-2 font-mono text-xs whitespace-nowrap text-slate-700">{event.type}</td>
                    <td className="max-w-56 px-3 py-2">
                      <RecordCell event={event} />
                    </td>
                    <td className="min-w-72 px-3 py-2">
                      <ChangeText event={event} names={page.names} timeZone={timeZone} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <ol aria-label="Audit log" className="space-y-2 md:hidden">
            {page.events.map((event) => (
              <li key={event.id} data-testid="audit-card" className="rounded-xl border border-slate-200 bg-white p-3 text-sm shadow-sm">
                <div className="flex items-start justify-between gap-2">
                  <ChangeText event={event} names={page.names} timeZone={timeZone} />
                  <ChannelBadge channel={event.actor.channel} />
                </div>
                <div className="mt-2 flex flex-wrap items-end justify-between gap-x-3 gap-y-1 text-xs text-slate-500">
                  <RecordCell event={event} />
                  <span>
                    {describeActor(event, page.names)} · <time dateTime={event.occurred_at}>{formatDateTime(event.occurred_at, timeZone)}</time>
                  </span>
                </div>
                <p className="mt-1 font-mono text-[11px] text-slate-500">{event.type}</p>
              </li>
            ))}
          </ol>
        </>
      )}
      <nav aria-label="Pages" className="flex justify-end gap-2">
        {paged ? (
          <Link
            href={`/settings/audit-log${query}`}
            className="inline-flex h-8 items-center rounded-md border border-slate-300 bg-white px-3 text-sm text-slate-700 hover:bg-slate-50"
          >
            Newest
          </Link>
        ) : null}
        {page.nextBefore ? (
          <Link
            href={`/settings/audit-log${auditLogQuery(form, { before: page.nextBefore })}`}
            className="inline-flex h-8 items-center rounded-md border border-slate-300 bg-white px-3 text-sm text-slate-700 hover:bg-slate-50"
          >
            Older →
          </Link>
        ) : null}
      </nav>
    </section>
  );
}
