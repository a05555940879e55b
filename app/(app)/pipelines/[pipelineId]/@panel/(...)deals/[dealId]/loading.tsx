import DealLoading from '@/app/(app)/deals/[dealId]/loading';
import { DealSidePanel } from '@/components/deal/deal-side-panel';

// The side panel opens at once with the deal page's skeleton while the deal loads.
export default function DealPanelLoading() {
  return (
    <DealSidePanel title="Loading the deal">
      <DealLoading />
    </DealSidePanel>
  );
}
