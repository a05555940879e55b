import 'server-only';
import { isCompilable, type Compilable, type CompiledQuery, type RawBuilder } from 'kysely';
import { sqlBuilder } from './typed-sql';

// Runs a statement built with lib/database/typed-sql.ts through a Prisma client or transaction
// client, so it joins the caller's transaction and works on both engines. Rows come back as
// Prisma's raw queries give them (int8 as bigint, timestamps as Date, numeric as Decimal).

export interface RawClient {
  $queryRawUnsafe<T = unknown>(query: string, ...values: unknown[]): Promise<T>;
  $executeRawUnsafe(query: string, ...values: unknown[]): Promise<number>;
}

/** A builder query, a `sql` template (compiled with the builder's dialect) or a compiled statement. */
export type Statement = Compilable<unknown> | RawBuilder<unknown> | CompiledQuery<unknown>;

function compiled(statement: Statement): CompiledQuery<unknown> {
  if ('isRawBuilder' in statement) return statement.compile(sqlBuilder);
  return isCompilable(statement) ? statement.compile() : (statement as CompiledQuery<unknown>);
}

/** The statement's rows, typed as the caller declares them. */
export function queryRows<Row>(client: Pick<RawClient, '$queryRawUnsafe'>, statement: Statement): Promise<Row[]> {
  const { sql, parameters } = compiled(statement);
  return client.$queryRawUnsafe<Row[]>(sql, ...parameters);
}

/** Runs a statement for its effect; the number of rows it touched. */
export function executeStatement(client: Pick<RawClient, '$executeRawUnsafe'>, statement: Statement): Promise<number> {
  const { sql, parameters } = compiled(statement);
  return client.$executeRawUnsafe(sql, ...parameters);
}

export { compiled as compileStatement };
