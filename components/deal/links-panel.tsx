'use client';

import Link from 'next/link';
import { useOptimistic, useTransition } from 'react';
import { toast } from 'sonner';
import type { ActionResult } from '@/lib/actions/run-action';
import {
  linkCompanyAction,
  linkContactAction,
  searchCompaniesAction,
  searchContactsAction,
  unlinkCompanyAction,
  unlinkContactAction,
} from '@/lib/actions/deal';
import { SearchPicker } from './search-picker';
import type { DealWorkspaceData, SearchHit } from './types';
import { BuildingIcon, Button, Card, initials, UsersIcon, XIcon } from './ui';
import { useDealMutations } from './use-deal-mutations';

// The people and organisations on the deal: list, link (search picker), unlink. The primary
// contact and company (deal fields) are marked and cannot be unlinked while they are primary. A
// viewer who may not change the deal (data.viewOnly) sees the lists only.

interface Linked {
  id: string;
  name: string;
  detail: string | null;
  /** shown while the link is being saved */
  pending?: boolean;
}

type Change = { kind: 'add'; item: Linked } | { kind: 'remove'; id: string };

function LinkList({
  label,
  noun,
  items,
  primaryId,
  icon,
  search,
  link,
  unlink,
  locked,
}: {
  label: string;
  noun: 'contact' | 'company';
  items: Linked[];
  primaryId: string | null;
  icon: 'person' | 'company';
  search: (q: string) => Promise<SearchHit[]>;
  link: (id: string) => Promise<ActionResult<unknown>>;
  unlink: (id: string) => Promise<ActionResult<unknown>>;
  locked: boolean;
}) {
  const [shown, change] = useOptimistic(items, (state, c: Change) =>
    c.kind === 'add' ? [...state.filter((i) => i.id !== c.item.id), { ...c.item, pending: true }] : state.filter((i) => i.id !== c.id),
  );
  const [, startTransition] = useTransition();

  const onLink = (hit: SearchHit) =>
    startTransition(async () => {
      change({ kind: 'add', item: { id: hit.id, name: hit.name, detail: hit.detail } });
      const result = await link(hit.id);
      if (result.ok) toast.success(`Linked ${hit.name}`);
      else toast.error(result.message);
    });
  const onUnlink = (item: Linked) =>
    startTransition(async () => {
      change({ kind: 'remove', id: item.id });
      const result = await unlink(item.id);
      if (result.ok) toast.success(`Unlinked ${item.name}`);
      else toast.error(result.message);
    });

  return (
    <div>
      <h3 className="mb-2 flex items-center gap-1.5 text-xs font-semibold tracking-wide text-slate-500 uppercase">
        {icon === 'person' ? <UsersIcon className="h-3.5 w-3.5" /> : <BuildingIcon className="h-3.5 w-3.5" />}
        {label} <span className="font-normal">({shown.length})</span>
      </h3>
      {shown.length === 0 ? (
        <p className="mb-2 text-sm text-slate-500">No {noun === 'contact' ? 'contacts' : 'companies'} linked yet.</p>
      ) : (
        <ul aria-label={`Linked ${noun === 'contact' ? 'contacts' : 'companies'}`} className="mb-2 space-y-1">
          {shown.map((item) => {
            const primary = item.id === primaryId;
            return (
              <li
                key={item.id}
                data-testid={`linked-${noun}`}
                className={`flex items-center gap-2 rounded-lg px-1.5 py-1 hover:bg-slate-50 ${item.pending ? 'opacity-60' : ''}`}
              >
                <span
                  aria-hidden="true"
                  className={`flex h-7 w-7 shrink-0 items-center justify-center text-[11px] font-semibold ${icon === 'person' ? 'rounded-full bg-indigo-100 text-indigo-700' : 'rounded-md bg-teal-100 text-teal-700'}`}
                >
                  {initials(item.name)}
                </span>
                <span className="min-w-0 flex-1">
                  <span className="flex min-w-0 items-center gap-1.5">
                    {item.pending ? (
                      <span className="truncate text-sm font-medium text-slate-900">{item.name}</span>
                    ) : (
                      <Link
                        href={`/${noun === 'contact' ? 'contacts' : 'companies'}/${item.id}`}
                        className="truncate text-sm font-medium text-slate-900 hover:text-blue-700 hover:underline"
                      >
                        {item.name}
                      </Link>
                    )}
                    {primary ? (
                      <span className="shrink-0 rounded bg-slate-100 px-1 py-px text-[10px] font-medium text-slate-600 uppercase">Primary</span>
                    ) : null}
                  </span>
                  {item.detail ? <span className="block truncate text-xs text-slate-500">{item.detail}</span> : null}
                </span>
                {locked ? null : (
                  <Button
                    size="icon-sm"
                    tone="ghost"
                    aria-label={`Unlink ${item.name}`}
                    title={primary ? `The primary ${noun} stays linked; choose another primary ${noun} in Details first` : `Unlink ${item.name}`}
                    disabled={primary || item.pending}
                    onClick={() => onUnlink(item)}
                    className="text-slate-500 hover:text-red-600"
                  >
                    <XIcon className="h-3.5 w-3.5" />
                  </Button>
                )}
              </li>
            );
          })}
        </ul>
      )}
      {locked ? null : (
        <SearchPicker label={`Link a ${noun}`} placeholder={`Link a ${noun}…`} search={search} exclude={shown.map((i) => i.id)} onPick={onLink} />
      )}
    </div>
  );
}

export function LinksPanel({ data }: { data: DealWorkspaceData }) {
  const { dealId, run } = useDealMutations();
  const searchWith = async (action: (q: string) => Promise<ActionResult<SearchHit[]>>, q: string) => {
    const result = await action(q);
    return result.ok ? result.data : [];
  };
  return (
    <Card label="People and companies" title="People and companies">
      <div className="space-y-5">
        <LinkList
          label="Contacts"
          noun="contact"
          icon="person"
          items={data.contacts.map((c) => ({ id: c.id, name: c.name, detail: c.email ?? c.phone }))}
          primaryId={data.deal.contact?.id ?? null}
          search={(q) => searchWith(searchContactsAction, q)}
          link={(id) => run(() => linkContactAction(dealId, id))}
          unlink={(id) => run(() => unlinkContactAction(dealId, id))}
          locked={data.viewOnly !== null}
        />
        <LinkList
          label="Companies"
          noun="company"
          icon="company"
          items={data.companies.map((c) => ({ id: c.id, name: c.name, detail: c.domain }))}
          primaryId={data.deal.company?.id ?? null}
          search={(q) => searchWith(searchCompaniesAction, q)}
          link={(id) => run(() => linkCompanyAction(dealId, id))}
          unlink={(id) => run(() => unlinkCompanyAction(dealId, id))}
          locked={data.viewOnly !== null}
        />
      </div>
    </Card>
  );
}
