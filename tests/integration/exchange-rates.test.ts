import { beforeAll, describe, expect, it } from 'vitest';
import { conversionSteps } from '../../lib/currency/conversion-steps';
import { conversionOn, convertMinorUnits } from '../../lib/currency/convert-money';
import { queryRows } from '../../lib/database/run-sql';
import { sql, tableAs } from '../../lib/database/typed-sql';
import { db } from '../../lib/db';
import { isAppError } from '../../lib/errors';
import type { ServiceContext } from '../../lib/services/context';
import { convertedValueSql } from '../../lib/services/currency/converted-value-sql';
import { readHomeCurrency, updateHomeCurrency } from '../../lib/services/currency/home-currency';
import { loadExchangeRateTable } from '../../lib/services/currency/load-exchange-rate-table';
import { deleteExchangeRate } from '../../lib/services/exchange-rates/delete-exchange-rate';
import { listExchangeRates } from '../../lib/services/exchange-rates/list-exchange-rates';
import { putExchangeRates } from '../../lib/services/exchange-rates/put-exchange-rates';
import { createPipelineFixture, createUserWithKey } from '../setup/api';

// The home currency and dated exchange rates as services, and the database's per-deal conversion
// held to the browser's (lib/currency) on the same deals.

type User = Awaited<ReturnType<typeof createUserWithKey>>;
let admin: User;
let manager: User;
let rep: User;
const ctxOf = (user: User): ServiceContext => ({ user: user.user, source: 'ui' });

async function refusal(promise: Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await promise;
  } catch (error) {
    if (isAppError(error)) return { code: error.code, message: error.message };
    if (error instanceof Error && error.name === 'ZodError') return { code: 'zod', message: error.message };
    throw error;
  }
  throw new Error('expected a refusal');
}

beforeAll(async () => {
  admin = await createUserWithKey('admin');
  manager = await createUserWithKey('manager');
  rep = await createUserWithKey('rep');
});

describe('home currency', () => {
  it('defaults to USD and only admins change it', async () => {
    expect(await readHomeCurrency()).toBe('USD');
    expect((await refusal(updateHomeCurrency({ ctx: ctxOf(manager), input: { currency: 'EUR' } }))).code).toBe('forbidden');
    expect((await refusal(updateHomeCurrency({ ctx: ctxOf(admin), input: { currency: 'XYZ' } }))).code).toBe('zod');
    expect(await readHomeCurrency()).toBe('USD');
  });
});

describe('exchange rates', () => {
  it('are saved by managers, replaced per currency and day, and refused to reps', async () => {
    expect((await refusal(putExchangeRates({ ctx: ctxOf(rep), input: { rates: [{ currency: 'EUR', rate: '1.1', valid_from: '2026-01-01' }] } }))).code).toBe(
      'forbidden',
    );
    await putExchangeRates({
      ctx: ctxOf(manager),
      input: {
        rates: [
          { currency: 'EUR', rate: '1.05', valid_from: '2026-01-01' },
          { currency: 'eur', rate: 1.1, valid_from: '2026-03-01' },
          { currency: 'GBP', rate: '1.27', valid_from: '2026-02-01' },
        ],
      },
    });
    // the same day again replaces the rate
    await putExchangeRates({ ctx: ctxOf(manager), input: { rates: [{ currency: 'EUR', rate: '1.0825', valid_from: '2026-01-01' }] } });
    const all = await listExchangeRates({ ctx: ctxOf(rep), input: {} });
    expect(all.home).toBe('USD');
    expect(all.rates).toEqual([
      { currency: 'EUR', rate: '1.0825', validFrom: '2026-01-01' },
      { currency: 'EUR', rate: '1.1', validFrom: '2026-03-01' },
      { currency: 'GBP', rate: '1.27', validFrom: '2026-02-01' },
    ]);
    const onDay = await listExchangeRates({ ctx: ctxOf(rep), input: { on: '2026-02-15' } });
    expect(onDay.rates).toEqual([
      { currency: 'EUR', rate: '1.0825', validFrom: '2026-01-01' },
      { currency: 'GBP', rate: '1.27', validFrom: '2026-02-01' },
    ]);
  });

  it('refuses a batch with a bad rate whole, changing nothing', async () => {
    const before = await db.exchangeRate.count();
    for (const rates of [
      [{ currency: 'CHF', rate: '0', valid_from: '2026-01-01' }],
      [{ currency: 'CHF', rate: '-1', valid_from: '2026-01-01' }],
      [{ currency: 'CHF', rate: '1.1234567890123', valid_from: '2026-01-01' }],
      [{ currency: 'CHF', rate: '1.1', valid_from: '2026-02-30' }],
      [{ currency: 'USD', rate: '1.1', valid_from: '2026-01-01' }],
      [
        { currency: 'CHF', rate: '1.1', valid_from: '2026-01-01' },
        { currency: 'CHF', rate: '1.2', valid_from: '2026-01-01' },
      ],
      [
        { currency: 'CHF', rate: '1.1', valid_from: '2026-01-01' },
        { currency: 'ZZZ', rate: '1.2', valid_from: '2026-01-01' },
      ],
    ]) {
      await refusal(putExchangeRates({ ctx: ctxOf(manager), input: { rates } }));
    }
    expect(await db.exchangeRate.count()).toBe(before);
  });

  it('keeps rates per home currency, so switching home and back loses none', async () => {
    await updateHomeCurrency({ ctx: ctxOf(admin), input: { currency: 'EUR' } });
    expect((await listExchangeRates({ ctx: ctxOf(rep), input: {} })).rates).toEqual([]);
    await updateHomeCurrency({ ctx: ctxOf(admin), input: { currency: 'USD' } });
    expect((await listExchangeRates({ ctx: ctxOf(rep), input: {} })).rates).toHaveLength(3);
  });

  it('deletes one rate, bringing the earlier one back into force', async () => {
    await putExchangeRates({ ctx: ctxOf(manager), input: { rates: [{ currency: 'GBP', rate: '1.30', valid_from: '2026-06-01' }] } });
    await deleteExchangeRate({ ctx: ctxOf(manager), input: { currency: 'GBP', valid_from: '2026-06-01' } });
    expect((await listExchangeRates({ ctx: ctxOf(rep), input: { currency: 'GBP', on: '2026-07-01' } })).rates[0]?.rate).toBe('1.27');
    expect((await refusal(deleteExchangeRate({ ctx: ctxOf(manager), input: { currency: 'GBP', valid_from: '2026-06-01' } }))).code).toBe('not_found');
  });
});

describe('converting in the database', () => {
  it('gives every deal the same converted value as the browser, NULL where no rate applies', async () => {
    const fixture = await createPipelineFixture('Conversion');
    const stageId = fixture.stages[0]!.id;
    const deals = [
      { value: 100_000n, currency: 'EUR', day: '2026-02-15' },
      { value: 200n, currency: 'EUR', day: '2026-02-15' },
      { value: 12_345n, currency: 'EUR', day: '2026-03-01' },
      { value: 999_999n, currency: 'GBP', day: '2026-05-05' },
      { value: 10_000n, currency: 'GBP', day: '2026-01-15' },
      { value: 5_000n, currency: 'USD', day: '2026-01-15' },
      { value: 7_000n, currency: 'CHF', day: '2026-05-05' },
    ];
    for (const deal of deals) {
      await db.deal.create({
        data: {
          name: `${deal.currency} ${deal.value}`,
          pipelineId: fixture.pipeline.id,
          stageId,
          value: deal.value,
          currency: deal.currency,
          expectedClose: new Date(`${deal.day}T12:00:00Z`),
        },
      });
    }
    const table = await loadExchangeRateTable();
    for (const target of ['USD', 'EUR', 'JPY']) {
      const d = tableAs('deals', 'd');
      const steps = conversionSteps(table, ['EUR', 'GBP', 'USD', 'CHF'], target);
      const rows = await queryRows<{ value: string; currency: string; day: string; converted: string | null }>(
        db,
        sql`SELECT ${d('value')}::text AS value, TRIM(${d('currency')}) AS currency, to_char(${d('expected_close')}, 'YYYY-MM-DD') AS day,
          ${convertedValueSql(steps, d('value'), d('currency'), sql`${d('expected_close')}::date`)}::text AS converted
        FROM ${d.from} WHERE ${d('pipeline_id')} = ${fixture.pipeline.id} ORDER BY ${d('id')}`,
      );
      expect(rows).toHaveLength(deals.length);
      for (const row of rows) {
        const conversion = conversionOn(table, row.currency, target, row.day);
        const expected = conversion.ok ? convertMinorUnits(BigInt(row.value), conversion.factor).toString() : null;
        expect({ target, ...row, converted: row.converted }).toEqual({ target, ...row, converted: expected });
      }
    }
  });
});
