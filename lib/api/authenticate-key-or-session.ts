import 'server-only';
import { getAuth } from '../auth/auth';
import { AppError } from '../errors';
import { authenticateRequest, readApiKey } from './authenticate-request';

/**
 * For the few API routes a signed-in browser also reads (the OpenAPI document behind /api/docs):
 * an API key when one is sent, otherwise the session cookie; 401 without either.
 */
export async function authenticateKeyOrSession(request: Request): Promise<void> {
  if (readApiKey(request)) {
    await authenticateRequest(request);
    return;
  }
  const session = await (await getAuth()).api.getSession({ headers: request.headers });
  if (!session) throw new AppError('unauthorized', 'Sign in, or send your API key in the X-Api-Key header (or Authorization: Bearer <key>).');
}
