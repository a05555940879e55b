import { describe, expect, it } from 'vitest';
import { parseTimestamp } from '../../lib/database/hot-query';

// The hot path reads PostgreSQL's printed timestamps field by field; it must give exactly what the
// general date-string parser gives (the columns hold UTC without a zone).
const general = (text: string) => new Date(`${text.replace(' ', 'T')}Z`);

describe('parseTimestamp', () => {
  it('reads timestamps as PostgreSQL prints them, with 0 to 6 fraction digits, as UTC', () => {
    const samples = [
      '2026-11-24 10:00:00',
      '2026-11-24 23:59:59.999',
      '2026-01-01 00:00:00.5',
      '2026-01-01 00:00:00.05',
      '2026-01-01 00:00:00.007',
      '2024-02-29 12:34:56.123456',
      '1999-12-31 23:59:59.9999',
      '0100-03-01 01:02:03',
    ];
    for (const text of samples) expect(parseTimestamp(text).toISOString()).toBe(general(text).toISOString());
    expect(parseTimestamp('2026-01-01 00:00:00.5').getUTCMilliseconds()).toBe(500);
    expect(parseTimestamp('2024-02-29 12:34:56.123456').getUTCMilliseconds()).toBe(123);
  });

  it('gives every millisecond of a second as the general parser does', () => {
    for (let ms = 0; ms < 1000; ms += 1) {
      const text = `2026-06-15 08:30:45.${String(ms).padStart(3, '0').replace(/0+$/, '') || '0'}`;
      expect(parseTimestamp(text).getTime()).toBe(general(text).getTime());
    }
  });

  it('leaves other spellings to the general parser', () => {
    expect(Number.isNaN(parseTimestamp('infinity').getTime())).toBe(true);
    expect(parseTimestamp('0099-01-01 00:00:00').getTime()).toBe(general('0099-01-01 00:00:00').getTime());
  });
});
