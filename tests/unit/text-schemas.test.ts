import { describe, expect, it } from 'vitest';
import { optionalTextSchema, requiredTextSchema, textSchema } from '../../lib/schemas/common';

// The schemas every form, server action and API route parses text with: text the database cannot
// store (a NUL, a lone UTF-16 surrogate) is refused by the field, never left to fail as a 500.

describe('text schemas', () => {
  it('refuse a NUL and a lone surrogate with a message naming the field, and keep ordinary text', () => {
    for (const schema of [requiredTextSchema(100, 'Name'), optionalTextSchema(100, 'Name'), textSchema(100, 'Name')]) {
      const nul = schema.safeParse('Acme\u0000 Corp');
      expect(nul.success).toBe(false);
      expect(nul.error?.issues[0]?.message).toBe('Name must not contain NUL characters (U+0000)');
      const surrogate = schema.safeParse('Acme \ud800');
      expect(surrogate.success).toBe(false);
      expect(surrogate.error?.issues[0]?.message).toBe('Name must be well-formed Unicode text');
      expect(schema.parse('  Acme – Zürich 🚀 ')).toBe('Acme – Zürich 🚀');
    }
    expect(optionalTextSchema(100, 'Note').parse('')).toBeNull();
  });
});
