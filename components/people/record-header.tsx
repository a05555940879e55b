import Link from 'next/link';
import type { ReactNode } from 'react';
import { ChevronRightIcon } from '@/components/ui/icons';

/** The top of a contact's or company's page: back to its list, the record's name, a subtitle, actions. */
export function RecordHeader({
  listHref,
  listLabel,
  title,
  subtitle,
  actions,
}: {
  listHref: string;
  listLabel: string;
  title: string;
  subtitle?: ReactNode;
  actions?: ReactNode;
}) {
  return (
    <header className="border-b border-slate-200 bg-white px-4 py-3 sm:px-6">
      <nav aria-label="Breadcrumb" className="flex items-center gap-1 text-xs text-slate-500">
        <Link href={listHref} className="hover:text-slate-800 hover:underline">
          {listLabel}
        </Link>
        <ChevronRightIcon className="h-3 w-3" />
      </nav>
      <div className="mt-1 flex items-start gap-3">
        <div className="min-w-0 flex-1">
          <h1 className="text-xl font-semibold break-words text-slate-900">{title}</h1>
          {subtitle ? <div className="mt-0.5 text-sm text-slate-500">{subtitle}</div> : null}
        </div>
        {actions ? <div className="flex shrink-0 items-center gap-2">{actions}</div> : null}
      </div>
    </header>
  );
}
