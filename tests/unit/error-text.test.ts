import { describe, expect, it } from 'vitest';
import { errorText } from '../../lib/database/connect';

// What a failed start prints after "Error:": the database engine can reject with a plain object,
// which must not come out as "[object Object]".

describe('errorText', () => {
  it('says what an Error, an AggregateError and a plain object hold', () => {
    expect(errorText(new Error('disk full'))).toBe('disk full');
    expect(errorText(new AggregateError([new Error('connect ECONNREFUSED')]))).toBe('connect ECONNREFUSED');
    expect(errorText({ message: 'could not open data directory' })).toBe('could not open data directory');
    const described = errorText({ errno: 44, code: 'ENOENT' });
    expect(described).not.toContain('[object Object]');
    expect(described).toContain('ENOENT');
  });
});
