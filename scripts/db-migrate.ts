// npm run db:migrate — apply pending migrations to the database DATABASE_URL names.
import { runMain } from '../lib/cli/run-main';
import { describeDatabase, parseDatabaseUrl } from '../lib/database/config';
import { openDatabase } from '../lib/database/connect';
import { migrateDatabase } from '../lib/database/migrate';

runMain(async () => {
  const config = parseDatabaseUrl(process.env.DATABASE_URL);
  const connection = openDatabase(config);
  try {
    const applied = await migrateDatabase(connection);
    console.log(
      applied.length > 0
        ? `Applied ${applied.length} migration(s) to ${describeDatabase(config)}: ${applied.join(', ')}`
        : `${describeDatabase(config)} is up to date.`,
    );
  } finally {
    await connection.close();
  }
});
