import { DealSidePanel } from '@/components/deal/deal-side-panel';
import { DealWorkspace } from '@/components/deal/deal-workspace';
import { loadDealWorkspace } from '@/app/(app)/deals/[dealId]/_lib/load-deal-workspace';

export const dynamic = 'force-dynamic';

// /deals/:dealId opened from a board – the same deal workspace as the full page, in a side panel over the board
export default async function DealPanelPage({ params }: { params: Promise<{ dealId: string }> }) {
  const { dealId } = await params;
  const data = await loadDealWorkspace(dealId);
  return (
    <DealSidePanel title={data.deal.name} fullPageHref={`/deals/${dealId}`}>
      <DealWorkspace data={data} />
    </DealSidePanel>
  );
}
