import { getAuth } from '@/lib/auth/auth';

// better-auth's endpoints: POST /api/auth/sign-in/email, /sign-out, /change-password, …
async function handle(request: Request): Promise<Response> {
  const auth = await getAuth();
  return auth.handler(request);
}

export { handle as GET, handle as POST };
