'use client';

import { useState } from 'react';
import { createApiKeyAction, revokeApiKeyAction } from '@/lib/actions/api-keys';
import { formatDate, formatDateTime, useTimeZone } from '@/components/deal/format';
import { Button, EmptyState } from '@/components/deal/ui';
import { XCircleIcon } from '@/components/ui/icons';
import { ActionDialog } from '@/components/ui/modal-dialog';
import { SingleFieldForm } from './single-field-form';
import { useConfirmDelete } from './use-confirm-delete';
import { ShownOnceSecret } from './shown-once-secret';
import { useHydrated } from '@/components/ui/use-hydrated';

export interface SettingsApiKey {
  id: string;
  name: string;
  /** the key's first characters ("dbk_AbCdEf"), to tell keys apart; the key itself is never kept */
  prefix: string;
  ownerEmail: string;
  scope: 'read' | 'write';
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

/** The API keys: create one (shown once, to copy), see when each was last used, revoke. */
export function ApiKeysManager({ keys, seesEveryonesKeys }: { keys: SettingsApiKey[]; seesEveryonesKeys: boolean }) {
  const [created, setCreated] = useState<{ name: string; key: string } | null>(null);
  const revocation = useConfirmDelete(
    (key: SettingsApiKey) => revokeApiKeyAction(key.id),
    (key) => `API key “${key.name}” revoked`,
  );

  return (
    <section aria-labelledby="api-keys-heading" className="space-y-3">
      <div>
        <h2 id="api-keys-heading" className="text-base font-semibold text-slate-900">
          API keys
        </h2>
        <p className="text-sm text-slate-600">
          Other tools use a key to read and write deals through the{' '}
          <a href="/api/docs" className="text-blue-700 underline underline-offset-2 hover:text-blue-900">
            REST API
          </a>{' '}
          (<code className="text-xs">X-Api-Key</code> header). A key acts as the person who created it.{' '}
          {seesEveryonesKeys ? 'You see every key of the workspace and can revoke any of them.' : 'You see your own keys.'}
        </p>
      </div>
      {created ? (
        <ShownOnceSecret
          label="New API key"
          heading={<>Copy the key “{created.name}” now: it is not shown again.</>}
          secret={created.key}
          inputLabel={`The key ${created.name}`}
          noun="Key"
          onDone={() => setCreated(null)}
        />
      ) : null}
      <div className="rounded-xl border border-slate-200 bg-white shadow-sm">
        <CreateApiKeyForm onCreated={setCreated} />
        {keys.length === 0 ? (
          <div className="border-t border-slate-200 p-4">
            <EmptyState icon={<XCircleIcon className="h-8 w-8" />} title="No API keys yet">
              Create one for each tool, so that you can revoke one without breaking the others.
            </EmptyState>
          </div>
        ) : (
          <ApiKeysTable keys={keys} onRevoke={revocation.ask} />
        )}
      </div>
      <ActionDialog tone="danger" {...revocation.dialog} title={`Revoke API key “${revocation.target?.name ?? ''}”?`} submitLabel="Revoke key">
        <p>Tools using this key are refused from now on, on every server. A revoked key cannot be brought back; create a new one instead.</p>
      </ActionDialog>
    </section>
  );
}

function CreateApiKeyForm({ onCreated }: { onCreated: (created: { name: string; key: string }) => void }) {
  const [readOnly, setReadOnly] = useState(false);
  return (
    <div className="overflow-hidden rounded-t-xl bg-slate-50">
      <SingleFieldForm
        formLabel="Create an API key"
        fieldLabel="New key's name"
        field="name"
        placeholder="e.g. Zapier, billing sync"
        maxLength={100}
        submitLabel="Create key"
        submit={(name) => createApiKeyAction(name, readOnly ? 'read' : 'write')}
        onDone={(created) => onCreated({ name: created.name, key: created.key })}
      />
      <label className="flex items-center gap-2 px-3 pb-3 text-sm text-slate-700 sm:px-4">
        <input type="checkbox" checked={readOnly} onChange={(e) => setReadOnly(e.target.checked)} />
        Read only (the key can read but never change anything)
      </label>
    </div>
  );
}

function ApiKeysTable({ keys, onRevoke }: { keys: SettingsApiKey[]; onRevoke: (key: SettingsApiKey) => void }) {
  const timeZone = useTimeZone();
  const hydrated = useHydrated();
  return (
    <div className="overflow-x-auto border-t border-slate-200">
      <table aria-label="API keys" className="w-full min-w-[640px] text-left text-sm">
        <thead className="bg-slate-50 text-[11px] font-medium uppercase tracking-wide text-slate-500">
          <tr>
            <th className="px-3 py-2 sm:px-4">Name</th>
            <th className="px-3 py-2">Owner</th>
            <th className="px-3 py-2">Created</th>
            <th className="px-3 py-2">Last used</th>
            <th className="px-3 py-2">Status</th>
            <th className="px-3 py-2">
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {keys.map((key) => (
            <tr key={key.id} aria-label={`API key ${key.name}`} className={key.revokedAt ? 'text-slate-500' : 'text-slate-700'}>
              <td className="px-3 py-2 sm:px-4">
                <span className={`block font-medium ${key.revokedAt ? '' : 'text-slate-900'}`}>
                  {key.name}
                  {key.scope === 'read' ? <span className="ml-2 rounded bg-slate-100 px-1.5 py-0.5 text-xs font-normal text-slate-600">Read only</span> : null}
                </span>
                <span className="block font-mono text-xs">{key.prefix}…</span>
              </td>
              <td className="px-3 py-2">{key.ownerEmail}</td>
              <td className="whitespace-nowrap px-3 py-2" title={formatDateTime(key.createdAt, timeZone)}>
                {formatDate(key.createdAt, timeZone)}
              </td>
              <td className="whitespace-nowrap px-3 py-2">{key.lastUsedAt ? formatDateTime(key.lastUsedAt, timeZone) : 'Never'}</td>
              <td className="whitespace-nowrap px-3 py-2">
                {key.revokedAt ? (
                  <span title={formatDateTime(key.revokedAt, timeZone)}>Revoked {formatDate(key.revokedAt, timeZone)}</span>
                ) : (
                  <span className="rounded-full bg-emerald-50 px-2 py-0.5 text-xs font-medium text-emerald-700">Active</span>
                )}
              </td>
              <td className="px-3 py-2 text-right">
                {key.revokedAt ? null : (
                  <Button
                    size="sm"
                    tone="ghost"
                    className="hover:text-rose-700"
                    aria-label={`Revoke API key ${key.name}`}
                    disabled={!hydrated}
                    onClick={() => onRevoke(key)}
                  >
                    Revoke
                  </Button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
