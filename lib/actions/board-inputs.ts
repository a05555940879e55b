import { z } from 'zod';
import { acceptedText, currencySchema, textSchema } from '../schemas/common';
import { parseMajorAmount } from '../money/amount-input';
import { minorUnitDigits } from '../money/format-money';
import { CUSTOM_FIELD_DRAFT_MAX } from '../schemas/new-deal-form';

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

export const quickAddDealInput = z
  .strictObject({
    stageId: id,
    name: textSchema(255, 'Name'),
    value: z
      .string()
      .max(40, 'Value is too long')
      // shaped like an amount in some currency (BHD has the most decimals; a word is no amount, not
      // a blank one); its own currency's decimals and the largest amount are checked below
      .refine((v) => {
        const parsed = parseMajorAmount(v, 'BHD');
        return (parsed.ok || parsed.problem === 'too_large') && (v.trim() === '' || /\d/.test(v));
      }, 'Enter an amount such as 12500 or 12500.50'),
    currency: currencySchema.default('USD'),
    /** the editors' text of the pipeline's required custom fields, by key (customFieldValueFromDraft) */
    customFields: z.record(z.string(), z.string().max(CUSTOM_FIELD_DRAFT_MAX, 'Must be at most 10000 characters')).optional(),
  })
  .transform((input, ctx) => {
    const parsed = parseMajorAmount(input.value, input.currency);
    if (!parsed.ok) {
      const digits = minorUnitDigits(input.currency);
      ctx.addIssue({
        code: 'custom',
        path: ['value'],
        message: digits === 0 ? 'Enter a whole amount, such as 12500' : `Enter an amount such as 12500 or 12500.${'5'.padEnd(digits, '0')}`,
      });
      return z.NEVER;
    }
    return { stageId: input.stageId, name: input.name, value: Number(parsed.value), currency: input.currency, customFields: input.customFields };
  });
export type QuickAddDealInput = z.input<typeof quickAddDealInput>;

export const setStageCollapsedInput = z.strictObject({ stageId: id, collapsed: z.boolean() });
export type SetStageCollapsedInput = z.input<typeof setStageCollapsedInput>;
