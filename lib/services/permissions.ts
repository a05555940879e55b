import { AppError } from '../errors';
import type { ServiceContext } from './context';

// Who may do what (docs/decisions/003-permissions.md): everyone works deals and their records;
// workspace configuration (pipelines, stages, lost reasons, custom fields, products) belongs to
// managers and admins; users, workspace settings and everyone's API keys to admins.

export function canConfigureWorkspace(ctx: ServiceContext): boolean {
  return ctx.user.role === 'manager' || ctx.user.role === 'admin';
}

export function assertCanConfigureWorkspace(ctx: ServiceContext): void {
  if (!canConfigureWorkspace(ctx)) {
    throw new AppError('forbidden', 'Only managers and admins can change the workspace configuration.');
  }
}

export function isAdmin(ctx: ServiceContext): boolean {
  return ctx.user.role === 'admin';
}

export function assertAdmin(ctx: ServiceContext, what = 'do this'): void {
  if (!isAdmin(ctx)) throw new AppError('forbidden', `Only admins can ${what}.`);
}

/** Whether the acting user may see someone else's inbox ("My work"), or the whole team's: managers and admins. */
export function canViewOthersWork(ctx: ServiceContext): boolean {
  return ctx.user.role === 'manager' || ctx.user.role === 'admin';
}

/** Reps see only their own open work (everyone may still read each task and activity on its deal). */
export function assertMayViewWorkOf(ctx: ServiceContext, whose: number | 'team'): void {
  if (whose !== ctx.user.id && !canViewOthersWork(ctx)) {
    throw new AppError('forbidden', 'Only managers and admins can see someone else’s work or the whole team’s.');
  }
}

/** Merging contacts or companies rewrites many deals at once: managers and admins only. */
export function canMergeRecords(ctx: ServiceContext): boolean {
  return ctx.user.role === 'manager' || ctx.user.role === 'admin';
}

export function assertMayMergeRecords(ctx: ServiceContext, noun: 'contacts' | 'companies'): void {
  if (!canMergeRecords(ctx)) throw new AppError('forbidden', `Only managers and admins can merge ${noun}.`);
}

/** Importing CSV files creates and updates records in bulk: managers and admins only. */
export function canImportRecords(ctx: ServiceContext): boolean {
  return ctx.user.role === 'manager' || ctx.user.role === 'admin';
}

export function assertMayImportRecords(ctx: ServiceContext): void {
  if (!canImportRecords(ctx)) throw new AppError('forbidden', 'Only managers and admins can import records.');
}
