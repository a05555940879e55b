import 'server-only';
import { createHash } from 'node:crypto';
import pg from 'pg';
import { prepareValue } from 'pg/lib/utils';
import { db, getDbConnection } from '../db';
import { compileStatement, type Statement } from './run-sql';

// The API's hot statements (read a deal, list deals, create, move) run on PostgreSQL straight on the
// pool Prisma's adapter uses, as named prepared statements: measured on the 2-core machine, the same
// deal-view statement ran at ~860/s through Prisma's $queryRaw (~320 µs of Node CPU each) and at
// ~2,900/s prepared on pg (~100 µs), since PostgreSQL plans it once per connection and Prisma's raw
// path is skipped. Everything else, and the embedded database, goes through Prisma as before.
// See docs/decisions/005-api-hot-path.md.

/** pg's parsers for the types these statements return, giving what Prisma's $queryRaw gives. */
const PARSERS: Record<number, (text: string) => unknown> = {
  20: (text) => BigInt(text), // int8
  1114: parseTimestamp, // timestamp: the columns hold UTC without a zone
  1082: (text) => parseTimestamp(`${text} 00:00:00`), // date
};

/** The digits of `text` from `start` to `end` as a number. */
function digits(text: string, start: number, end: number): number {
  let value = 0;
  for (let i = start; i < end; i += 1) value = value * 10 + text.charCodeAt(i) - 48;
  return value;
}

/**
 * A `timestamp` as PostgreSQL prints it (`YYYY-MM-DD HH:MM:SS[.fff]`, ISO DateStyle) read as UTC.
 * Read field by field: a list of 50 deals carries 250 timestamps, and V8's date-string parser was
 * the largest single cost of reading the page. Other spellings (BC, infinity, years past 9999) take
 * the general path.
 */
export function parseTimestamp(text: string): Date {
  const { length } = text;
  if (length >= 19 && length <= 26 && text.charCodeAt(4) === 45 && text.charCodeAt(10) === 32 && (length === 19 || text.charCodeAt(19) === 46)) {
    const year = digits(text, 0, 4);
    if (year >= 100) {
      const fraction = length - 20; // digits after the point: 0, or 1…6
      const millis =
        fraction <= 0 ? 0 : fraction <= 3 ? digits(text, 20, length) * 10 ** (3 - fraction) : Math.floor(digits(text, 20, length) / 10 ** (fraction - 3));
      return new Date(Date.UTC(year, digits(text, 5, 7) - 1, digits(text, 8, 10), digits(text, 11, 13), digits(text, 14, 16), digits(text, 17, 19), millis));
    }
  }
  return new Date(`${text.replace(' ', 'T')}Z`);
}

const textParser = pg.types.getTypeParser(25, 'text');

/** The parser of a column type; null for text-like columns, which are used as they come. */
function parserFor(oid: number): ((text: string) => unknown) | null {
  const parser = PARSERS[oid] ?? pg.types.getTypeParser(oid, 'text');
  return parser === textParser ? null : (parser as (text: string) => unknown);
}

const names = new Map<string, string>();

/** A prepared statement's name: the same text always gets the same name (pg prepares it once per connection). */
function statementName(text: string): string {
  let name = names.get(text);
  if (!name) {
    name = `hot_${createHash('sha1').update(text).digest('hex').slice(0, 20)}`;
    if (names.size > 2_000) {
      names.clear(); // statements built from filters vary; keep the maps bounded
      shapes.clear();
    }
    names.set(text, name);
  }
  return name;
}

/** What a prepared statement's rows look like, learnt from its first execution's row description. */
interface RowShape {
  /** builds one row object from the row's column texts */
  build: (fields: Array<string | null>) => Record<string, unknown>;
}

const shapes = new Map<string, RowShape>();

/**
 * A row builder for these columns: an object literal with the columns as fixed keys, so every row
 * of a statement shares one hidden class (pg's own rows are copied from a null-prototype object
 * and end up as dictionaries, slower to build and to read).
 */
function rowShape(fields: Array<{ name: string; dataTypeID: number }>): RowShape {
  const parsers = fields.map((field) => parserFor(field.dataTypeID));
  const properties = fields.map((field, i) =>
    parsers[i] === null ? `${JSON.stringify(field.name)}: f[${i}]` : `${JSON.stringify(field.name)}: f[${i}] === null ? null : p[${i}](f[${i}])`,
  );
  // the column names come from our own statements' row descriptions, quoted by JSON.stringify
  const build = new Function('p', `return (f) => ({ ${properties.join(', ')} });`)(parsers) as RowShape['build'];
  return { build };
}

interface PgConnection {
  bind(config: { portal: string; statement: string; values: unknown[]; binary: boolean; valueMapper: unknown }): void;
  execute(config: { portal: string; rows?: number }): void;
  sync(): void;
  close(config: { type: 'S'; name: string }): void;
}

interface PgQueryInternals {
  name?: string;
  values: unknown[];
  _result: { rows: unknown[] };
  _canceledDueToError: unknown;
  hasBeenParsed(connection: PgConnection): boolean;
  handleError(error: unknown, connection: PgConnection): void;
}

const BaseQuery = pg.Query as unknown as new (text: string, values: unknown[]) => PgQueryInternals;

/**
 * One execution of a hot prepared statement. Once a statement's row shape is known and the
 * connection has it prepared, the execution is Bind/Execute/Sync with no Describe: PostgreSQL sends
 * no row description, and the rows are built by the statement's cached builder. Everything else
 * (the first execution on a connection, errors, the answer) is pg's own Query.
 */
class HotStatementQuery extends BaseQuery {
  private shape: RowShape | undefined;

  constructor(name: string, text: string, values: unknown[]) {
    super(text, values);
    this.name = name;
    this.shape = shapes.get(name);
  }

  prepare(connection: PgConnection): void {
    if (!this.shape || !this.hasBeenParsed(connection)) {
      (BaseQuery.prototype as unknown as { prepare(c: PgConnection): void }).prepare.call(this, connection);
      return;
    }
    try {
      connection.bind({ portal: '', statement: this.name!, values: this.values, binary: false, valueMapper: prepareValue });
    } catch (error) {
      // as pg does: a value that cannot be sent fails the query and leaves the connection usable
      connection.close({ type: 'S', name: this.name! });
      connection.sync();
      this.handleError(error, connection);
      return;
    }
    connection.execute({ portal: '' });
    connection.sync();
  }

  handleRowDescription(message: { fields: Array<{ name: string; dataTypeID: number }> }): void {
    this.shape = shapes.get(this.name!) ?? rowShape(message.fields);
    shapes.set(this.name!, this.shape);
  }

  handleDataRow(message: { fields: Array<string | null> }): void {
    if (this._canceledDueToError) return;
    try {
      this._result.rows.push(this.shape!.build(message.fields));
    } catch (error) {
      this._canceledDueToError = error;
    }
  }
}

/**
 * Runs one statement built with lib/database/typed-sql.ts (an ordinary auto-committed one; never inside a transaction, which belongs to
 * Prisma) and returns its rows as $queryRaw would: int8 as bigint, timestamps as Date. Numeric
 * columns come back as text on PostgreSQL and as Decimal on the embedded database: callers convert.
 */
export async function hotQuery<T>(statement: Statement): Promise<T[]> {
  const { sql: text, parameters } = compileStatement(statement);
  const pool = getDbConnection().pgPool;
  if (!pool) return db.$queryRawUnsafe<T[]>(text, ...parameters);
  const result = (await pool.query(new HotStatementQuery(statementName(text), text, parameters as unknown[]) as never)) as unknown as { rows: T[] };
  return result.rows;
}
