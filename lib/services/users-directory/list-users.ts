import 'server-only';
import { db } from '../../db';
import type { ServiceContext } from '../context';

export interface DirectoryUser {
  id: number;
  name: string;
  email: string;
}

/** Every user, by name: the people a deal can be owned by or a task assigned to. Every role may read it. */
export async function listUsers({ ctx }: { ctx: ServiceContext }): Promise<DirectoryUser[]> {
  void ctx; // every role may see the team
  return db.user.findMany({ orderBy: [{ name: 'asc' }, { id: 'asc' }], select: { id: true, name: true, email: true } });
}
