import { ConfigError, describeDatabase } from './config';
import { assertReachable, errorText, type DatabaseConnection } from './connect';
import { applyMigrations, readMigrations, type MigrationsList } from './schema-engine';

/**
 * Applies pending migrations to an open database. The engine sends each migration file as one
 * multi-statement query, which PostgreSQL runs as one implicit transaction, so a failing migration
 * leaves the schema as it was. The engine's record of the failed attempt is removed too, so the
 * database is exactly as before and fixing the SQL and running again just works.
 * (Migration files must therefore not contain BEGIN/COMMIT of their own.)
 */
export async function migrateDatabase(connection: DatabaseConnection, migrations: MigrationsList = readMigrations()): Promise<string[]> {
  await assertReachable(connection);
  try {
    return await applyMigrations(connection.adapterFactory, migrations);
  } catch (error) {
    const failed = await forgetFailedMigrations(connection);
    const which = failed.length > 0 ? `migration ${failed.join(', ')}` : 'a migration';
    throw new ConfigError(
      `Applying ${which} to ${describeDatabase(connection.config)} failed (${summarise(errorText(error))}); the database was left as it was: fix the migration or the database and run npm run db:migrate again.`,
    );
  }
}

async function forgetFailedMigrations(connection: DatabaseConnection): Promise<string[]> {
  const adapter = await connection.adapterFactory.connect();
  try {
    const result = await adapter.queryRaw({
      sql: 'DELETE FROM "_prisma_migrations" WHERE "finished_at" IS NULL AND "rolled_back_at" IS NULL RETURNING "migration_name"',
      args: [],
      argTypes: [],
    });
    return result.rows.map((row) => String(row[0]));
  } catch {
    return [];
  } finally {
    await adapter.dispose();
  }
}

/** The engine's message without its Rust backtrace: "external connector error: No such table: nope". */
function summarise(text: string): string {
  const lines: string[] = [];
  for (const line of text.split('\n')) {
    if (/^\s+\d+:/.test(line) || /^\s+at /.test(line)) break;
    if (line.trim() !== '') lines.push(line.trim());
  }
  return lines.join(': ').slice(0, 400) || text.slice(0, 400);
}
