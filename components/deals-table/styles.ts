// Shared classes of the deals table's controls (the board's filter bar uses the same look).

export const inputClass =
  'h-8 rounded-md border border-slate-300 bg-white px-2 text-sm text-slate-800 focus:border-blue-500 focus:outline-none focus:ring-1 focus:ring-blue-500';

export const buttonClass =
  'inline-flex h-8 items-center gap-1.5 rounded-md border border-slate-300 bg-white px-2.5 text-sm font-medium text-slate-700 hover:bg-slate-50 disabled:opacity-50';
