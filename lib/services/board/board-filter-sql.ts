import 'server-only';
import { fromPublicId } from '../../ids';
import { minorUnitDigits } from '../../money/format-money';
import { BOARD_STATUSES, type BoardFilters } from '../../board/board-filters';
import { sql, tableAs, type RawBuilder } from '../../database/typed-sql';

const d = tableAs('deals', 'd');
const fc = tableAs('contacts', 'fc');
const fco = tableAs('companies', 'fco');

// The board filters as one SQL condition on a deals row aliased `d`. Every board read (column
// aggregates, first pages, further pages) uses this one builder,
// so a column's count always describes exactly the cards it can scroll through.

// Currencies whose minor unit is not the cent; everything else has two decimals (lib/money).
const CANDIDATES = ['JPY', 'KRW', 'VND', 'CLP', 'ISK', 'BHD', 'KWD', 'OMR', 'JOD', 'TND'];
const ZERO_DECIMALS = CANDIDATES.filter((c) => minorUnitDigits(c) === 0);
const THREE_DECIMALS = CANDIDATES.filter((c) => minorUnitDigits(c) === 3);

/** d.value's minor units per major unit of d.currency. */
const MINOR_PER_MAJOR = sql`(CASE WHEN ${d('currency')} IN (${sql.join(ZERO_DECIMALS)}) THEN 1 WHEN ${d('currency')} IN (${sql.join(THREE_DECIMALS)}) THEN 1000 ELSE 100 END)`;

function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** `d.deleted_at IS NULL AND …` for these filters. An owner ID that decodes to nothing matches no deal. */
export function boardFilterSql(filters: BoardFilters): RawBuilder<unknown> {
  const conditions: RawBuilder<unknown>[] = [sql`${d('deleted_at')} IS NULL`];
  if (filters.statuses.length < BOARD_STATUSES.length) {
    conditions.push(sql`${d('status')}::text IN (${sql.join(filters.statuses)})`);
  }
  if (filters.owner) {
    const ownerId = fromPublicId('user', filters.owner);
    conditions.push(ownerId === null ? sql`FALSE` : sql`${d('owner_id')} = ${ownerId}`);
  }
  if (filters.q) {
    const pattern = likePattern(filters.q);
    conditions.push(sql`(
      ${d('name')} ILIKE ${pattern}
      OR EXISTS (SELECT 1 FROM ${fco.from} WHERE ${fco('id')} = ${d('company_id')} AND ${fco('deleted_at')} IS NULL AND ${fco('name')} ILIKE ${pattern})
      OR EXISTS (SELECT 1 FROM ${fc.from} WHERE ${fc('id')} = ${d('contact_id')} AND ${fc('deleted_at')} IS NULL AND (${fc('first_name')} || ' ' || ${fc('last_name')}) ILIKE ${pattern})
    )`);
  }
  if (filters.min) conditions.push(sql`${d('value')} >= ${filters.min}::numeric * ${MINOR_PER_MAJOR}`);
  if (filters.max) conditions.push(sql`${d('value')} <= ${filters.max}::numeric * ${MINOR_PER_MAJOR}`);
  if (filters.closeFrom) conditions.push(sql`${d('expected_close')} >= ${filters.closeFrom}::date`);
  if (filters.closeTo) conditions.push(sql`${d('expected_close')} < ${filters.closeTo}::date + 1`);
  return sql.join(conditions, sql` AND `);
}
