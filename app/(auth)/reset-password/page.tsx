import type { Metadata } from 'next';
import Link from 'next/link';
import { ResetPasswordForm } from '@/components/auth/reset-password-form';

export const metadata: Metadata = { title: 'Choose a new password' };

// /reset-password?token=… – where a reset link lands (better-auth checked the token on the way)
export default async function ResetPasswordPage({ searchParams }: { searchParams: Promise<{ token?: string | string[]; error?: string | string[] }> }) {
  const { token, error } = await searchParams;
  if (typeof token !== 'string' || !token || error) {
    return (
      <>
        <h1 className="text-lg font-semibold text-slate-900">This link does not work</h1>
        <p className="mt-2 text-sm text-slate-600">The reset link is invalid or has expired. Ask for a new one.</p>
        <Link href="/forgot-password" className="mt-4 inline-block text-sm text-blue-700 hover:underline">
          Reset your password
        </Link>
      </>
    );
  }
  return (
    <>
      <h1 className="text-lg font-semibold text-slate-900">Choose a new password</h1>
      <ResetPasswordForm token={token} />
    </>
  );
}
