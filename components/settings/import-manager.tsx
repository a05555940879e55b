'use client';

import { useQuery } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useId, useRef, useState } from 'react';
import { toast } from 'sonner';
import { createImportAction, importStatusAction, previewImportAction, undoImportAction } from '@/lib/actions/imports';
import type { ImportEntity } from '@/lib/imports/import-fields';
import { importKeys } from '@/lib/query-keys';
import type { ImportJson } from '@/lib/schemas/import';
import type { ImportPreview } from '@/lib/services/imports/preview-import';
import { formatDateTime, useTimeZone } from '@/components/deal/format';
import { Button, EmptyState, Spinner, inputClass } from '@/components/deal/ui';
import { XCircleIcon } from '@/components/ui/icons';
import { ActionDialog } from '@/components/ui/modal-dialog';
import { useHydrated } from '@/components/ui/use-hydrated';

const ENTITY_LABELS: Record<ImportEntity, string> = { deals: 'Deals', contacts: 'Contacts', companies: 'Companies' };
const FINISHED = new Set(['done', 'failed', 'undone']);

function Counts({ result }: { result: Pick<ImportJson, 'created' | 'updated' | 'skipped' | 'rejected'> }) {
  const items = [
    ['Created', result.created, 'text-emerald-700'],
    ['Updated', result.updated, 'text-blue-700'],
    ['Skipped', result.skipped, 'text-slate-700'],
    ['Rejected', result.rejected, 'text-rose-700'],
  ] as const;
  return (
    <dl className="grid grid-cols-2 gap-2 sm:grid-cols-4">
      {items.map(([label, count, tone]) => (
        <div key={label} className="rounded-lg border border-slate-200 bg-white px-3 py-2">
          <dt className="text-xs text-slate-500">{label}</dt>
          <dd className={`text-lg font-semibold ${tone}`} data-testid={`count-${label.toLowerCase()}`}>
            {count.toLocaleString()}
          </dd>
        </div>
      ))}
    </dl>
  );
}

function RejectedList({ result }: { result: ImportJson }) {
  const rejected = result.results.filter((r) => r.outcome === 'rejected').slice(0, 20);
  if (rejected.length === 0) return null;
  return (
    <ul aria-label="Rejected rows" className="space-y-1 text-sm">
      {rejected.map((r) => (
        <li key={r.row} className="rounded-md bg-rose-50 px-2 py-1 text-rose-900">
          <span className="font-medium">Row {r.row}:</span> {r.reason}
        </li>
      ))}
      {result.rejected > rejected.length ? <li className="text-xs text-slate-500">…and {result.rejected - rejected.length} more</li> : null}
    </ul>
  );
}

/** Settings → Import: choose what to import, upload, check the mapping and preview, dry run, import, follow it, undo it. */
export function ImportManager({ recent }: { recent: ImportJson[] }) {
  const router = useRouter();
  const timeZone = useTimeZone();
  const hydrated = useHydrated();
  const ids = { entity: useId(), file: useId(), mapping: useId(), preview: useId() };
  const fileInput = useRef<HTMLInputElement>(null);
  const [entity, setEntity] = useState<ImportEntity>('deals');
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [mapping, setMapping] = useState<Record<string, string>>({});
  const [onMatch, setOnMatch] = useState<'update' | 'skip'>('update');
  const [busy, setBusy] = useState<'preview' | 'dry-run' | 'import' | null>(null);
  const [dryRun, setDryRun] = useState<ImportJson | null>(null);
  const [importId, setImportId] = useState<string | null>(null);
  const [undoTarget, setUndoTarget] = useState<ImportJson | null>(null);
  const [undoPending, setUndoPending] = useState(false);
  const [undoError, setUndoError] = useState<string | null>(null);

  const progress = useQuery({
    queryKey: importKeys.progress(importId ?? ''),
    enabled: importId !== null,
    queryFn: async () => {
      const result = await importStatusAction(importId!);
      if (!result.ok) throw new Error(result.message);
      if (FINISHED.has(result.data.status)) router.refresh();
      return result.data;
    },
    refetchInterval: (query) => (query.state.data && FINISHED.has(query.state.data.status) ? false : 700),
  });

  // undo takes back what happened to the import's records since: say how much before asking
  const undoCheck = useQuery({
    queryKey: importKeys.undoCheck(undoTarget?.id ?? ''),
    enabled: Boolean(undoTarget?.id),
    staleTime: 0,
    gcTime: 0,
    queryFn: async () => {
      const result = await importStatusAction(undoTarget!.id!);
      if (!result.ok) throw new Error(result.message);
      return result.data.changed_since;
    },
  });

  const formFor = (extra: Record<string, string>, chosen: File | null = file, kind: ImportEntity = entity) => {
    const form = new FormData();
    if (chosen) form.set('file', chosen);
    form.set('entity', kind);
    for (const [name, value] of Object.entries(extra)) form.set(name, value);
    return form;
  };

  const loadPreview = async (chosen: File | null, kind: ImportEntity, withMapping?: Record<string, string>) => {
    setDryRun(null);
    if (!chosen) {
      setPreview(null);
      return;
    }
    setBusy('preview');
    const result = await previewImportAction(formFor(withMapping ? { mapping: JSON.stringify(withMapping) } : {}, chosen, kind));
    setBusy(null);
    if (!result.ok) {
      toast.error(result.message);
      setPreview(null);
      return;
    }
    setPreview(result.data);
    setMapping(result.data.mapping);
  };

  const changeMapping = (header: string, field: string) => {
    const next = { ...mapping };
    // a field fills one column: taking it elsewhere frees it here
    for (const [other, value] of Object.entries(next)) if (field !== '' && value === field) next[other] = '';
    next[header] = field;
    setMapping(next);
    void loadPreview(file, entity, next);
  };

  const run = async (dry: boolean) => {
    setBusy(dry ? 'dry-run' : 'import');
    const result = await createImportAction(formFor({ mapping: JSON.stringify(mapping), on_match: onMatch, dry_run: String(dry) }));
    setBusy(null);
    if (!result.ok) {
      toast.error(result.message);
      return;
    }
    if (dry) {
      setDryRun(result.data);
      return;
    }
    setDryRun(null);
    setImportId(result.data.id);
    toast.success('Import started');
  };

  const undo = async () => {
    if (!undoTarget?.id) return;
    setUndoPending(true);
    const result = await undoImportAction(undoTarget.id);
    setUndoPending(false);
    if (!result.ok) {
      setUndoError(result.message);
      return;
    }
    setUndoTarget(null);
    toast.success(`Import of ${result.data.file_name} undone`);
    if (result.data.id === importId) void progress.refetch();
    router.refresh();
  };

  const current = progress.data ?? null;
  const percent =
    current && current.total_rows > 0 ? Math.round((current.done_rows / current.total_rows) * 100) : current && FINISHED.has(current.status) ? 100 : 0;
  const mappedHeaders = preview ? preview.headers.filter((h) => mapping[h]) : [];

  return (
    <div className="space-y-6">
      <section aria-labelledby="import-heading" className="space-y-4">
        <div className="max-w-3xl">
          <h2 id="import-heading" className="text-base font-semibold text-slate-900">
            Import from CSV
          </h2>
          <p className="text-sm text-slate-600">
            Bring in deals, contacts or companies from a spreadsheet or another CRM. Exports of Pipedrive and HubSpot, and Dealboard’s own, are mapped for you.
            Records that already exist are matched by external ID, email (contacts) or domain (companies). An import can be undone for 7 days.
          </p>
        </div>

        <div className="grid gap-3 rounded-xl border border-slate-200 bg-white p-3 shadow-sm sm:grid-cols-[minmax(0,12rem)_minmax(0,1fr)] sm:p-4">
          <div>
            <label htmlFor={ids.entity} className="mb-1 block text-sm font-medium text-slate-700">
              What to import
            </label>
            <select
              id={ids.entity}
              className={inputClass}
              value={entity}
              disabled={!hydrated}
              onChange={(event) => {
                const kind = event.target.value as ImportEntity;
                setEntity(kind);
                void loadPreview(file, kind);
              }}
            >
              {Object.entries(ENTITY_LABELS).map(([value, label]) => (
                <option key={value} value={value}>
                  {label}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label htmlFor={ids.file} className="mb-1 block text-sm font-medium text-slate-700">
              CSV file
            </label>
            <input
              ref={fileInput}
              id={ids.file}
              type="file"
              accept=".csv,.txt,text/csv"
              disabled={!hydrated}
              className="block w-full text-sm text-slate-700 file:mr-3 file:rounded-md file:border file:border-slate-300 file:bg-white file:px-3 file:py-1.5 file:text-sm file:font-medium file:text-slate-700 hover:file:bg-slate-50"
              onChange={(event) => {
                const chosen = event.target.files?.[0] ?? null;
                setFile(chosen);
                void loadPreview(chosen, entity);
              }}
            />
            <p className="mt-1 text-xs text-slate-500">UTF-8 or Windows-1252, separated by commas, semicolons or tabs; up to 50 MB.</p>
          </div>
        </div>

        {busy === 'preview' ? (
          <p className="flex items-center gap-2 text-sm text-slate-600">
            <Spinner /> Reading the file…
          </p>
        ) : null}

        {preview ? (
          <>
            <section aria-labelledby={ids.mapping} className="space-y-2">
              <h3 id={ids.mapping} className="text-sm font-semibold text-slate-900">
                Columns
              </h3>
              <p className="text-xs text-slate-500">
                {preview.encoding}, {preview.separator}-separated. Choose the field each column fills; unmapped columns are ignored.
              </p>
              <div className="overflow-x-auto rounded-xl border border-slate-200 bg-white shadow-sm">
                <table aria-label="Column mapping" className="w-full min-w-[480px] text-left text-sm">
                  <thead className="bg-slate-50 text-[11px] font-medium uppercase tracking-wide text-slate-500">
                    <tr>
                      <th className="px-3 py-2 sm:px-4">Column in the file</th>
                      <th className="px-3 py-2">First value</th>
                      <th className="px-3 py-2">Field</th>
                    </tr>
                  </thead>
                  <tbody className="divide-y divide-slate-100">
                    {preview.headers.map((header, index) => (
                      <tr key={header}>
                        <td className="px-3 py-2 font-medium text-slate-900 sm:px-4">{header}</td>
                        <td className="max-w-[12rem] truncate px-3 py-2 text-slate-600">{preview.rows[0]?.cells[index] ?? ''}</td>
                        <td className="px-3 py-2">
                          <select
                            aria-label={`Field for column ${header}`}
                            className={inputClass}
                            value={mapping[header] ?? ''}
                            onChange={(event) => changeMapping(header, event.target.value)}
                          >
                            <option value="">— Ignore —</option>
                            {preview.fields.map((field) => (
                              <option key={field.key} value={field.key}>
                                {field.label}
                              </option>
                            ))}
                          </select>
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </section>

            <section aria-labelledby={ids.preview} className="space-y-2">
              <h3 id={ids.preview} className="text-sm font-semibold text-slate-900">
                Preview of the first rows
              </h3>
              {/* focusable so a keyboard can scroll the wide preview sideways: it holds no control of its own */}
              <section
                aria-label="Preview rows"
                // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must take focus to scroll by keyboard
                tabIndex={0}
                className="overflow-x-auto rounded-xl border border-slate-200 bg-white shadow-sm focus-visible:outline-2 focus-visible:outline-indigo-600"
              >
                <table aria-label="Preview" className="w-full min-w-[480px] text-left text-sm">
                  <thead className="bg-slate-50 text-[11px] font-medium uppercase tracking-wide text-slate-500">
                    <tr>
                      <th className="px-3 py-2 sm:px-4">Row</th>
                      {mappedHeaders.map((header) => (
                        <th key={header} className="whitespace-nowrap px-3 py-2">
                          {preview.fields.find((f) => f.key === mapping[header])?.label ?? header}
                        </th>
                      ))}
                      <th className="px-3 py-2">Problem</th>
                    </tr>
                  </thead>
                  <tbody className="divide-y divide-slate-100">
                    {preview.rows.map((row) => (
                      <tr key={row.row} className={row.error ? 'bg-rose-50/60' : undefined}>
                        <td className="px-3 py-2 text-slate-500 sm:px-4">{row.row}</td>
                        {mappedHeaders.map((header) => (
                          <td key={header} className="max-w-[14rem] truncate px-3 py-2 text-slate-800">
                            {row.cells[preview.headers.indexOf(header)] ?? ''}
                          </td>
                        ))}
                        <td className="min-w-[16rem] px-3 py-2 text-rose-800">{row.error ?? <span className="text-emerald-700">OK</span>}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </section>
            </section>

            <fieldset className="space-y-1">
              <legend className="text-sm font-semibold text-slate-900">When a row matches an existing record</legend>
              <div className="flex flex-wrap gap-4 text-sm text-slate-700">
                {(['update', 'skip'] as const).map((choice) => (
                  <label key={choice} className="inline-flex items-center gap-2">
                    <input type="radio" name="on-match" value={choice} checked={onMatch === choice} onChange={() => setOnMatch(choice)} />
                    {choice === 'update' ? 'Update it with the file’s values' : 'Skip the row'}
                  </label>
                ))}
              </div>
            </fieldset>

            <div className="flex flex-wrap gap-2">
              <Button disabled={busy !== null} onClick={() => void run(true)}>
                {busy === 'dry-run' ? <Spinner /> : null}
                Dry run
              </Button>
              <Button tone="primary" disabled={busy !== null} onClick={() => void run(false)}>
                {busy === 'import' ? <Spinner /> : null}
                Import
              </Button>
            </div>
          </>
        ) : null}

        {dryRun ? (
          <section aria-label="Dry run result" className="space-y-3 rounded-xl border border-blue-200 bg-blue-50/50 p-3 sm:p-4">
            <h3 className="text-sm font-semibold text-slate-900">Dry run: nothing was written</h3>
            <p className="text-sm text-slate-700">Of {dryRun.total_rows.toLocaleString()} rows, the import would do this:</p>
            <Counts result={dryRun} />
            <RejectedList result={dryRun} />
          </section>
        ) : null}

        {current ? (
          <section aria-label="Import progress" className="space-y-3 rounded-xl border border-slate-200 bg-white p-3 shadow-sm sm:p-4">
            <div className="flex flex-wrap items-baseline justify-between gap-2">
              <h3 className="text-sm font-semibold text-slate-900">
                Importing {current.file_name}: <span data-testid="import-status">{current.status}</span>
              </h3>
              <span className="text-sm text-slate-600">
                {current.done_rows.toLocaleString()} of {current.total_rows.toLocaleString()} rows
              </span>
            </div>
            <div
              role="progressbar"
              aria-label="Import progress"
              aria-valuemin={0}
              aria-valuemax={100}
              aria-valuenow={percent}
              className="h-2 overflow-hidden rounded-full bg-slate-100"
            >
              <div className="h-full rounded-full bg-blue-600 transition-[width]" style={{ width: `${percent}%` }} />
            </div>
            <Counts result={current} />
            {current.error ? <p className="text-sm text-rose-700">{current.error}</p> : null}
            <RejectedList result={current} />
            <div className="flex flex-wrap gap-2">
              {current.rejected_rows_url && current.id ? (
                <a
                  href={`/settings/import/${current.id}/rejected-rows`}
                  download
                  className="inline-flex h-8 items-center rounded-md border border-slate-300 bg-white px-3 text-sm font-medium text-slate-700 hover:bg-slate-50"
                >
                  Download rejected rows
                </a>
              ) : null}
              {current.undo_until ? (
                <Button tone="danger" onClick={() => setUndoTarget(current)}>
                  Undo import
                </Button>
              ) : null}
            </div>
          </section>
        ) : null}
      </section>

      <section aria-labelledby="recent-imports-heading" className="space-y-2">
        <h2 id="recent-imports-heading" className="text-base font-semibold text-slate-900">
          Recent imports
        </h2>
        {recent.length === 0 ? (
          <EmptyState icon={<XCircleIcon className="h-8 w-8" />} title="No imports yet" />
        ) : (
          <div className="overflow-x-auto rounded-xl border border-slate-200 bg-white shadow-sm">
            <table aria-label="Recent imports" className="w-full min-w-[640px] text-left text-sm">
              <thead className="bg-slate-50 text-[11px] font-medium uppercase tracking-wide text-slate-500">
                <tr>
                  <th className="px-3 py-2 sm:px-4">Started</th>
                  <th className="px-3 py-2">File</th>
                  <th className="px-3 py-2">Status</th>
                  <th className="px-3 py-2">Created · updated · skipped · rejected</th>
                  <th className="px-3 py-2">
                    <span className="sr-only">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {recent.map((item) => (
                  <tr key={item.id} className="text-slate-700">
                    <td className="whitespace-nowrap px-3 py-2 sm:px-4">{formatDateTime(item.created_at, timeZone)}</td>
                    <td className="px-3 py-2">
                      <span className="block font-medium text-slate-900">{item.file_name}</span>
                      <span className="text-xs text-slate-500">{ENTITY_LABELS[item.entity]}</span>
                    </td>
                    <td className="px-3 py-2">{item.status}</td>
                    <td className="whitespace-nowrap px-3 py-2">
                      {item.created} · {item.updated} · {item.skipped} · {item.rejected}
                    </td>
                    <td className="whitespace-nowrap px-3 py-2 text-right">
                      {item.rejected > 0 ? (
                        <a
                          href={`/settings/import/${item.id}/rejected-rows`}
                          download
                          aria-label={`Download rejected rows of ${item.file_name}`}
                          className="inline-flex h-7 items-center rounded-md px-2 text-xs font-medium text-blue-700 hover:bg-slate-100"
                        >
                          Rejected rows
                        </a>
                      ) : null}
                      {item.undo_until ? (
                        <Button size="sm" tone="ghost" className="hover:text-rose-700" onClick={() => setUndoTarget(item)}>
                          Undo
                        </Button>
                      ) : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <ActionDialog
        tone="danger"
        open={undoTarget !== null}
        title="Undo this import?"
        submitLabel="Undo import"
        pending={undoPending}
        error={undoError}
        onSubmit={() => void undo()}
        onCancel={() => {
          setUndoTarget(null);
          setUndoError(null);
        }}
      >
        <p>{undoTarget ? undoSummary(undoTarget) : null}</p>
        <ChangedSinceImport check={undoCheck} />
      </ActionDialog>
    </div>
  );
}

/** "The 2 records the import of deals.csv created are removed, with their history, and the 3 it updated get their previous values back." */
function undoSummary(target: ImportJson): string {
  const records = (n: number) => (n === 1 ? '1 record' : `${n.toLocaleString()} records`);
  const removed = target.created === 1 ? 'is removed, with its history' : 'are removed, with their history';
  const restored = `get${target.updated === 1 ? 's' : ''} ${target.updated === 1 ? 'its' : 'their'} previous values back`;
  if (target.created > 0 && target.updated > 0) {
    return `The ${records(target.created)} the import of ${target.file_name} created ${removed}, and the ${target.updated.toLocaleString()} it updated ${restored}.`;
  }
  if (target.created > 0) return `The ${records(target.created)} the import of ${target.file_name} created ${removed}.`;
  if (target.updated > 0) return `The ${records(target.updated)} the import of ${target.file_name} updated ${restored}.`;
  return `The import of ${target.file_name} created and updated nothing: undoing it changes no record.`;
}

/** What undo would take back besides the import itself: the changes made to its records since. */
function ChangedSinceImport({ check }: { check: { isPending: boolean; isError: boolean; data: number | null | undefined } }) {
  if (check.isPending) return <p className="mt-2 text-slate-500">Checking whether any of them changed since the import…</p>;
  if (check.isError || check.data === null || check.data === undefined) return null;
  if (check.data === 0) return <p className="mt-2 text-slate-600">None of them changed after the import.</p>;
  const records = check.data === 1 ? '1 of these records was' : `${check.data.toLocaleString()} of these records were`;
  return (
    <p data-testid="changed-since-import" className="mt-2 rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-amber-900">
      <strong className="font-semibold">{records} changed after the import</strong> (edited, moved, or given activities or tasks). Undoing takes those changes
      back too.
    </p>
  );
}
