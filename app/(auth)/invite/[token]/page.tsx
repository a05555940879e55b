import type { Metadata } from 'next';
import Link from 'next/link';
import { AcceptInvitationForm } from '@/components/auth/accept-invitation-form';
import { getInvitationByToken } from '@/lib/services/invitations/get-invitation-by-token';

export const metadata: Metadata = { title: 'Join Dealboard' };

const CLOSED: Record<'invalid' | 'expired' | 'used', { title: string; text: string }> = {
  invalid: { title: 'This invitation does not work', text: 'The link is not valid or was withdrawn. Ask your admin for a new invitation.' },
  expired: { title: 'This invitation has expired', text: 'Invitations are valid for 7 days. Ask your admin for a new one.' },
  used: { title: 'This invitation was already used', text: 'The account exists: sign in with its email and password.' },
};

// /invite/<token> – accept an invitation: choose a name and password, and start working
export default async function InvitationPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const invitation = await getInvitationByToken({ input: { token } });
  if (invitation.state !== 'open') {
    const closed = CLOSED[invitation.state];
    return (
      <>
        <h1 className="text-lg font-semibold text-slate-900">{closed.title}</h1>
        <p className="mt-2 text-sm text-slate-600">{closed.text}</p>
        <Link href="/sign-in" className="mt-4 inline-block text-sm text-blue-700 hover:underline">
          Go to sign in
        </Link>
      </>
    );
  }
  return (
    <>
      <h1 className="text-lg font-semibold text-slate-900">Join your team on Dealboard</h1>
      <p className="mt-1 text-sm text-slate-600">
        {invitation.invitedBy} invited <strong className="break-all">{invitation.email}</strong> as a {invitation.role}. Choose your name and a password.
      </p>
      <AcceptInvitationForm token={token} defaultName={invitation.name ?? ''} email={invitation.email} />
    </>
  );
}
