import { WarningIcon } from '@/components/ui/icons';

/** Shown to reps: they may look at the workspace configuration, but only managers and admins change it. */
export function ReadOnlyNotice({ userName, role }: { userName: string; role: string }) {
  return (
    <div role="note" data-testid="settings-read-only" className="flex items-start gap-2 border-b border-amber-200 bg-amber-50 px-4 py-2 text-sm text-amber-900 sm:px-6">
      <WarningIcon className="mt-0.5 h-4 w-4 text-amber-600" />
      <p>
        Read only: you are acting as {userName} ({role}). Only managers and admins can change pipelines, stages, products, custom fields and lost
        reasons.
      </p>
    </div>
  );
}
