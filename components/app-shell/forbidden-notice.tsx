import type { ReactNode } from 'react';

/** What a page says to someone whose role may not use it. */
export function ForbiddenNotice({ children }: { children: ReactNode }) {
  return (
    <div className="mx-auto w-full max-w-3xl p-4 sm:p-6">
      <div role="alert" data-testid="forbidden" className="rounded-xl border border-amber-200 bg-amber-50 p-4 text-sm text-amber-900 shadow-sm">
        <p className="font-semibold">You do not have access to this page</p>
        <p className="mt-1">{children}</p>
      </div>
    </div>
  );
}
