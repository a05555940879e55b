import { afterEach, describe, expect, it } from 'vitest';
import { getEnv, resetEnvForTests } from '../../lib/env';
import { SERVER_HEAP_FLAGS, serverNodeFlags } from '../../scripts/lib/next-process';

// The production server's heap is chosen by SERVER_HEAP: lean unless throughput is asked for; any
// other value stops npm start with a sentence saying what is allowed.

const saved = process.env.SERVER_HEAP;

function configure(value: string | undefined): void {
  if (value === undefined) delete process.env.SERVER_HEAP;
  else process.env.SERVER_HEAP = value;
  resetEnvForTests();
}

afterEach(() => configure(saved));

describe('SERVER_HEAP', () => {
  it('is lean by default, and starts the server with the lean flags', () => {
    configure(undefined);
    expect(getEnv().SERVER_HEAP).toBe('lean');
    expect(serverNodeFlags()).toEqual(SERVER_HEAP_FLAGS.lean);
    expect(SERVER_HEAP_FLAGS.lean).not.toContain('--max-semi-space-size=64');
  });

  it('throughput starts the server with the large young generation', () => {
    configure('throughput');
    expect(getEnv().SERVER_HEAP).toBe('throughput');
    expect(serverNodeFlags()).toEqual(['--max-semi-space-size=64']);
  });

  it('refuses any other value', () => {
    configure('fast');
    expect(() => getEnv()).toThrow('SERVER_HEAP must be lean or throughput');
  });
});
