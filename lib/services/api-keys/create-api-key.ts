import 'server-only';
import { AppError } from '../../errors';
import { toPublicId } from '../../ids';
import type { z } from 'zod';
import { createApiKeyInput } from '../../schemas/api-key';
import type { ServiceContext } from '../context';
import { displayPrefix, generateApiKeySecret, hashApiKeySecret } from './api-key-secret';
import { writeAs } from '../../change-record/change-actor';

export interface CreatedApiKey {
  id: string;
  name: string;
  prefix: string;
  createdAt: Date;
  /** the key itself: shown this once, never stored */
  key: string;
}

/** Creates an API key acting as the calling user (every user may create keys for themself). */
export async function createApiKey({ ctx, input }: { ctx: ServiceContext; input: z.input<typeof createApiKeyInput> }): Promise<CreatedApiKey> {
  const parsed = createApiKeyInput.safeParse(input);
  if (!parsed.success) {
    throw new AppError(
      'validation_failed',
      'The API key is not valid',
      parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
    );
  }
  const key = generateApiKeySecret();
  const record = await writeAs(ctx, (tx) =>
    tx.apiKey.create({
      data: { name: parsed.data.name, scope: parsed.data.scope, keyHash: hashApiKeySecret(key), keyPrefix: displayPrefix(key), userId: ctx.user.id },
    }),
  );
  return { id: toPublicId('apiKey', record.id), name: record.name, prefix: record.keyPrefix, createdAt: record.createdAt, key };
}
