import type { Metadata } from 'next';
import { ForgotPasswordForm } from '@/components/auth/forgot-password-form';
import { getSignInPageState } from '@/lib/services/auth/get-sign-in-page-state';

export const metadata: Metadata = { title: 'Forgot password' };

// /forgot-password – a reset link by email, or (without SMTP) where to get one
export default async function ForgotPasswordPage() {
  const { mailConfigured } = await getSignInPageState();
  return (
    <>
      <h1 className="text-lg font-semibold text-slate-900">Reset your password</h1>
      {mailConfigured ? (
        <ForgotPasswordForm />
      ) : (
        <p className="mt-2 text-sm text-slate-600">
          This server does not send email. Ask an admin for a password reset link: they can make one under Settings → Users.
        </p>
      )}
    </>
  );
}
