import type { Metadata } from 'next';
import Link from 'next/link';
import { getBrowserContext } from '@/lib/auth/get-browser-context';
import { readHomeCurrency } from '@/lib/services/currency/home-currency';
import { isAdmin } from '@/lib/services/permissions';
import { HomeCurrencyForm } from '@/components/settings/home-currency-form';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Settings' };

const SECTIONS = [
  {
    href: '/settings/pipelines',
    title: 'Pipelines & stages',
    summary: 'Create pipelines; add, rename and reorder stages; probability, rotting days and won/lost stages.',
  },
  { href: '/settings/currencies', title: 'Currencies', summary: 'Exchange rates into the home currency, by date: how deals in other currencies add up.' },
  { href: '/settings/products', title: 'Products', summary: 'The catalog line items pick from: prices, tax rates, units.' },
  { href: '/settings/custom-fields', title: 'Custom fields', summary: 'Extra fields every deal carries: text, number, date, yes/no or a list of options.' },
  { href: '/settings/lost-reasons', title: 'Lost reasons', summary: 'The reasons reps pick from when a deal is lost, and whether they may type their own.' },
  {
    href: '/settings/api-keys',
    title: 'API keys',
    summary: 'Keys for the tools that use the REST API: create one per tool, see when it was last used, revoke it.',
  },
] as const;

const ADMIN_SECTIONS = [
  { href: '/settings/users', title: 'Users', summary: 'Invite people, change their roles, deactivate someone who left and hand their deals over.' },
  { href: '/settings/security', title: 'Security', summary: 'Require everyone to sign in with an authenticator app as well as their password.' },
  { href: '/settings/webhooks', title: 'Webhooks', summary: 'Send every change to other systems as it happens: endpoints, event types, the delivery log.' },
  { href: '/settings/backups', title: 'Backups', summary: 'Back the whole database up while Dealboard serves, download the file, see the schedule.' },
] as const;

// /settings – the workspace (who the browser acts as, API keys) and the way into each section
export default async function SettingsPage() {
  const ctx = await getBrowserContext();
  const home = await readHomeCurrency();
  // ISO 4217 codes this runtime knows (the same list the server accepts), the current one included
  const currencies = [...new Set([...Intl.supportedValuesOf('currency'), home])].sort();
  return (
    <div className="mx-auto max-w-5xl space-y-6 p-4 sm:p-6">
      <section aria-labelledby="workspace-heading" className="rounded-xl border border-slate-200 bg-white p-4 text-sm text-slate-700 shadow-sm sm:p-5">
        <h2 id="workspace-heading" className="text-base font-semibold text-slate-900">
          Workspace
        </h2>
        <p className="mt-2">
          You are signed in as <strong>{ctx.user.name}</strong> ({ctx.user.email}, {ctx.user.role}). Your password, browsers and own API keys are on{' '}
          <Link href="/account" className="text-blue-700 underline underline-offset-2 hover:text-blue-900">
            your account
          </Link>
          .
        </p>
        <p className="mt-2 break-words">
          API keys from a shell: <code>npm run cli -- api-key create --name &quot;My integration&quot;</code>
        </p>
        <HomeCurrencyForm home={home} currencies={currencies} readOnly={!isAdmin(ctx)} />
      </section>
      <div className="grid gap-4 sm:grid-cols-2">
        {[...SECTIONS, ...(isAdmin(ctx) ? ADMIN_SECTIONS : [])].map((section) => (
          <Link
            key={section.href}
            href={section.href}
            className="group rounded-xl border border-slate-200 bg-white p-5 shadow-sm transition hover:border-blue-300 hover:shadow"
          >
            <h2 className="text-base font-semibold text-slate-900 group-hover:text-blue-700">{section.title}</h2>
            <p className="mt-1 text-sm text-slate-600">{section.summary}</p>
          </Link>
        ))}
      </div>
    </div>
  );
}
