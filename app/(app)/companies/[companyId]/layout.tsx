import type { ReactNode } from 'react';
import { notFound, redirect } from 'next/navigation';
import { getBrowserContext } from '@/lib/auth/get-browser-context';
import { isAppError } from '@/lib/errors';
import { fromPublicId } from '@/lib/ids';
import { mergedIntoOf } from '@/lib/schemas/merge';
import { getCompanyOrThrow } from '@/lib/services/companies/get-company-or-throw';

// The company's existence is checked here, outside the page's loading boundary (loading.tsx), so an
// unknown or deleted company answers with a real 404 status before anything streams.
export default async function CompanyLayout({ children, params }: { children: ReactNode; params: Promise<{ companyId: string }> }) {
  const { companyId } = await params;
  const id = fromPublicId('company', companyId);
  if (id === null) notFound();
  const ctx = await getBrowserContext();
  try {
    await getCompanyOrThrow({ ctx, input: { companyId: id } });
  } catch (error) {
    // a merged company's old address opens the one it was merged into
    const survivor = isAppError(error) && error.code === 'not_found' ? mergedIntoOf(error.details) : null;
    if (survivor) redirect(`/companies/${survivor}`);
    if (isAppError(error) && error.code === 'not_found') notFound();
    throw error;
  }
  return children;
}
