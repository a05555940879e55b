import 'server-only';
import { db } from '../../db';
import type { Prisma } from '../../generated/prisma/client';
import type { ServiceContext } from '../context';
import { readAllowFreeText } from '../settings/lost-reason-settings';

export interface LostReasonPolicy {
  /** true: any text is a valid loss reason; false: it must be one of `activeLabels` */
  allowFreeText: boolean;
  /** the active lost reasons' labels, in list order */
  activeLabels: string[];
}

/**
 * What a lost deal's reason may be. Deal writers call this to validate `loss_reason`
 * (pass `tx` to read inside their transaction).
 */
export async function getLostReasonPolicy({ ctx, tx }: { ctx: ServiceContext; tx?: Prisma.TransactionClient }): Promise<LostReasonPolicy> {
  void ctx; // every role may read the policy
  const client = tx ?? db;
  const allowFreeText = await readAllowFreeText(client);
  const active = await client.lostReason.findMany({ where: { active: true }, orderBy: [{ position: 'asc' }, { id: 'asc' }], select: { label: true } });
  return { allowFreeText, activeLabels: active.map((r) => r.label) };
}
