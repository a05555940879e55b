import type { ReactNode } from 'react';

/** A plain, readable table: header row plus body rows, wide content scrolls inside the page. */
export function DataTable({ label, headers, children }: { label: string; headers: string[]; children: ReactNode }) {
  return (
    <div className="min-h-0 flex-1 overflow-auto p-6">
      <table aria-label={label} className="w-full border-collapse overflow-hidden rounded-lg bg-white text-sm shadow-sm">
        <thead className="bg-slate-100 text-left text-xs uppercase tracking-wide text-slate-500">
          <tr>
            {headers.map((h) => (
              <th key={h} scope="col" className="px-3 py-2 font-medium">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">{children}</tbody>
      </table>
    </div>
  );
}

export function Cell({ children, className = '' }: { children: ReactNode; className?: string }) {
  return <td className={`px-3 py-2 ${className}`}>{children}</td>;
}
