// npm run db:seed — apply pending migrations, then fill an EMPTY database with the demo workspace.
import { runMain } from '../lib/cli/run-main';
import { describeDatabase, parseDatabaseUrl } from '../lib/database/config';
import { assertReachable, openDatabase } from '../lib/database/connect';
import { migrateDatabase } from '../lib/database/migrate';
import { db, disconnectDb, setDatabaseConnection } from '../lib/db';
import { seedDemoWorkspace } from '../lib/demo/seed-demo-workspace';

runMain(async () => {
  const config = parseDatabaseUrl(process.env.DATABASE_URL);
  const connection = openDatabase(config);
  try {
    await assertReachable(connection);
    await migrateDatabase(connection);
  } catch (error) {
    await connection.close();
    throw error;
  }
  setDatabaseConnection(connection);
  try {
    const started = Date.now();
    const { created, summary } = await seedDemoWorkspace({ db });
    if (!created) {
      console.log('The database already has data: nothing seeded.');
      return;
    }
    const counts = Object.entries(summary)
      .map(([name, count]) => `${count} ${name}`)
      .join(', ');
    console.log(`Seeded the demo workspace in ${describeDatabase(config)} (${Date.now() - started} ms): ${counts}.`);
  } finally {
    await disconnectDb();
  }
});
