import { describe, expect, it } from 'vitest';
import Sqids from 'sqids';
import { compileBlocklist, fromPublicId, SQIDS_OPTIONS, toPublicId } from '@/lib/ids';

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

describe('the compiled Sqids blocklist', () => {
  const plain = new Sqids(SQIDS_OPTIONS) as unknown as { blocklist: Set<string>; isBlockedId: (id: string) => boolean; encode: (n: number[]) => string };
  const compiled = compileBlocklist(plain.blocklist);
  const alphabet = SQIDS_OPTIONS.alphabet;

  it('blocks exactly what Sqids blocks: every word alone, inside, at either end, in capitals', () => {
    const cases: string[] = [];
    for (const word of plain.blocklist) {
      cases.push(word, word.toUpperCase(), `x${word}`, `${word}x`, `ab${word}cd`, `${word}abcdefgh`, `abcdefgh${word}`, word.slice(1), word.slice(0, -1));
    }
    for (let i = 0; i < 20_000; i += 1) {
      let id = '';
      for (let j = 0; j < 10; j += 1) id += alphabet[Math.floor(Math.random() * alphabet.length)];
      cases.push(id);
    }
    const differing = cases.filter((id) => compiled(id) !== plain.isBlockedId(id));
    expect(differing).toEqual([]);
    expect(cases.filter((id) => compiled(id)).length).toBeGreaterThan(plain.blocklist.size);
  });

  it('leaves every public ID as it was', () => {
    const ids = [...Array.from({ length: 20_000 }, (_, i) => i + 1), ...Array.from({ length: 2_000 }, () => 1 + Math.floor(Math.random() * 2_147_483_647))];
    const differing = ids.filter((id) => toPublicId('deal', id) !== `deal_${plain.encode([id])}`);
    expect(differing).toEqual([]);
  });
});
