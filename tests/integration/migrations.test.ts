import { describe, expect, it } from 'vitest';
import { ConfigError } from '@/lib/database/config';
import { migrateDatabase } from '@/lib/database/migrate';
import { readMigrations } from '@/lib/database/schema-engine';
import { db, getDbConnection } from '@/lib/db';

function withExtraMigration(name: string, sql: string) {
  const list = readMigrations();
  list.migrationDirectories.push({ path: name, migrationFile: { path: 'migration.sql', content: { tag: 'ok', value: sql } } });
  return list;
}

async function tableExists(name: string): Promise<boolean> {
  const rows = await db.$queryRaw<{ present: boolean }[]>`SELECT to_regclass(${name}) IS NOT NULL AS present`;
  return rows[0]!.present;
}

async function appliedMigrations(): Promise<string[]> {
  const rows = await db.$queryRaw<{ migration_name: string }[]>`SELECT migration_name FROM _prisma_migrations ORDER BY migration_name`;
  return rows.map((r) => r.migration_name);
}

describe('migrations', () => {
  it('a re-run on an up-to-date database applies nothing', async () => {
    expect(await migrateDatabase(getDbConnection())).toEqual([]);
    expect(await appliedMigrations()).toEqual(readMigrations().migrationDirectories.map((m) => m.path));
  });

  it('a failing migration is refused with a clear sentence and leaves the database as it was', async () => {
    const before = await appliedMigrations();
    const broken = withExtraMigration(
      '29991231000000_broken',
      'CREATE TABLE "half_done" (id int);\nALTER TABLE "deals" ADD COLUMN "half_column" int;\nSELECT * FROM "no_such_table";\n',
    );
    const error = await migrateDatabase(getDbConnection(), broken).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toMatch(/29991231000000_broken.*no_such_table.*left as it was/);
    expect(await tableExists('half_done')).toBe(false);
    const column = await db.$queryRaw<unknown[]>`SELECT 1 FROM information_schema.columns WHERE table_name = 'deals' AND column_name = 'half_column'`;
    expect(column).toHaveLength(0);
    expect(await appliedMigrations()).toEqual(before);
    // the database still works and a later, fixed migration applies
    const fixed = withExtraMigration('29991231000000_broken', 'CREATE TABLE "half_done" (id int);');
    expect(await migrateDatabase(getDbConnection(), fixed)).toEqual(['29991231000000_broken']);
    expect(await tableExists('half_done')).toBe(true);
  });

  it('keeps money exact up to 10^12 major units', async () => {
    const user = await db.user.create({ data: { email: 'm@x.test', name: 'M' } });
    const pipeline = await db.pipeline.create({ data: { name: 'P', stages: { create: [{ name: 'S', position: 0 }] } }, include: { stages: true } });
    const value = 100_000_000_000_001n; // 10^12 major units and one cent
    const deal = await db.deal.create({
      data: { name: 'Big', pipelineId: pipeline.id, stageId: pipeline.stages[0]!.id, value, ownerId: user.id },
    });
    expect((await db.deal.findUniqueOrThrow({ where: { id: deal.id } })).value).toBe(value);
  });
});
