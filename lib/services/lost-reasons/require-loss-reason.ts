import 'server-only';
import { AppError } from '../../errors';
import type { Prisma } from '../../generated/prisma/client';
import type { ServiceContext } from '../context';
import { getLostReasonPolicy } from './get-lost-reason-policy';

/**
 * The reason to store when a person marks deals lost (the board's Lost target, the deal page, the
 * deals table's bulk action): required whenever the workspace keeps a list of reasons or allows
 * free text; one of the active reasons (matched regardless of case, stored as the list spells it)
 * unless free text is allowed. Refusals name `field`, the input the person filled in. Pass `tx`
 * inside a transaction (the embedded database has one connection).
 */
export async function requireLossReason({
  ctx,
  input,
  tx,
}: {
  ctx: ServiceContext;
  input: { reason: string | null | undefined; field: string; deals?: 'one' | 'many' };
  tx?: Prisma.TransactionClient;
}): Promise<string | null> {
  const policy = await getLostReasonPolicy({ ctx, tx });
  const reason = input.reason?.trim() ? input.reason.trim() : null;
  const refuse = (message: string) => new AppError('unprocessable', `${message}.`, [{ path: input.field, message }]);
  if (reason === null) {
    if (policy.allowFreeText || policy.activeLabels.length > 0)
      throw refuse(input.deals === 'many' ? 'Choose why the deals were lost' : 'Choose why the deal was lost');
    return null;
  }
  if (reason.length > 500) throw refuse('A loss reason must be at most 500 characters');
  const match = policy.activeLabels.find((label) => label.toLowerCase() === reason.toLowerCase());
  if (match) return match;
  if (!policy.allowFreeText) throw refuse(`“${reason}” is not one of the lost reasons; pick one from the list`);
  return reason;
}
