'use client';

import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { toast } from 'sonner';
import { createContactAction, findDuplicateContactsAction } from '@/lib/actions/contacts';
import { searchCompaniesAction } from '@/lib/actions/deal';
import type { SearchHit } from '@/components/deal/types';
import { SearchPicker } from '@/components/deal/search-picker';
import { Button, Spinner } from '@/components/deal/ui';
import { PlusIcon, XIcon } from '@/components/ui/icons';
import { ModalDialog } from '@/components/ui/modal-dialog';
import { DuplicateWarning } from './duplicate-warning';
import { errorFor, TextField } from './form-parts';
import { useDuplicateCheck } from './use-duplicate-check';
import { useHydrated } from '@/components/ui/use-hydrated';

const FIELDS = ['first_name', 'last_name', 'email', 'phone', 'company_id'];

async function searchCompanies(q: string): Promise<SearchHit[]> {
  const result = await searchCompaniesAction(q);
  return result.ok ? result.data : [];
}

/** "New contact": name, email, phone and company; on success the new contact's page opens. */
export function NewContactDialog() {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  // a click before the page hydrated would do nothing: the button waits for it
  const hydrated = useHydrated();
  const [pending, setPending] = useState(false);
  const [company, setCompany] = useState<SearchHit | null>(null);
  const [errors, setErrors] = useState<{ message: string | null; fields: Record<string, string[]> }>({ message: null, fields: {} });
  const [typed, setTyped] = useState({ first_name: '', last_name: '', email: '' });
  const duplicates = useDuplicateCheck(typed, findDuplicateContactsAction, pending);

  const close = () => {
    setOpen(false);
    setCompany(null);
    setTyped({ first_name: '', last_name: '', email: '' });
    setErrors({ message: null, fields: {} });
  };
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const text = (name: string) => String(form.get(name) ?? '');
    setPending(true);
    const result = await createContactAction({
      first_name: text('first_name'),
      last_name: text('last_name'),
      email: text('email'),
      phone: text('phone'),
      ...(company ? { company_id: company.id } : {}),
    });
    setPending(false);
    if (!result.ok) {
      const known = FIELDS.some((field) => result.fieldErrors[field]);
      setErrors({ message: known ? null : result.message, fields: result.fieldErrors });
      return;
    }
    toast.success('Contact created');
    router.push(`/contacts/${result.data.id}`);
  };
  const companyError = errorFor(errors.fields, 'company_id');

  return (
    <>
      <Button tone="primary" disabled={!hydrated} onClick={() => setOpen(true)}>
        <PlusIcon className="h-4 w-4" /> New contact
      </Button>
      <ModalDialog open={open} title="New contact" onClose={close} busy={pending}>
        <form
          aria-label="New contact"
          onSubmit={submit}
          onChange={(event) => {
            const form = new FormData(event.currentTarget);
            const text = (name: string) => String(form.get(name) ?? '');
            // only an address that can be one is worth asking about
            setTyped({ first_name: text('first_name'), last_name: text('last_name'), email: text('email').includes('@') ? text('email') : '' });
          }}
          noValidate
          className="mt-4 space-y-3"
        >
          <div className="grid grid-cols-1 gap-3 sm:grid-cols-2">
            <TextField label="First name" name="first_name" required autoFocus maxLength={100} error={errorFor(errors.fields, 'first_name')} />
            <TextField label="Last name" name="last_name" maxLength={100} error={errorFor(errors.fields, 'last_name')} />
          </div>
          <TextField label="Email" name="email" type="email" maxLength={254} error={errorFor(errors.fields, 'email')} placeholder="ada@example.com" />
          <DuplicateWarning hits={duplicates} noun="contact" />
          <TextField label="Phone" name="phone" type="tel" maxLength={50} error={errorFor(errors.fields, 'phone')} />
          <div>
            <span className="block text-sm font-medium text-slate-700">
              Company <span className="font-normal text-slate-500">(optional)</span>
            </span>
            {company ? (
              <div className="mt-1 flex items-center gap-2 rounded-md border border-slate-200 bg-slate-50 px-2.5 py-1.5 text-sm">
                <span className="min-w-0 flex-1 truncate">{company.name}</span>
                <button
                  type="button"
                  aria-label={`Remove ${company.name}`}
                  onClick={() => setCompany(null)}
                  className="rounded p-0.5 text-slate-500 hover:text-slate-700"
                >
                  <XIcon className="h-3.5 w-3.5" />
                </button>
              </div>
            ) : (
              <SearchPicker
                label="Company"
                placeholder="Search companies…"
                search={searchCompanies}
                onPick={setCompany}
                invalid={Boolean(companyError)}
                className="mt-1"
              />
            )}
            {companyError ? (
              <p role="alert" className="mt-1 text-xs text-red-600">
                {companyError}
              </p>
            ) : null}
          </div>
          {errors.message ? (
            <p role="alert" className="text-sm text-red-600">
              {errors.message}
            </p>
          ) : null}
          <div className="flex justify-end gap-2 pt-2">
            <Button tone="ghost" onClick={close} disabled={pending}>
              Cancel
            </Button>
            <Button type="submit" tone="primary" disabled={pending}>
              {pending ? <Spinner /> : null} Create contact
            </Button>
          </div>
        </form>
      </ModalDialog>
    </>
  );
}
