'use client';

import { useRouter } from 'next/navigation';
import { useEffect, useId, useState, type FormEvent } from 'react';
import { toast } from 'sonner';
import { createWebhookAction, deleteWebhookAction, replayWebhookDeliveryAction, sendTestWebhookAction, setWebhookStatusAction } from '@/lib/actions/webhooks';
import { CHANGE_EVENT_TYPES } from '@/lib/change-record/event-types';
import { formatDateTime, useTimeZone } from '@/components/deal/format';
import { Button, EmptyState, Spinner } from '@/components/deal/ui';
import { WarningIcon, XCircleIcon } from '@/components/ui/icons';
import { ActionDialog } from '@/components/ui/modal-dialog';
import { FieldError, type FieldErrors, withoutField } from './field-error';
import { TextField } from './text-field';
import { useConfirmDelete } from './use-confirm-delete';
import { ShownOnceSecret } from './shown-once-secret';
import { useHydrated } from '@/components/ui/use-hydrated';

export interface SettingsWebhookDelivery {
  id: string;
  eventType: string;
  status: 'pending' | 'succeeded' | 'retrying' | 'failed' | 'skipped';
  attempts: number;
  lastStatusCode: number | null;
  lastLatencyMs: number | null;
  lastError: string | null;
  nextAttemptAt: string | null;
  createdAt: string;
}

export interface SettingsWebhook {
  id: string;
  url: string;
  description: string | null;
  eventTypes: string[];
  status: 'active' | 'paused' | 'disabled';
  disabledReason: string | null;
  createdAt: string;
  /** the latest deliveries, newest first */
  deliveries: SettingsWebhookDelivery[];
}

/** While a delivery is on its way, the page reads the log again this often. */
const LOG_REFRESH_MS = 2_000;

/** Settings → Webhooks: add an endpoint (its secret shown once), pause, resume, delete, test, and each one's delivery log. */
export function WebhooksManager({ webhooks }: { webhooks: SettingsWebhook[] }) {
  const router = useRouter();
  const [created, setCreated] = useState<{ url: string; secret: string } | null>(null);
  const removal = useConfirmDelete(
    (webhook: SettingsWebhook) => deleteWebhookAction(webhook.id),
    (webhook) => `Webhook to ${webhook.url} deleted`,
  );
  const inFlight = webhooks.some((webhook) => webhook.deliveries.some((delivery) => delivery.status === 'pending' || delivery.status === 'retrying'));
  useEffect(() => {
    if (!inFlight) return;
    const timer = setInterval(() => router.refresh(), LOG_REFRESH_MS);
    return () => clearInterval(timer);
  }, [inFlight, router]);

  return (
    <section aria-labelledby="webhooks-heading" className="space-y-4">
      <div>
        <h2 id="webhooks-heading" className="text-base font-semibold text-slate-900">
          Webhooks
        </h2>
        <p className="text-sm text-slate-600">
          Dealboard POSTs each change (with the previous values) to your endpoints as it happens, signed per{' '}
          <a
            href="https://www.standardwebhooks.com/"
            className="text-blue-700 underline underline-offset-2 hover:text-blue-900"
            rel="noreferrer"
            target="_blank"
          >
            Standard Webhooks
          </a>{' '}
          with the endpoint’s secret. A receiver that does not answer 2xx within 10 seconds is retried for about a day; then the endpoint is disabled.
        </p>
      </div>
      {created ? (
        <ShownOnceSecret
          label="New webhook secret"
          heading={
            <>
              Copy the signing secret of <span className="break-all">{created.url}</span> now: it is not shown again.
            </>
          }
          secret={created.secret}
          inputLabel="Signing secret"
          noun="Secret"
          onDone={() => setCreated(null)}
        />
      ) : null}
      <CreateWebhookForm onCreated={setCreated} />
      {webhooks.length === 0 ? (
        <EmptyState icon={<XCircleIcon className="h-8 w-8" />} title="No webhooks yet">
          Add an endpoint to send changes to another system.
        </EmptyState>
      ) : (
        webhooks.map((webhook) => <WebhookCard key={webhook.id} webhook={webhook} onDelete={() => removal.ask(webhook)} />)
      )}
      <ActionDialog tone="danger" {...removal.dialog} title="Delete this webhook?" submitLabel="Delete webhook">
        <p>
          Nothing more is sent to <span className="break-all font-medium">{removal.target?.url}</span>, and its delivery log is deleted with it.
        </p>
      </ActionDialog>
    </section>
  );
}

/** The event types by record type, for the checkboxes. */
const EVENT_GROUPS = CHANGE_EVENT_TYPES.reduce<Map<string, string[]>>((groups, entry) => {
  groups.set(entry.recordType, [...(groups.get(entry.recordType) ?? []), entry.type]);
  return groups;
}, new Map());

function CreateWebhookForm({ onCreated }: { onCreated: (created: { url: string; secret: string }) => void }) {
  const [url, setUrl] = useState('');
  const [description, setDescription] = useState('');
  const [allTypes, setAllTypes] = useState(true);
  const [chosen, setChosen] = useState<Set<string>>(new Set(['deal.created', 'deal.updated']));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [pending, setPending] = useState(false);
  const typesId = useId();

  const toggle = (type: string) => {
    setErrors((current) => withoutField(current, 'event_types'));
    setChosen((current) => {
      const next = new Set(current);
      if (next.has(type)) next.delete(type);
      else next.add(type);
      return next;
    });
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setPending(true);
    const result = await createWebhookAction({ url, description, eventTypes: allTypes ? ['*'] : [...chosen] });
    setPending(false);
    if (!result.ok) {
      setErrors(Object.keys(result.fieldErrors).length > 0 ? result.fieldErrors : { _: [result.message] });
      return;
    }
    onCreated({ url: url.trim(), secret: result.data.secret });
    setUrl('');
    setDescription('');
    setErrors({});
    toast.success('Webhook added');
  };

  const typeErrors = Object.entries(errors)
    .filter(([field]) => field === 'event_types' || field.startsWith('event_types.'))
    .flatMap(([, messages]) => messages);
  return (
    <form
      aria-label="Add a webhook"
      onSubmit={(event) => void submit(event)}
      className="space-y-3 rounded-xl border border-slate-200 bg-slate-50 p-3 shadow-sm sm:p-4"
    >
      <h3 className="text-sm font-semibold text-slate-900">Add a webhook</h3>
      <div className="grid gap-3 sm:grid-cols-2">
        <TextField
          label="Endpoint URL"
          value={url}
          onValue={(value) => {
            setUrl(value);
            setErrors((current) => withoutField(current, 'url'));
          }}
          errors={errors.url}
          placeholder="https://example.com/webhooks/dealboard"
          inputMode="url"
          maxLength={2000}
          required
        />
        <TextField
          label="Description (optional)"
          value={description}
          onValue={(value) => {
            setDescription(value);
            setErrors((current) => withoutField(current, 'description'));
          }}
          errors={errors.description}
          placeholder="e.g. Billing sync"
          maxLength={500}
        />
      </div>
      <fieldset aria-describedby={typeErrors.length ? `${typesId}-error` : undefined}>
        <legend className="mb-1 block text-[11px] font-medium text-slate-600">Events</legend>
        <div className="flex flex-wrap gap-x-4 gap-y-1 text-sm text-slate-700">
          <label className="flex items-center gap-2">
            <input type="radio" name="event-scope" checked={allTypes} onChange={() => setAllTypes(true)} />
            All events
          </label>
          <label className="flex items-center gap-2">
            <input type="radio" name="event-scope" checked={!allTypes} onChange={() => setAllTypes(false)} />
            Only these:
          </label>
        </div>
        {allTypes ? null : (
          <div className="mt-2 grid max-h-72 gap-3 overflow-auto rounded-md border border-slate-200 bg-white p-3 sm:grid-cols-2 lg:grid-cols-3">
            {[...EVENT_GROUPS].map(([recordType, types]) => (
              <fieldset key={recordType} aria-label={`${recordType.replace(/_/g, ' ')} events`}>
                <legend className="text-[11px] font-medium uppercase tracking-wide text-slate-500">{recordType.replace(/_/g, ' ')}</legend>
                {types.map((type) => (
                  <label key={type} className="flex items-center gap-2 py-0.5 text-sm text-slate-700">
                    <input type="checkbox" checked={chosen.has(type)} onChange={() => toggle(type)} />
                    <code className="text-xs">{type}</code>
                  </label>
                ))}
              </fieldset>
            ))}
          </div>
        )}
        <FieldError id={`${typesId}-error`} messages={typeErrors.length ? typeErrors : undefined} />
      </fieldset>
      {errors._ ? (
        <p role="alert" className="text-sm text-red-600">
          {errors._.join(' ')}
        </p>
      ) : null}
      <Button type="submit" tone="primary" disabled={pending}>
        {pending ? <Spinner /> : null}
        Add webhook
      </Button>
    </form>
  );
}

const ENDPOINT_BADGE: Record<SettingsWebhook['status'], string> = {
  active: 'bg-emerald-50 text-emerald-700 ring-emerald-200',
  paused: 'bg-slate-100 text-slate-700 ring-slate-200',
  disabled: 'bg-rose-50 text-rose-700 ring-rose-200',
};

function WebhookCard({ webhook, onDelete }: { webhook: SettingsWebhook; onDelete: () => void }) {
  const hydrated = useHydrated();
  const [busy, setBusy] = useState<string | null>(null);
  const run = async (what: string, action: () => Promise<{ ok: true } | { ok: false; message: string }>, done: string) => {
    setBusy(what);
    const result = await action();
    setBusy(null);
    if (result.ok) toast.success(done);
    else toast.error(result.message);
  };
  const active = webhook.status === 'active';
  return (
    <section aria-label={`Webhook ${webhook.url}`} className="min-w-0 rounded-xl border border-slate-200 bg-white shadow-sm">
      <header className="flex flex-wrap items-start gap-2 border-b border-slate-100 px-3 py-3 sm:px-4">
        <div className="min-w-0 flex-1 basis-64">
          <p className="flex flex-wrap items-center gap-2">
            <span className="break-all font-mono text-sm font-medium text-slate-900">{webhook.url}</span>
            <span className={`rounded-full px-2 py-0.5 text-xs font-medium capitalize ring-1 ring-inset ${ENDPOINT_BADGE[webhook.status]}`}>
              {webhook.status}
            </span>
          </p>
          {webhook.description ? <p className="text-sm text-slate-600">{webhook.description}</p> : null}
          <p className="mt-0.5 text-xs text-slate-500">{webhook.eventTypes.includes('*') ? 'All events' : webhook.eventTypes.join(', ')}</p>
        </div>
        <div className="flex flex-wrap gap-2">
          <Button
            size="sm"
            disabled={!hydrated || !active || busy !== null}
            onClick={() => void run('test', () => sendTestWebhookAction(webhook.id), 'Test event queued')}
          >
            {busy === 'test' ? <Spinner /> : null}
            Send test event
          </Button>
          <Button
            size="sm"
            disabled={!hydrated || busy !== null}
            onClick={() =>
              void run('status', () => setWebhookStatusAction(webhook.id, active ? 'paused' : 'active'), active ? 'Webhook paused' : 'Webhook resumed')
            }
          >
            {busy === 'status' ? <Spinner /> : null}
            {active ? 'Pause' : 'Resume'}
          </Button>
          <Button size="sm" tone="ghost" className="hover:text-rose-700" aria-label={`Delete webhook ${webhook.url}`} disabled={!hydrated} onClick={onDelete}>
            Delete
          </Button>
        </div>
        {webhook.disabledReason ? (
          <p role="note" className="flex w-full items-start gap-1.5 rounded-md border border-rose-200 bg-rose-50 px-2.5 py-1.5 text-sm text-rose-800">
            <WarningIcon className="mt-0.5 h-4 w-4 shrink-0" />
            <span>{webhook.disabledReason} Fix the receiver, then resume the webhook.</span>
          </p>
        ) : null}
      </header>
      <DeliveryLog webhook={webhook} />
    </section>
  );
}

const DELIVERY_BADGE: Record<SettingsWebhookDelivery['status'], string> = {
  pending: 'bg-blue-50 text-blue-700 ring-blue-200',
  retrying: 'bg-amber-50 text-amber-800 ring-amber-200',
  succeeded: 'bg-emerald-50 text-emerald-700 ring-emerald-200',
  failed: 'bg-rose-50 text-rose-700 ring-rose-200',
  skipped: 'bg-slate-100 text-slate-600 ring-slate-200',
};

function DeliveryLog({ webhook }: { webhook: SettingsWebhook }) {
  const timeZone = useTimeZone();
  const hydrated = useHydrated();
  const [replaying, setReplaying] = useState<string | null>(null);
  if (webhook.deliveries.length === 0) {
    return <p className="px-3 py-3 text-sm text-slate-500 sm:px-4">No deliveries yet.</p>;
  }
  const replay = async (delivery: SettingsWebhookDelivery) => {
    setReplaying(delivery.id);
    const result = await replayWebhookDeliveryAction(webhook.id, delivery.id);
    setReplaying(null);
    if (result.ok) toast.success('Delivery queued again');
    else toast.error(result.message);
  };
  return (
    <div className="overflow-x-auto">
      <table aria-label={`Deliveries to ${webhook.url}`} className="w-full min-w-[720px] text-left text-sm">
        <thead className="bg-slate-50 text-[11px] font-medium uppercase tracking-wide text-slate-500">
          <tr>
            <th className="px-3 py-2 sm:px-4">Event</th>
            <th className="px-3 py-2">Status</th>
            <th className="px-3 py-2">Response</th>
            <th className="px-3 py-2">Latency</th>
            <th className="px-3 py-2">Attempts</th>
            <th className="px-3 py-2">Next try</th>
            <th className="px-3 py-2">Queued</th>
            <th className="px-3 py-2">
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {webhook.deliveries.map((delivery) => (
            <tr key={delivery.id} aria-label={`Delivery ${delivery.eventType}`} className="text-slate-700">
              <td className="px-3 py-2 sm:px-4">
                <code className="text-xs">{delivery.eventType}</code>
                {delivery.lastError && delivery.status !== 'succeeded' ? (
                  <span className="block max-w-xs text-xs text-rose-700">{delivery.lastError}</span>
                ) : null}
              </td>
              <td className="px-3 py-2">
                <span className={`rounded-full px-2 py-0.5 text-xs font-medium capitalize ring-1 ring-inset ${DELIVERY_BADGE[delivery.status]}`}>
                  {delivery.status}
                </span>
              </td>
              <td className="px-3 py-2 tabular-nums">{delivery.lastStatusCode ?? '—'}</td>
              <td className="px-3 py-2 tabular-nums">{delivery.lastLatencyMs === null ? '—' : `${delivery.lastLatencyMs} ms`}</td>
              <td className="px-3 py-2 tabular-nums">{delivery.attempts}</td>
              <td className="whitespace-nowrap px-3 py-2">{delivery.nextAttemptAt ? formatDateTime(delivery.nextAttemptAt, timeZone) : '—'}</td>
              <td className="whitespace-nowrap px-3 py-2">{formatDateTime(delivery.createdAt, timeZone)}</td>
              <td className="px-3 py-2 text-right">
                <Button
                  size="sm"
                  tone="ghost"
                  aria-label={`Replay delivery ${delivery.eventType}`}
                  disabled={!hydrated || webhook.status !== 'active' || replaying !== null}
                  onClick={() => void replay(delivery)}
                >
                  {replaying === delivery.id ? <Spinner /> : null}
                  Replay
                </Button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
