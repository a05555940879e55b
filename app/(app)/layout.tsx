import type { ReactNode } from 'react';
import { cookies } from 'next/headers';
import { SidebarNav } from '@/components/app-shell/sidebar-nav';
import { TimeZoneCookie } from '@/components/app-shell/time-zone-cookie';
import { NewDealProvider } from '@/components/deal/new-deal-dialog';
import { getBrowserContext } from '@/lib/auth/get-browser-context';
import { canConfigureWorkspace } from '@/lib/services/permissions';
import { countDueWork } from '@/lib/services/work/count-due-work';
import { startOfTomorrow, TIME_ZONE_COOKIE, validTimeZone } from '@/lib/work/work-day';

export const dynamic = 'force-dynamic';

// The signed-in app: every page below needs a session (a signed-out visitor goes to /sign-in and
// comes back afterwards); each page and action still asks for the context itself.
export default async function AppLayout({ children }: { children: ReactNode }) {
  const ctx = await getBrowserContext();
  // "today" is the person's own day: the browser's time zone, kept in a cookie (UTC until it is set)
  const timeZone = validTimeZone((await cookies()).get(TIME_ZONE_COOKIE)?.value);
  const workDue = await countDueWork({ ctx, input: { dueBefore: startOfTomorrow(new Date(), timeZone) } });
  return (
    <div className="flex h-screen flex-col md:flex-row">
      <TimeZoneCookie current={timeZone} />
      {/* the first thing Tab reaches: past the navigation to the page itself */}
      <a
        href="#main-content"
        className="sr-only z-50 rounded-md bg-white px-3 py-2 text-sm font-medium text-blue-700 shadow-lg ring-2 ring-blue-600 focus:not-sr-only focus:fixed focus:top-2 focus:left-2"
      >
        Skip to main content
      </a>
      <SidebarNav user={{ name: ctx.user.name, email: ctx.user.email, role: ctx.user.role }} showSettings={canConfigureWorkspace(ctx)} workDue={workDue} />
      {/* relative: an absolutely placed element inside a page (a screen-reader-only label,
          say) is held by the shell instead of lengthening the document, which made the whole
          window scroll the shell away */}
      <main id="main-content" tabIndex={-1} className="relative flex min-w-0 flex-1 flex-col overflow-hidden outline-none">
        <NewDealProvider>{children}</NewDealProvider>
      </main>
    </div>
  );
}
