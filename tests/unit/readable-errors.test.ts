import { describe, expect, it } from 'vitest';
import { fieldLabel, readableDetails, readableMessage } from '@/lib/schemas/readable-errors';
import { rottingDaysSchema } from '@/lib/schemas/stage';
import { taxRateSchema } from '@/lib/schemas/product';
import { zodIssuesToDetails } from '@/lib/schemas/zod-details';

describe('readable error messages', () => {
  it('names a field by its label, not its key', () => {
    expect(readableMessage('rotting_days', 'rotting_days must be null or a whole number of days from 1 to 3650')).toBe(
      'Rotting days must be left blank or a whole number of days from 1 to 3650',
    );
    expect(readableMessage('tax_rate', 'tax_rate must be at most 100')).toBe('Tax rate must be at most 100');
    expect(readableMessage('stages.2.name', 'name must not be empty')).toBe('Name must not be empty');
  });

  it('leaves a message already in words as it is', () => {
    expect(readableMessage('value', 'Enter the deal value, such as 12500')).toBe('Enter the deal value, such as 12500');
    expect(readableMessage('', 'That stage name is taken')).toBe('That stage name is taken');
  });

  it('words every refusal of a schema, keeping the paths for the form', () => {
    const rotting = rottingDaysSchema.safeParse(0);
    const tax = taxRateSchema.safeParse(150);
    const issues = [...(rotting.success ? [] : rotting.error.issues), ...(tax.success ? [] : tax.error.issues)];
    const details = readableDetails(zodIssuesToDetails(issues));
    expect(details.map((d) => d.message)).toEqual(['Rotting days must be left blank or a whole number of days from 1 to 3650', 'Tax rate must be at most 100']);
    for (const d of details) expect(d.message).not.toMatch(/[a-z]+_[a-z]+/);
  });

  it('labels keys in words', () => {
    expect(fieldLabel('unit_price')).toBe('Unit price');
    expect(fieldLabel('sku')).toBe('SKU');
    expect(fieldLabel('closeFrom')).toBe('Close from');
  });
});
