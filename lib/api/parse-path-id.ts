import { AppError } from '../errors';
import { fromPublicId, type IdKind } from '../ids';

/** The integer identity behind a path's public ID; 404 for an unknown ID or an ID of another kind. */
export function parsePathId(kind: IdKind, value: string | undefined, label: string = kind): number {
  const id = value ? fromPublicId(kind, value) : null;
  if (id === null) throw new AppError('not_found', `No ${label} with ID ${value ?? ''} exists.`);
  return id;
}
