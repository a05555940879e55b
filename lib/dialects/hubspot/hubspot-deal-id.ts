import 'server-only';
import { AppError } from '../../errors';

// HubSpot names a deal by an integer dealId in the path, and answers 404 for any it does not know.

/** The integer dealId of a path, or a 404 (an ID that is not a positive integer names no deal). */
export function parseHubSpotDealId(value: string | undefined): number {
  const id = value && /^\d{1,10}$/.test(value) ? Number(value) : NaN;
  if (!Number.isSafeInteger(id) || id < 1 || id > 2_147_483_647) throw hubspotDealNotFound(value ?? '');
  return id;
}

export function hubspotDealNotFound(dealId: number | string): AppError {
  return new AppError('not_found', `Deal ${dealId} does not exist`);
}

/** Runs a deal service, answering its 404 with the integer dealId the client sent (not a native deal_… ID). */
export async function orDealNotFound<T>(dealId: number, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof AppError && error.code === 'not_found') throw hubspotDealNotFound(dealId);
    throw error;
  }
}
