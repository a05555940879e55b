'use client';

import { useState, type FormEvent } from 'react';
import { toast } from 'sonner';
import { Button } from '@/components/deal/ui';
import { updateDealAccessSettingsAction } from '@/lib/actions/security';
import { CheckboxSetting } from './checkbox-setting';
import type { FieldErrors } from './field-error';
import { useHydrated } from '@/components/ui/use-hydrated';

/** Settings → Security: whether reps edit, move and delete only the deals they own. */
export function DealAccessSettingsForm({ repsEditOwnDealsOnly }: { repsEditOwnDealsOnly: boolean }) {
  const hydrated = useHydrated();
  const [ownOnly, setOwnOnly] = useState(repsEditOwnDealsOnly);
  const [saved, setSaved] = useState(repsEditOwnDealsOnly);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [pending, setPending] = useState(false);

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (pending) return;
    setPending(true);
    const result = await updateDealAccessSettingsAction({ repsEditOwnDealsOnly: ownOnly });
    setPending(false);
    if (!result.ok) {
      setErrors(result.fieldErrors);
      if (!result.fieldErrors.repsEditOwnDealsOnly) toast.error(result.message);
      return;
    }
    setErrors({});
    setSaved(result.data.repsEditOwnDealsOnly);
    toast.success(result.data.repsEditOwnDealsOnly ? 'Reps now edit only their own deals' : 'Reps can now edit every deal');
  }

  return (
    <form onSubmit={onSubmit} noValidate aria-label="Deal access settings" className="space-y-3">
      <CheckboxSetting
        checked={ownOnly}
        onChange={(checked) => {
          setOwnOnly(checked);
          setErrors({});
        }}
        label="Reps edit only their own deals"
        explanation="Reps still see every deal, and add activities and tasks to any of them, but edit, move, close and delete only the deals they own — on the board, the deal page and the API alike — and the deals they create stay theirs. Managers and admins change every deal and hand deals over."
        errors={errors.repsEditOwnDealsOnly}
      />
      <Button type="submit" tone="primary" disabled={!hydrated || pending || ownOnly === saved}>
        {pending ? 'Saving…' : 'Save'}
      </Button>
    </form>
  );
}
