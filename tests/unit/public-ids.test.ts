import { describe, expect, it } from 'vitest';
import { fromPublicId, toPublicId } from '@/lib/ids';

describe('public IDs', () => {
  it('round-trip every integer identity with its kind prefix', () => {
    for (const id of [1, 2, 42, 1_000_000, 2_147_483_647]) {
      const deal = toPublicId('deal', id);
      expect(deal).toMatch(/^deal_[0-9A-Za-z]{10,}$/);
      expect(fromPublicId('deal', deal)).toBe(id);
    }
    expect(toPublicId('stage', 7)).toMatch(/^stg_/);
    expect(toPublicId('pipeline', 7)).toMatch(/^pipe_/);
  });

  it('do not look sequential', () => {
    expect(toPublicId('deal', 1).slice(5, 9)).not.toBe(toPublicId('deal', 2).slice(5, 9));
  });

  it('refuse IDs of another kind, garbage, and non-canonical spellings', () => {
    const stage = toPublicId('stage', 5);
    expect(fromPublicId('deal', stage)).toBeNull();
    expect(fromPublicId('deal', 'deal_')).toBeNull();
    expect(fromPublicId('deal', 'deal_!!!')).toBeNull();
    expect(fromPublicId('deal', '123')).toBeNull();
    expect(fromPublicId('deal', `${toPublicId('deal', 5)}x`)).toBeNull();
  });
});
