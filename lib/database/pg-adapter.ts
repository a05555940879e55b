import type pg from 'pg';
import { PrismaPg } from '@prisma/adapter-pg';
import type { SqlDriverAdapter } from '@prisma/driver-adapter-utils';

type ScriptRunner = SqlDriverAdapter & { onError(error: unknown): never };

/**
 * @prisma/adapter-pg 7.10 runs `executeScript` by splitting the script on ";" and sending each piece
 * through the pool: a failing migration leaves its earlier statements applied, and a ";" inside a
 * string or function body breaks the script. This factory sends the whole script, unsplit, on one
 * connection inside one transaction, so a migration applies completely or not at all.
 */
export class TransactionalPrismaPg extends PrismaPg {
  constructor(private readonly pool: pg.Pool) {
    super(pool);
  }

  override async connect(): ReturnType<PrismaPg['connect']> {
    const base = await super.connect();
    const adapter = base as unknown as ScriptRunner;
    const { pool } = this;
    adapter.executeScript = async (script: string) => {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        await client.query(script); // no parameters: the simple protocol, which runs many statements
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK').catch(() => {});
        adapter.onError(error);
      } finally {
        client.release();
      }
    };
    return base;
  }
}
