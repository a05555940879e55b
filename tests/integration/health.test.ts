import { describe, expect, it } from 'vitest';
import { GET } from '@/app/api/health/route';
import { openDatabase } from '@/lib/database/connect';
import { getDbConnection, setDatabaseConnection } from '@/lib/db';

describe('GET /api/health', () => {
  it('answers ok and names the database engine', async () => {
    const response = await GET();
    expect(response.status).toBe(200);
    const expected = process.env.TEST_ENGINE === 'postgresql' ? 'postgresql' : 'embedded';
    expect(await response.json()).toEqual({ status: 'ok', database: expected });
  });

  it('answers 503 with a JSON reason when the database is unreachable', async () => {
    const working = getDbConnection();
    // a PostgreSQL server that is not there: nothing listens on port 1
    const unreachable = openDatabase({ engine: 'postgresql', url: 'postgresql://dealboard:x@127.0.0.1:1/nowhere' });
    setDatabaseConnection(unreachable);
    try {
      const response = await GET();
      expect(response.status).toBe(503);
      const body = await response.json();
      expect(body).toMatchObject({ status: 'unavailable', database: 'postgresql' });
      expect(body.reason).toMatch(/ECONNREFUSED|connect/);
    } finally {
      await unreachable.close();
      setDatabaseConnection(working);
    }
  });
});
