import { DealsTableSkeleton } from '@/components/deals-table/table-skeleton';

// /deals – the table's skeleton while a page of deals loads. It lives in the (table) route group so
// it wraps only the table: a boundary in app/deals/ would also wrap /deals/[dealId], whose layout
// must answer an unknown deal with a real 404 before anything streams.
export default function DealsLoading() {
  return <DealsTableSkeleton />;
}
