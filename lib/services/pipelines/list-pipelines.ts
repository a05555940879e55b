import 'server-only';
import { db } from '../../db';
import type { ServiceContext } from '../context';

/** The pipelines anyone signed in may see, default first, then by position. */
export async function listPipelines({ ctx }: { ctx: ServiceContext }) {
  void ctx; // every role can read every pipeline
  return db.pipeline.findMany({
    where: { deletedAt: null },
    orderBy: [{ isDefault: 'desc' }, { position: 'asc' }, { id: 'asc' }],
    select: { id: true, name: true, isDefault: true },
  });
}
