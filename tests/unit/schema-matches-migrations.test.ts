import { describe, expect, it } from 'vitest';
import { diffMigrationsToSchema } from '@/lib/database/schema-engine';

describe('prisma/schema.prisma and prisma/migrations', () => {
  it('agree: applying the migration history yields exactly the schema (else run npm run db:migration -- <name>)', async () => {
    const missing = await diffMigrationsToSchema();
    expect(missing, `the schema has changes no migration holds:\n${missing}`).toBe('');
  });
});
