import 'server-only';
import { getDbConnection } from '../../db';
import { errorText } from '../../database/connect';

export type HealthReport =
  | { status: 'ok'; database: 'embedded' | 'postgresql' }
  | { status: 'unavailable'; database: 'embedded' | 'postgresql'; reason: string };

/** Whether the database answers; public (no actor), used by load balancers and the e2e harness. */
export async function checkHealth(): Promise<HealthReport> {
  const connection = getDbConnection();
  try {
    await withTimeout(connection.ping(), 3_000);
    return { status: 'ok', database: connection.engine };
  } catch (error) {
    return { status: 'unavailable', database: connection.engine, reason: `The database does not answer: ${errorText(error)}` };
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
