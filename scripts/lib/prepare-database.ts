import { describeDatabase, type DatabaseConfig } from '../../lib/database/config';
import { assertReachable, openDatabase } from '../../lib/database/connect';
import { migrateDatabase } from '../../lib/database/migrate';
import { disconnectDb, setDatabaseConnection, db } from '../../lib/db';

/**
 * What every server start does before serving: reach the database, apply pending migrations,
 * and (when asked) load the demo workspace into an empty database. The database is closed again
 * afterwards, so the embedded data directory's lock is free for the server process.
 */
export async function prepareDatabase(config: DatabaseConfig, options: { seedDemo: boolean }): Promise<void> {
  const connection = openDatabase(config);
  let handedToPrisma = false;
  try {
    await assertReachable(connection);
    const applied = await migrateDatabase(connection);
    if (applied.length > 0) console.log(`Applied ${applied.length} migration(s): ${applied.join(', ')}`);
    if (options.seedDemo) {
      setDatabaseConnection(connection);
      handedToPrisma = true;
      const { seedDemoWorkspace } = await import('../../lib/demo/seed-demo-workspace');
      const result = await seedDemoWorkspace({ db });
      if (result.created) console.log(`Loaded the demo workspace into ${describeDatabase(config)}.`);
    }
  } finally {
    if (handedToPrisma) await disconnectDb();
    else await connection.close();
  }
}
