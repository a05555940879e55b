import 'server-only';
import { AppError } from '../../errors';
import type { ServiceContext } from '../context';
import { canConfigureWorkspace } from '../permissions';
import { findWorkspaceUserOrThrow, type WorkspaceUser } from './workspace-user';

/** One user. Everyone may read themselves; admins and managers anyone, as in listWorkspaceUsers. */
export async function getUser({ ctx, input }: { ctx: ServiceContext; input: { userId: number } }): Promise<WorkspaceUser> {
  if (input.userId !== ctx.user.id && !canConfigureWorkspace(ctx)) {
    throw new AppError('forbidden', "Only admins and managers can see other users' accounts.");
  }
  return findWorkspaceUserOrThrow(input.userId);
}
