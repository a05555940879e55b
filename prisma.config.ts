import { defineConfig } from 'prisma/config';

// The CLI is used only for `prisma generate` here: migrations are created and applied by
// scripts/db-migration.ts and scripts/db-migrate.ts through the WASM schema engine.
export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
});
