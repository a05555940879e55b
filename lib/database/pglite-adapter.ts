import type { PGlite } from '@electric-sql/pglite';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import type { SqlDriverAdapter } from '@prisma/driver-adapter-utils';

type ScriptRunner = SqlDriverAdapter & { onError(error: unknown): never };

/**
 * pglite-prisma-adapter 0.7.2 fires `executeScript` without awaiting it: a migration is recorded as
 * applied before it ran, and its errors are lost. This factory makes executeScript await the script
 * and report its error, which is what the schema engine relies on to apply migrations safely.
 */
export class AwaitingPrismaPGlite extends PrismaPGlite {
  constructor(private readonly pglite: PGlite) {
    super(pglite);
  }

  override async connect(): Promise<SqlDriverAdapter> {
    const adapter = (await super.connect()) as ScriptRunner;
    const { pglite } = this;
    adapter.executeScript = async (script: string) => {
      try {
        await pglite.exec(script);
      } catch (error) {
        adapter.onError(error);
      }
    };
    return adapter;
  }
}
