import 'server-only';
import { createHash } from 'node:crypto';
import pg from 'pg';
import { db, getDbConnection } from '../db';
import type { Prisma } from '../generated/prisma/client';

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
      const millis = fraction <= 0 ? 0 : fraction <= 3 ? digits(text, 20, length) * 10 ** (3 - fraction) : Math.floor(digits(text, 20, length) / 10 ** (fraction - 3));
      return new Date(Date.UTC(year, digits(text, 5, 7) - 1, digits(text, 8, 10), digits(text, 11, 13), digits(text, 14, 16), digits(text, 17, 19), millis));
    }
  }
  return new Date(`${text.replace(' ', 'T')}Z`);
}

const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') => PARSERS[oid] ?? pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

const names = new Map<string, string>();

/** A prepared statement's name: the same text always gets the same name (pg prepares it once per connection). */
function statementName(text: string): string {
  let name = names.get(text);
  if (!name) {
    name = `hot_${createHash('sha1').update(text).digest('hex').slice(0, 20)}`;
    if (names.size > 2_000) names.clear(); // statements built from filters vary; keep the map bounded
    names.set(text, name);
  }
  return name;
}

/**
 * Runs one statement (an ordinary auto-committed one; never inside a transaction, which belongs to
 * Prisma) and returns its rows as $queryRaw would: int8 as bigint, timestamps as Date. Numeric
 * columns come back as text on PostgreSQL and as Decimal on the embedded database: callers convert.
 */
export async function hotQuery<T>(query: Prisma.Sql): Promise<T[]> {
  const pool = getDbConnection().pgPool;
  if (!pool) return db.$queryRaw<T[]>(query);
  const result = await pool.query({ name: statementName(query.text), text: query.text, values: query.values as unknown[], types });
  return result.rows as T[];
}
