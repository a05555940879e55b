import 'server-only';
import { db } from '../../db';
import { toPublicId } from '../../ids';
import type { ServiceContext } from '../context';

export interface UserSummary {
  id: number;
  publicId: string;
  name: string;
}

/** Every user, by name: the people a deal can belong to (board owner filter). Every role may read it. */
export async function listUsers({ ctx }: { ctx: ServiceContext }): Promise<UserSummary[]> {
  void ctx;
  const users = await db.user.findMany({ orderBy: [{ name: 'asc' }, { id: 'asc' }], select: { id: true, name: true } });
  return users.map((u) => ({ id: u.id, publicId: toPublicId('user', u.id), name: u.name }));
}
