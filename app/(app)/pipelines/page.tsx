import { redirect } from 'next/navigation';
import { getBrowserContext } from '@/lib/auth/get-browser-context';
import { toPublicId } from '@/lib/ids';
import { listPipelines } from '@/lib/services/pipelines/list-pipelines';
import { PageHeader } from '@/components/app-shell/page-header';

export const dynamic = 'force-dynamic';

// /pipelines opens the default pipeline's board, keeping any board filters (?owner=…&status=…)
export default async function PipelinesPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const ctx = await getBrowserContext();
  const pipelines = await listPipelines({ ctx });
  const first = pipelines[0];
  if (first) {
    const query = new URLSearchParams();
    for (const [key, value] of Object.entries(await searchParams)) {
      for (const v of Array.isArray(value) ? value : value !== undefined ? [value] : []) query.append(key, v);
    }
    const search = query.toString();
    redirect(`/pipelines/${toPublicId('pipeline', first.id)}${search ? `?${search}` : ''}`);
  }
  return (
    <>
      <PageHeader title="Pipelines" />
      <p className="p-6 text-slate-600">
        No pipeline exists yet. Run <code>npm run db:seed</code> for the demo workspace.
      </p>
    </>
  );
}
