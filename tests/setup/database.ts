import fs from 'node:fs';
import pg from 'pg';
import { afterAll, inject } from 'vitest';
import { openDatabase } from '../../lib/database/connect';
import { parseDatabaseUrl } from '../../lib/database/config';
import { disconnectDb, setDatabaseConnection } from '../../lib/db';
import { withDatabase } from './global-database';

// Every integration test file gets its own fresh, migrated, empty database behind `db`:
// an in-memory PGlite opened from the migrated image, or a copy of the PostgreSQL template.

if (process.env.TEST_ENGINE === 'postgresql') {
  const url = process.env.TEST_DATABASE_URL!;
  const template = inject('templateDatabase');
  const name = `dealboard_test_${process.pid}_${Date.now().toString(36)}_${Math.floor(Math.random() * 1e6)}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}" TEMPLATE "${template}"`);
  const databaseUrl = withDatabase(url, name);
  process.env.DATABASE_URL = databaseUrl;
  setDatabaseConnection(openDatabase(parseDatabaseUrl(databaseUrl), { poolSize: 10 }));
  afterAll(async () => {
    await disconnectDb();
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.end();
  });
} else {
  const image = new Blob([fs.readFileSync(inject('pgliteImage'))]);
  process.env.DATABASE_URL = 'memory:';
  setDatabaseConnection(openDatabase({ engine: 'embedded', dataDir: null }, { loadDataDir: image }));
  afterAll(async () => {
    await disconnectDb();
  });
}
