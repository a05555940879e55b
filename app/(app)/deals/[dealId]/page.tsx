import type { Metadata } from 'next';
import { DealWorkspace } from '@/components/deal/deal-workspace';
import { loadDealWorkspace, loadOverview } from './_lib/load-deal-workspace';

export const dynamic = 'force-dynamic';

export async function generateMetadata({ params }: { params: Promise<{ dealId: string }> }): Promise<Metadata> {
  const { dealId } = await params;
  const deal = await loadOverview(dealId);
  return { title: deal.name };
}

// /deals/:dealId – the deal workspace: every field editable in place, line items, stage history,
// activities and tasks, linked contacts and companies.
export default async function DealPage({ params }: { params: Promise<{ dealId: string }> }) {
  const { dealId } = await params;
  return <DealWorkspace data={await loadDealWorkspace(dealId)} />;
}
