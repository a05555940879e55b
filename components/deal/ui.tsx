import type { ButtonHTMLAttributes, ReactNode } from 'react';

// The deal workspace's small building blocks: cards, buttons, badges, inline icons.

export const inputClass =
  'block w-full min-w-0 rounded-md border border-slate-300 bg-white px-2.5 py-1.5 text-sm text-slate-900 shadow-xs placeholder:text-slate-400 focus:border-blue-500 focus:outline-none focus:ring-2 focus:ring-blue-500/30 disabled:bg-slate-50 disabled:text-slate-500 aria-[invalid=true]:border-red-500 aria-[invalid=true]:ring-red-500/20';

type Tone = 'primary' | 'secondary' | 'ghost' | 'danger' | 'success';

const TONES: Record<Tone, string> = {
  primary: 'bg-blue-600 text-white hover:bg-blue-700 disabled:bg-blue-300',
  secondary: 'border border-slate-300 bg-white text-slate-700 hover:bg-slate-50 disabled:text-slate-400',
  ghost: 'text-slate-600 hover:bg-slate-100 hover:text-slate-900 disabled:text-slate-300',
  danger: 'bg-rose-600 text-white hover:bg-rose-700 disabled:bg-rose-300',
  success: 'bg-emerald-700 text-white hover:bg-emerald-800 disabled:bg-emerald-300',
};

const SIZES = { sm: 'h-7 px-2 text-xs', md: 'h-8 px-3 text-sm', icon: 'h-8 w-8 text-sm', 'icon-sm': 'h-7 w-7 text-xs' } as const;

export function Button({
  tone = 'secondary',
  size = 'md',
  className = '',
  ...props
}: ButtonHTMLAttributes<HTMLButtonElement> & { tone?: Tone; size?: keyof typeof SIZES }) {
  const sizing = SIZES[size];
  return (
    <button
      type="button"
      {...props}
      className={`inline-flex shrink-0 items-center justify-center gap-1.5 rounded-md font-medium whitespace-nowrap transition-colors focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-blue-500 focus-visible:ring-offset-1 disabled:cursor-not-allowed ${sizing} ${TONES[tone]} ${className}`}
    />
  );
}

export function Card({
  label,
  title,
  actions,
  children,
  className = '',
  id,
}: {
  label: string;
  title: ReactNode;
  actions?: ReactNode;
  children: ReactNode;
  className?: string;
  id?: string;
}) {
  return (
    <section aria-label={label} id={id} className={`min-w-0 rounded-xl border border-slate-200 bg-white shadow-sm ${className}`}>
      <header className="flex min-h-11 flex-wrap items-center gap-2 border-b border-slate-100 px-4 py-2">
        <h2 className="text-sm font-semibold text-slate-900">{title}</h2>
        {actions ? <div className="ml-auto flex items-center gap-2">{actions}</div> : null}
      </header>
      <div className="p-4">{children}</div>
    </section>
  );
}

export function EmptyState({ icon, title, children }: { icon?: ReactNode; title: string; children?: ReactNode }) {
  return (
    <div className="flex flex-col items-center gap-1 rounded-lg border border-dashed border-slate-200 px-4 py-6 text-center">
      {icon ? <div className="mb-1 text-slate-300">{icon}</div> : null}
      <p className="text-sm font-medium text-slate-700">{title}</p>
      {children ? <p className="max-w-sm text-xs text-slate-500">{children}</p> : null}
    </div>
  );
}

export function Spinner({ className = 'h-3.5 w-3.5' }: { className?: string }) {
  return <span aria-hidden="true" className={`inline-block animate-spin rounded-full border-2 border-current border-r-transparent ${className}`} />;
}

const STATUS_BADGE: Record<string, string> = {
  open: 'bg-blue-50 text-blue-800 ring-blue-200',
  stalled: 'bg-amber-50 text-amber-800 ring-amber-200',
  won: 'bg-emerald-50 text-emerald-800 ring-emerald-200',
  lost: 'bg-rose-50 text-rose-800 ring-rose-200',
};

export function StatusBadge({ status }: { status: string }) {
  return (
    <span
      data-testid="deal-status"
      className={`rounded-full px-2 py-0.5 text-xs font-medium capitalize ring-1 ring-inset ${STATUS_BADGE[status] ?? STATUS_BADGE.open}`}
    >
      {status}
    </span>
  );
}

export function initials(name: string): string {
  const parts = name.trim().split(/\s+/);
  return ((parts[0]?.[0] ?? '') + (parts.length > 1 ? (parts[parts.length - 1]?.[0] ?? '') : '')).toUpperCase();
}

export {
  PencilIcon,
  CheckIcon,
  XIcon,
  TrashIcon,
  PlusIcon,
  PhoneIcon,
  UsersIcon,
  MailIcon,
  NoteIcon,
  CalendarIcon,
  TaskIcon,
  BoxIcon,
  BuildingIcon,
  WarningIcon,
  ChevronRightIcon,
  TrophyIcon,
  XCircleIcon,
  UndoIcon,
  HistoryIcon,
  LockIcon,
} from '@/components/ui/icons';
