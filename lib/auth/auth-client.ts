'use client';

import { twoFactorClient } from 'better-auth/client/plugins';
import { createAuthClient } from 'better-auth/react';

// The browser's side of better-auth: it calls /api/auth/* on this site. A sign-in that needs a
// second factor answers { twoFactorRedirect: true }; the sign-in form then asks for the code.
export const authClient = createAuthClient({ basePath: '/api/auth', plugins: [twoFactorClient()] });
