import type { Metadata } from 'next';
import { PageHeader } from '@/components/app-shell/page-header';

export const metadata: Metadata = { title: 'Reports' };

// /reports – pipeline reports land here (stage history over time)
export default function ReportsPage() {
  return (
    <>
      <PageHeader title="Reports" />
      <p className="p-6 text-sm text-slate-600">Reports are not built yet. Every deal&apos;s stage history is already recorded and shown on its deal page.</p>
    </>
  );
}
