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
    <nav aria-label="Main" className="flex w-52 shrink-0 flex-col gap-1 border-r border-slate-200 bg-slate-900 px-3 py-4 text-slate-200">
      <Link href="/" className="mb-4 px-2 text-lg font-semibold tracking-tight text-white">
        Dealboard
      </Link>
      {NAV_ITEMS.map((item) => {
        const active = pathname === item.href || pathname.startsWith(`${item.href}/`);
        return (
          <Link
            key={item.href}
            href={item.href}
            aria-current={active ? 'page' : undefined}
            className={`rounded-md px-2 py-1.5 text-sm ${active ? 'bg-slate-700 font-medium text-white' : 'hover:bg-slate-800 hover:text-white'}`}
          >
            {item.label}
          </Link>
        );
      })}
    </nav>
  );
}
