import type { FuzzOperation, JsonSchema } from './operations';

// The sign-in endpoints (better-auth behind /api/auth) are not part of the API's OpenAPI document;
// these are the bodies the browser sends them, for the fuzzer to bend like the rest.

const email: JsonSchema = { type: 'string', format: 'email' };
const text: JsonSchema = { type: 'string', maxLength: 80 };

const post = (path: string, properties: Record<string, JsonSchema>, required: string[]): FuzzOperation => ({
  id: `POST /api/auth${path}`,
  method: 'POST',
  path: `/api/auth${path}`,
  parameters: [],
  body: { type: 'object', properties, required },
});

export function listAuthOperations(): FuzzOperation[] {
  return [
    post('/sign-in/email', { email, password: text, rememberMe: { type: 'boolean' }, callbackURL: text }, ['email', 'password']),
    post('/sign-up/email', { email, password: text, name: text }, ['email', 'password', 'name']),
    post('/request-password-reset', { email, redirectTo: text }, ['email']),
    post('/reset-password', { newPassword: text, token: text }, ['newPassword']),
    post('/change-password', { currentPassword: text, newPassword: text, revokeOtherSessions: { type: 'boolean' } }, ['currentPassword', 'newPassword']),
    post('/two-factor/verify-totp', { code: text, trustDevice: { type: 'boolean' } }, ['code']),
    post('/sign-out', {}, []),
    {
      id: 'GET /api/auth/get-session',
      method: 'GET',
      path: '/api/auth/get-session',
      parameters: [{ name: 'disableCookieCache', in: 'query', required: false, schema: { type: 'boolean' } }],
      body: null,
    },
  ];
}
