import type { ReactNode } from 'react';
import { notFound, redirect } from 'next/navigation';
import { getBrowserContext } from '@/lib/auth/get-browser-context';
import { isAppError } from '@/lib/errors';
import { fromPublicId } from '@/lib/ids';
import { mergedIntoOf } from '@/lib/schemas/merge';
import { getContactOrThrow } from '@/lib/services/contacts/get-contact-or-throw';

// The contact's existence is checked here, outside the page's loading boundary (loading.tsx), so an
// unknown or deleted contact answers with a real 404 status before anything streams.
export default async function ContactLayout({ children, params }: { children: ReactNode; params: Promise<{ contactId: string }> }) {
  const { contactId } = await params;
  const id = fromPublicId('contact', contactId);
  if (id === null) notFound();
  const ctx = await getBrowserContext();
  try {
    await getContactOrThrow({ ctx, input: { contactId: id } });
  } catch (error) {
    // a merged contact's old address opens the one it was merged into
    const survivor = isAppError(error) && error.code === 'not_found' ? mergedIntoOf(error.details) : null;
    if (survivor) redirect(`/contacts/${survivor}`);
    if (isAppError(error) && error.code === 'not_found') notFound();
    throw error;
  }
  return children;
}
