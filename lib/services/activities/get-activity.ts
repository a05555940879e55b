import 'server-only';
import { db } from '../../db';
import type { ServiceContext } from '../context';
import { activityNotFound, visibleThroughDeal } from './activity-rules';

/** One activity, or 404 (also when its deal is deleted). Every role may read every activity. */
export async function getActivity({ ctx, input }: { ctx: ServiceContext; input: { activityId: number } }) {
  void ctx;
  const activity = await db.activity.findFirst({ where: { id: input.activityId, ...visibleThroughDeal } });
  if (!activity) throw activityNotFound();
  return activity;
}
