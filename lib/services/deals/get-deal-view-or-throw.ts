import 'server-only';
import { AppError } from '../../errors';
import { toPublicId } from '../../ids';
import type { ServiceContext } from '../context';
import { findDealView, type DealView } from './deal-view';

/** One deal as the API shows it, or 404. Every role may read every deal. */
export async function getDealViewOrThrow({ ctx, input }: { ctx: ServiceContext; input: { dealId: number } }): Promise<DealView> {
  void ctx;
  const deal = await findDealView(input.dealId);
  if (!deal) throw new AppError('not_found', `No deal with ID ${toPublicId('deal', input.dealId)} exists.`);
  return deal;
}
