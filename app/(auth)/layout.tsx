import type { ReactNode } from 'react';

export const dynamic = 'force-dynamic';

// Signed-out pages (sign-in, first run, password reset, invitations): one card, centred.
export default function AuthLayout({ children }: { children: ReactNode }) {
  return (
    <main className="flex min-h-screen items-start justify-center bg-slate-100 px-4 py-10 sm:items-center sm:py-16">
      <div className="w-full max-w-sm">
        <p className="mb-6 text-center text-2xl font-semibold tracking-tight text-slate-900">Dealboard</p>
        <div className="rounded-xl border border-slate-200 bg-white p-6 shadow-sm">{children}</div>
      </div>
    </main>
  );
}
