import 'server-only';
import { db } from '../../db';
import { AppError } from '../../errors';
import { Prisma } from '../../generated/prisma/client';
import type { CreateCustomFieldBody } from '../../schemas/custom-field';
import type { ServiceContext } from '../context';
import { assertCanConfigureWorkspace } from '../permissions';
import { setChangeActor } from '../../change-record/change-actor';

/** Defines a deal custom field (managers and admins), last in order unless `position` says otherwise; 409 when the key is taken. */
export async function createCustomField({ ctx, input }: { ctx: ServiceContext; input: CreateCustomFieldBody }) {
  assertCanConfigureWorkspace(ctx);
  try {
    return await db.$transaction(async (tx) => {
      await setChangeActor(tx, ctx);
      let position = input.position;
      if (position === undefined) {
        const last = await tx.customFieldDefinition.aggregate({ where: { entity: 'deal' }, _max: { position: true } });
        position = last._max.position === null ? 0 : last._max.position + 1;
      }
      return tx.customFieldDefinition.create({
        data: {
          entity: 'deal',
          key: input.key,
          label: input.label,
          type: input.type,
          options: input.type === 'select' ? (input.options ?? []) : [],
          required: input.required ?? false,
          position,
        },
      });
    });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') {
      throw new AppError('conflict', `A custom field with the key "${input.key}" already exists.`, [{ path: 'key', message: 'Key already in use' }]);
    }
    throw error;
  }
}
