import { z } from 'zod';
import { acceptedText, currencySchema, textSchema } from '../schemas/common';
import { minorUnitDigits } from '../money/format-money';

// What the board's server actions accept. Deals, stages and users are addressed by their integer
// identities (the board already holds them); permissions and existence are the services' business.

const id = z.number({ error: 'Must be an ID' }).int('Must be an ID').positive('Must be an ID');
const version = z.number().int().positive().nullable().optional();

export const moveDealOnBoardInput = z.strictObject({
  dealId: id,
  stageId: id,
  afterDealId: id.nullable().optional(),
  beforeDealId: id.nullable().optional(),
  expectedVersion: version,
});
export type MoveDealOnBoardInput = z.input<typeof moveDealOnBoardInput>;

export const closeDealOnBoardInput = z.strictObject({
  dealId: id,
  outcome: z.enum(['won', 'lost']),
  lossReason: acceptedText(z.string().max(500, 'A loss reason must be at most 500 characters'), 'A loss reason').nullable().optional(),
  expectedVersion: version,
});
export type CloseDealOnBoardInput = z.input<typeof closeDealOnBoardInput>;

const AMOUNT = /^\d{1,13}(\.\d+)?$/;

/** "12,500.50" in major units of `currency` → minor units; null when it is not an amount. */
export function parseMajorAmount(text: string, currency: string): number | null {
  const cleaned = text.replace(/[\s,]/g, '').replace(/^[$€£¥]/, '');
  if (cleaned === '') return 0;
  if (!AMOUNT.test(cleaned)) return null;
  const digits = minorUnitDigits(currency);
  const [whole, fraction = ''] = cleaned.split('.');
  if (fraction.length > digits) return null;
  const minor = BigInt(whole!) * 10n ** BigInt(digits) + BigInt(fraction.padEnd(digits, '0') || '0');
  return minor > 1_000_000_000_000_000n ? null : Number(minor);
}

export const quickAddDealInput = z
  .strictObject({
    stageId: id,
    name: textSchema(255, 'Name'),
    value: z
      .string()
      .max(40, 'Value is too long')
      .refine((v) => parseMajorAmount(v, 'BHD') !== null, 'Enter an amount such as 12500 or 12500.50'),
    currency: currencySchema.default('USD'),
  })
  .transform((input, ctx) => {
    const minor = parseMajorAmount(input.value, input.currency);
    if (minor === null) {
      const digits = minorUnitDigits(input.currency);
      ctx.addIssue({
        code: 'custom',
        path: ['value'],
        message: digits === 0 ? 'Enter a whole amount, such as 12500' : `Enter an amount such as 12500 or 12500.${'5'.padEnd(digits, '0')}`,
      });
      return z.NEVER;
    }
    return { stageId: input.stageId, name: input.name, value: minor, currency: input.currency };
  });
export type QuickAddDealInput = z.input<typeof quickAddDealInput>;

export const setStageCollapsedInput = z.strictObject({ stageId: id, collapsed: z.boolean() });
export type SetStageCollapsedInput = z.input<typeof setStageCollapsedInput>;
