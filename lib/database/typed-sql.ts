import { DummyDriver, Kysely, PostgresAdapter, PostgresIntrospector, PostgresQueryCompiler, sql, type RawBuilder } from 'kysely';
import type { DB } from '../generated/kysely/database';

// Raw SQL written against the schema's types (lib/generated/kysely, generated from
// prisma/schema.prisma by `npm install`), so a renamed table or column fails the type check.
// Kysely only builds and compiles statements here: they run through Prisma's raw methods (inside
// its transactions, on either engine) or the hot path (lib/database/hot-query.ts). See
// docs/decisions/014-typed-sql.md.

/** The query builder: `.compile()` gives the statement text ($1, $2, …) and its parameters. */
export const sqlBuilder = new Kysely<DB>({
  dialect: {
    createAdapter: () => new PostgresAdapter(),
    createDriver: () => new DummyDriver(),
    createIntrospector: (kysely) => new PostgresIntrospector(kysely),
    createQueryCompiler: () => new PostgresQueryCompiler(),
  },
});

export type TableName = keyof DB & string;
export type ColumnOf<T extends TableName> = keyof DB[T] & string;

/** A table under an alias, for `sql` templates the builder cannot express. */
export interface TableAlias<T extends TableName> {
  /** `"alias"."column"`: the column must be one of the table's */
  (column: ColumnOf<T>): RawBuilder<unknown>;
  /** `"table" AS "alias"`, for FROM and JOIN */
  readonly from: RawBuilder<unknown>;
  /** `"alias"`, for `alias.*` and rows named by a CTE that has the table's columns */
  readonly alias: RawBuilder<unknown>;
}

/**
 * A schema table under an alias in a `sql` template: `const d = tableAs('deals', 'd')`, then
 * `sql\`SELECT ${d('stage_id')} FROM ${d.from}\``. Also for a CTE or subquery whose rows are the
 * table's (a write's RETURNING *): its columns are checked against the table.
 */
export function tableAs<T extends TableName>(table: T, alias: string): TableAlias<T> {
  // a reference is immutable: each is built once and reused, as the hot statements name ~60 per request
  const references = new Map<string, RawBuilder<unknown>>();
  const column = (name: ColumnOf<T>) => {
    let reference = references.get(name);
    if (!reference) {
      reference = sql.ref(`${alias}.${name}`);
      references.set(name, reference);
    }
    return reference;
  };
  return Object.assign(column, { from: sql`${sql.table(table)} AS ${sql.id(alias)}`, alias: sql.id(alias) });
}

/** A schema table's name (`"deals"`), for statements that name it once without an alias. */
export function tableName<T extends TableName>(table: T): RawBuilder<unknown> {
  return sql.table(table);
}

/** A column's bare name (`"stage_id"`), for INSERT column lists and SET targets. */
export function columnName<T extends TableName>(_table: T, column: ColumnOf<T>): RawBuilder<unknown> {
  return sql.id(column);
}

export { sql };
export type { DB, RawBuilder };
