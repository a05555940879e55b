import { z } from 'zod';
import { acceptedText } from './common';

export const createApiKeyInput = z.strictObject({
  name: acceptedText(z.string().trim().min(1, 'Give the key a name').max(100, 'At most 100 characters'), 'The name'),
  // "read": the key can read everything its owner may, and every write through it answers 403
  scope: z.enum(['read', 'write'], { error: 'Scope must be read or write' }).default('write'),
});
export type CreateApiKeyInput = z.infer<typeof createApiKeyInput>;
