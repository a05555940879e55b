'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';

const NAV_ITEMS = [
  { href: '/pipelines', label: 'Pipelines' },
  { href: '/deals', label: 'Deals' },
  { href: '/contacts', label: 'Contacts' },
  { href: '/companies', label: 'Companies' },
  { href: '/reports', label: 'Reports' },
  { href: '/settings', label: 'Settings' },
] as const;

export function SidebarNav() {
  const pathname = usePathname();
  return (
    <nav
      aria-label="Main"
      className="flex shrink-0 flex-row items-center gap-1 overflow-x-auto bg-slate-900 px-3 py-2 text-slate-200 md:w-52 md:flex-col md:items-stretch md:overflow-x-visible md:border-r md:border-slate-200 md:py-4"
    >
      <Link href="/" className="mr-2 shrink-0 px-2 text-base font-semibold tracking-tight text-white md:mr-0 md:mb-4 md:text-lg">
        Dealboard
      </Link>
      {NAV_ITEMS.map((item) => {
        const active = pathname === item.href || pathname.startsWith(`${item.href}/`);
        return (
          <Link
            key={item.href}
            href={item.href}
            aria-current={active ? 'page' : undefined}
            className={`shrink-0 whitespace-nowrap rounded-md px-2 py-1.5 text-sm ${active ? 'bg-slate-700 font-medium text-white' : 'hover:bg-slate-800 hover:text-white'}`}
          >
            {item.label}
          </Link>
        );
      })}
    </nav>
  );
}
