'use client';

import Link from 'next/link';
import { usePathname, useSelectedLayoutSegment } from 'next/navigation';
import { useEffect, useId, useState } from 'react';
import { MenuIcon, XIcon } from '@/components/ui/icons';
import { SignOutButton } from './sign-out-button';

const NAV_ITEMS = [
  { href: '/pipelines', label: 'Pipelines' },
  { href: '/deals', label: 'Deals' },
  { href: '/work', label: 'My work' },
  { href: '/contacts', label: 'Contacts' },
  { href: '/companies', label: 'Companies' },
  { href: '/reports', label: 'Reports' },
] as const;

const SETTINGS_ITEM = { href: '/settings', label: 'Settings' } as const;

export interface SignedInUser {
  name: string;
  email: string;
  role: string;
}

function initialsOf(name: string): string {
  return name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((part) => part[0]!.toUpperCase())
    .join('');
}

/**
 * The app's navigation, with the signed-in user (their profile and sign-out) at the end: a sidebar
 * from the md breakpoint, and below it a top bar whose Menu button opens every entry as a list (a
 * row of links cut Reports and Settings off a phone's width). `workDue`: how many of their open tasks
 * and planned activities are overdue or due today, shown by "My work".
 */
export function SidebarNav({ user, showSettings, workDue = 0 }: { user: SignedInUser; showSettings: boolean; workDue?: number }) {
  const address = usePathname();
  // The page under the app layout, not the address: a deal opened in the board's side panel has the
  // address /deals/… while the page is still the pipeline board.
  const section = useSelectedLayoutSegment();
  const pathname = section && !section.startsWith('(') ? `/${section}` : address;
  const items = showSettings ? [...NAV_ITEMS, SETTINGS_ITEM] : NAV_ITEMS;
  const accountActive = address === '/account' || address.startsWith('/account/');
  const [menuOpen, setMenuOpen] = useState(false);
  const menuId = useId();

  // a link followed closes the phone menu
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs when the page changes
  useEffect(() => setMenuOpen(false), [address]);

  return (
    <nav
      aria-label="Main"
      onKeyDown={(event) => {
        if (event.key === 'Escape' && menuOpen) {
          setMenuOpen(false);
          document.getElementById(`${menuId}-button`)?.focus();
        }
      }}
      className="relative z-30 flex shrink-0 flex-col bg-slate-900 text-slate-200 md:w-52 md:border-r md:border-slate-200 md:py-4"
    >
      <div className="flex items-center justify-between px-3 py-2 md:py-0">
        <Link href="/" className="shrink-0 px-2 text-base font-semibold tracking-tight text-white md:mb-4 md:text-lg">
          Dealboard
        </Link>
        <button
          type="button"
          id={`${menuId}-button`}
          aria-expanded={menuOpen}
          aria-controls={menuId}
          onClick={() => setMenuOpen((open) => !open)}
          className="flex items-center gap-1.5 rounded-md px-2 py-1.5 text-sm hover:bg-slate-800 hover:text-white md:hidden"
        >
          {menuOpen ? <XIcon className="h-5 w-5" /> : <MenuIcon className="h-5 w-5" />}
          Menu
        </button>
      </div>
      <div
        id={menuId}
        className={`${menuOpen ? 'flex' : 'hidden'} absolute inset-x-0 top-full max-h-[calc(100dvh-3.25rem)] flex-col gap-1 overflow-y-auto bg-slate-900 px-3 pb-3 shadow-lg md:static md:flex md:max-h-none md:flex-1 md:px-3 md:pb-0 md:shadow-none`}
      >
        {items.map((item) => {
          const active = pathname === item.href || pathname.startsWith(`${item.href}/`);
          return (
            <Link
              key={item.href}
              href={item.href}
              aria-current={active ? 'page' : undefined}
              className={`shrink-0 whitespace-nowrap rounded-md px-2 py-2 text-sm md:py-1.5 ${active ? 'bg-slate-700 font-medium text-white' : 'hover:bg-slate-800 hover:text-white'}`}
            >
              {item.label}
              {item.href === '/work' && workDue > 0 ? (
                <span
                  data-testid="work-due-count"
                  className="ml-1.5 rounded-full bg-amber-400 px-1.5 py-px text-xs font-semibold text-slate-900 md:float-right"
                >
                  {workDue}
                  <span className="sr-only"> due today or overdue</span>
                </span>
              ) : null}
            </Link>
          );
        })}
        <div className="mt-2 flex shrink-0 flex-col gap-1 border-t border-slate-700 pt-3 md:mt-auto">
          <Link
            href="/account"
            aria-current={accountActive ? 'page' : undefined}
            title={`${user.name} (${user.email})`}
            className={`relative flex items-center gap-2 rounded-md px-2 py-1.5 text-sm ${accountActive ? 'bg-slate-700 text-white' : 'hover:bg-slate-800 hover:text-white'}`}
          >
            <span aria-hidden className="flex size-7 shrink-0 items-center justify-center rounded-full bg-slate-600 text-xs font-semibold text-white">
              {initialsOf(user.name)}
            </span>
            <span className="min-w-0">
              <span data-testid="signed-in-user" className="block truncate font-medium text-white">
                {user.name}
              </span>
              <span className="block truncate text-xs capitalize text-slate-400">{user.role}</span>
            </span>
          </Link>
          <SignOutButton className="shrink-0 whitespace-nowrap rounded-md px-2 py-1.5 text-left text-sm hover:bg-slate-800 hover:text-white disabled:opacity-60" />
        </div>
      </div>
    </nav>
  );
}
