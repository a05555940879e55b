import { z } from 'zod';

export const createApiKeyInput = z.strictObject({
  name: z.string().trim().min(1, 'Give the key a name').max(100, 'At most 100 characters'),
});
export type CreateApiKeyInput = z.infer<typeof createApiKeyInput>;
