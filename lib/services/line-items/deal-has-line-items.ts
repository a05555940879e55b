import 'server-only';
import { db, type Prisma } from '../../db';

/**
 * Whether the deal has any line item. A deal with line items takes its value from them, so the deals
 * service refuses a client-sent `value` for it. Pass the transaction client when inside one.
 */
export async function dealHasLineItems(dealId: number, client: Pick<Prisma.TransactionClient, 'dealLineItem'> = db): Promise<boolean> {
  const row = await client.dealLineItem.findFirst({ where: { dealId }, select: { id: true } });
  return row !== null;
}
