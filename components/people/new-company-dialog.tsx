'use client';

import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { toast } from 'sonner';
import { createCompanyAction, findDuplicateCompaniesAction } from '@/lib/actions/companies';
import { normalizeDomain } from '@/lib/schemas/company';
import { Button, Spinner } from '@/components/deal/ui';
import { PlusIcon } from '@/components/ui/icons';
import { ModalDialog } from '@/components/ui/modal-dialog';
import { DuplicateWarning } from './duplicate-warning';
import { errorFor, TextField } from './form-parts';
import { useDuplicateCheck } from './use-duplicate-check';
import { useHydrated } from '@/components/ui/use-hydrated';

/** "New company": name and domain; on success the new company's page opens. */
export function NewCompanyDialog() {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  // a click before the page hydrated would do nothing: the button waits for it
  const hydrated = useHydrated();
  const [pending, setPending] = useState(false);
  const [errors, setErrors] = useState<{ message: string | null; fields: Record<string, string[]> }>({ message: null, fields: {} });
  const [typed, setTyped] = useState({ name: '', domain: '' });
  const duplicates = useDuplicateCheck(typed, findDuplicateCompaniesAction, pending);

  const close = () => {
    setOpen(false);
    setTyped({ name: '', domain: '' });
    setErrors({ message: null, fields: {} });
  };
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending(true);
    const result = await createCompanyAction({ name: String(form.get('name') ?? ''), domain: String(form.get('domain') ?? '') });
    setPending(false);
    if (!result.ok) {
      const known = ['name', 'domain'].some((field) => result.fieldErrors[field]);
      setErrors({ message: known ? null : result.message, fields: result.fieldErrors });
      return;
    }
    toast.success('Company created');
    router.push(`/companies/${result.data.id}`);
  };

  return (
    <>
      <Button tone="primary" disabled={!hydrated} onClick={() => setOpen(true)}>
        <PlusIcon className="h-4 w-4" /> New company
      </Button>
      <ModalDialog open={open} title="New company" onClose={close} busy={pending}>
        <form
          aria-label="New company"
          onSubmit={submit}
          onChange={(event) => {
            const form = new FormData(event.currentTarget);
            // only a domain that can be one is worth asking about
            setTyped({ name: String(form.get('name') ?? ''), domain: normalizeDomain(String(form.get('domain') ?? '')) ?? '' });
          }}
          noValidate
          className="mt-4 space-y-3"
        >
          <TextField label="Name" name="name" required autoFocus maxLength={200} error={errorFor(errors.fields, 'name')} placeholder="Acme Corp" />
          <TextField
            label="Domain"
            name="domain"
            error={errorFor(errors.fields, 'domain')}
            placeholder="acme.com"
            hint="A website address works too: https://www.acme.com/about"
          />
          <DuplicateWarning hits={duplicates} noun="company" />
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
              {pending ? <Spinner /> : null} Create company
            </Button>
          </div>
        </form>
      </ModalDialog>
    </>
  );
}
