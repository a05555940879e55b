// npm run db:migration -- <name> — write the next migration folder from the difference between
// the migration history and prisma/schema.prisma (computed on an in-memory shadow database).
import fs from 'node:fs';
import path from 'node:path';
import { runMain } from '../lib/cli/run-main';
import { ConfigError } from '../lib/database/config';
import { MIGRATIONS_DIR, diffMigrationsToSchema, writeLockfile } from '../lib/database/schema-engine';

runMain(async () => {
  const name = process.argv[2]?.trim();
  if (!name || !/^[a-z0-9][a-z0-9_-]*$/i.test(name)) {
    throw new ConfigError('Give the migration a name made of letters, digits, - and _: npm run db:migration -- add_deal_tags');
  }
  const sql = await diffMigrationsToSchema();
  if (sql.trim() === '') {
    console.log('prisma/schema.prisma and the migration history agree: no migration written.');
    return;
  }
  writeLockfile();
  const stamp = new Date().toISOString().replace(/\D/g, '').slice(0, 14);
  const folder = path.join(MIGRATIONS_DIR, `${stamp}_${name}`);
  fs.mkdirSync(folder, { recursive: true });
  fs.writeFileSync(path.join(folder, 'migration.sql'), sql);
  console.log(`Wrote ${path.relative(process.cwd(), folder)}/migration.sql — review it, then npm run db:migrate.`);
});
