import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../../lib/database/connect';
import { parseDatabaseUrl } from '../../lib/database/config';
import { migrateDatabase } from '../../lib/database/migrate';

declare module 'vitest' {
  export interface ProvidedContext {
    /** embedded: path of a migrated, empty PGlite image each test file starts from */
    pgliteImage: string;
    /** postgresql: name of a migrated, empty template database each test file copies */
    templateDatabase: string;
  }
}

// Migrate once per run, through the real migration path; every test file then starts from a copy
// of that migrated, empty database (a PGlite image or a PostgreSQL template database).
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const engine = project.config.env?.TEST_ENGINE;
  if (engine === 'postgresql') return setupPostgres(project);
  return setupPglite(project);
}

async function setupPglite(project: TestProject) {
  const connection = openDatabase({ engine: 'embedded', dataDir: null });
  // migrate through the same code the app uses, then keep an image of the result
  await migrateDatabase(connection);
  const dump = await connection.dump!();
  const dir = path.resolve('.tmp/test-db');
  fs.mkdirSync(dir, { recursive: true });
  const imagePath = path.join(dir, `migrated-${process.pid}.tar.gz`);
  fs.writeFileSync(imagePath, Buffer.from(await dump.arrayBuffer()));
  await connection.close();
  project.provide('pgliteImage', imagePath);
  return async () => fs.rmSync(imagePath, { force: true });
}

async function setupPostgres(project: TestProject) {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) throw new Error('TEST_DATABASE_URL is not set');
  const template = `dealboard_test_template_${process.pid}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS "${template}"`);
  await admin.query(`CREATE DATABASE "${template}"`);
  const templateUrl = withDatabase(url, template);
  const connection = openDatabase(parseDatabaseUrl(templateUrl));
  await migrateDatabase(connection);
  await connection.close();
  project.provide('templateDatabase', template);
  return async () => {
    await admin.query(`DROP DATABASE IF EXISTS "${template}" WITH (FORCE)`);
    await admin.end();
  };
}

export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}
