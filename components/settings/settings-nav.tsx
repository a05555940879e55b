'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';

export const SETTINGS_SECTIONS = [
  { href: '/settings', label: 'Workspace' },
  { href: '/settings/pipelines', label: 'Pipelines & stages' },
  { href: '/settings/currencies', label: 'Currencies' },
  { href: '/settings/products', label: 'Products' },
  { href: '/settings/custom-fields', label: 'Custom fields' },
  { href: '/settings/lost-reasons', label: 'Lost reasons' },
  { href: '/settings/import', label: 'Import' },
  { href: '/settings/api-keys', label: 'API keys' },
] as const;

const ADMIN_SECTIONS = [
  { href: '/settings/users', label: 'Users' },
  { href: '/settings/security', label: 'Security' },
  { href: '/settings/audit-log', label: 'Audit log' },
  { href: '/settings/webhooks', label: 'Webhooks' },
  { href: '/settings/backups', label: 'Backups' },
] as const;

/** The settings sections as tabs (scrolling sideways on a phone); Users and Security for admins only. */
export function SettingsNav({ admin }: { admin: boolean }) {
  const pathname = usePathname();
  const sections = admin ? [...SETTINGS_SECTIONS, ...ADMIN_SECTIONS] : SETTINGS_SECTIONS;
  return (
    <nav aria-label="Settings" className="-mb-px flex gap-1 overflow-x-auto border-b border-slate-200 bg-white px-2 sm:px-4 lg:px-6">
      {sections.map((section) => {
        const active = section.href === '/settings' ? pathname === '/settings' : pathname === section.href || pathname.startsWith(`${section.href}/`);
        return (
          <Link
            key={section.href}
            href={section.href}
            aria-current={active ? 'page' : undefined}
            className={`shrink-0 whitespace-nowrap border-b-2 px-3 py-2 text-sm ${
              active ? 'border-blue-600 font-medium text-blue-700' : 'border-transparent text-slate-600 hover:border-slate-300 hover:text-slate-900'
            }`}
          >
            {section.label}
          </Link>
        );
      })}
    </nav>
  );
}
