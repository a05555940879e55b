import type { ReactNode } from 'react';
import { notFound } from 'next/navigation';
import { getBrowserContext } from '@/lib/auth/get-browser-context';
import { fromPublicId } from '@/lib/ids';
import { dealExists } from '@/lib/services/deals/get-deal-overview';

// The deal's existence is checked here, outside the page's loading boundary (loading.tsx), so an
// unknown or deleted deal answers with a real 404 status before anything streams; the page itself
// then loads behind the skeleton.
export default async function DealLayout({ children, params }: { children: ReactNode; params: Promise<{ dealId: string }> }) {
  const { dealId } = await params;
  const id = fromPublicId('deal', dealId);
  if (id === null) notFound();
  const ctx = await getBrowserContext();
  if (!(await dealExists({ ctx, input: { dealId: id } }))) notFound();
  return children;
}
