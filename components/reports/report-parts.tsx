import type { ReactNode } from 'react';

// Small building blocks of the report pages (server components).

export function Section({ title, description, children, actions }: { title: string; description?: ReactNode; children: ReactNode; actions?: ReactNode }) {
  return (
    <section className="rounded-lg border border-slate-200 bg-white shadow-sm">
      <div className="flex flex-wrap items-start justify-between gap-2 border-b border-slate-100 px-3 py-3 sm:px-4">
        <div className="min-w-0">
          <h3 className="text-sm font-semibold text-slate-900">{title}</h3>
          {description ? <p className="mt-0.5 text-xs text-slate-500">{description}</p> : null}
        </div>
        {actions}
      </div>
      <div className="p-3 sm:p-4">{children}</div>
    </section>
  );
}

export function Stat({
  label,
  value,
  detail,
  tone = 'slate',
}: {
  label: string;
  value: ReactNode;
  detail?: ReactNode;
  tone?: 'slate' | 'green' | 'red' | 'amber' | 'indigo';
}) {
  const toneClass = { slate: 'text-slate-900', green: 'text-emerald-700', red: 'text-rose-700', amber: 'text-amber-700', indigo: 'text-indigo-700' }[tone];
  return (
    <div className="min-w-0 rounded-lg border border-slate-200 bg-white px-3 py-2.5 shadow-sm sm:px-4 sm:py-3">
      <div className="truncate text-xs font-medium uppercase tracking-wide text-slate-500" title={label}>
        {label}
      </div>
      <div className={`mt-1 text-xl font-semibold tabular-nums sm:text-2xl ${toneClass}`}>{value}</div>
      {detail ? <div className="mt-0.5 text-xs leading-snug text-slate-500">{detail}</div> : null}
    </div>
  );
}

export function StatGrid({ children }: { children: ReactNode }) {
  return <div className="grid grid-cols-1 gap-2 min-[480px]:grid-cols-2 sm:gap-3 md:grid-cols-3 xl:grid-cols-6">{children}</div>;
}

/** A table that scrolls sideways inside its card on narrow screens. Numbers align right; `left` lists the text columns after the first. */
export function Table({
  label,
  headers,
  children,
  footer,
  left = [],
}: {
  label: string;
  headers: ReactNode[];
  children: ReactNode;
  footer?: ReactNode;
  left?: number[];
}) {
  return (
    <div className="-mx-3 overflow-x-auto px-3 sm:-mx-4 sm:px-4">
      <table aria-label={label} className="w-full min-w-max border-collapse text-sm">
        <thead>
          <tr className="border-b border-slate-200 text-left text-xs uppercase tracking-wide text-slate-500">
            {headers.map((h, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: a fixed header row; two columns may share a title
              <th key={i} scope="col" className={`px-2 py-2 font-medium ${i > 0 && !left.includes(i) ? 'text-right' : ''}`}>
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">{children}</tbody>
        {footer ? <tfoot className="border-t-2 border-slate-200 font-medium">{footer}</tfoot> : null}
      </table>
    </div>
  );
}

export function Td({ children, className = '', first = false }: { children: ReactNode; className?: string; first?: boolean }) {
  return <td className={`px-2 py-1.5 ${first ? 'text-left' : 'text-right tabular-nums'} ${className}`}>{children}</td>;
}

export function Th({ children }: { children: ReactNode }) {
  return (
    <th scope="row" className="px-2 py-1.5 text-left font-medium text-slate-800">
      {children}
    </th>
  );
}

export function Note({ children }: { children: ReactNode }) {
  return <p className="text-xs leading-relaxed text-slate-500">{children}</p>;
}

export function EmptyState({ children }: { children: ReactNode }) {
  return <p className="rounded-md bg-slate-50 px-3 py-6 text-center text-sm text-slate-500">{children}</p>;
}
