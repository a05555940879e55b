import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { dehydrate, HydrationBoundary, QueryClient } from '@tanstack/react-query';
import { getBrowserContext } from '@/lib/auth/get-browser-context';
import { isAppError } from '@/lib/errors';
import { fromPublicId } from '@/lib/ids';
import { boardKeys } from '@/lib/query-keys';
import { parseBoardFilters } from '@/lib/board/board-filters';
import { getBoardMeta } from '@/lib/services/board/get-board-meta';
import { getPipelineBoard } from '@/lib/services/pipelines/get-pipeline-board';
import { PageHeader } from '@/components/app-shell/page-header';
import { seedBoard } from '@/components/board/board-data';
import { BoardExportLink } from '@/components/board/board-export-link';
import { BoardView } from '@/components/board/board-view';
import { NewDealButton } from '@/components/deal/new-deal-dialog';

export const dynamic = 'force-dynamic';

export const metadata: Metadata = { title: 'Pipeline' };

// /pipelines/:pipelineId – the pipeline board. The server reads the board through the services
// (never our HTTP API), puts it into a TanStack Query cache, and hands that cache to the browser
// (HydrationBoundary), which takes over: drag and drop, live updates, more cards on scroll.
export default async function PipelineBoardPage({
  params,
  searchParams,
}: {
  params: Promise<{ pipelineId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { pipelineId } = await params;
  const id = fromPublicId('pipeline', pipelineId);
  if (id === null) notFound();
  const ctx = await getBrowserContext();
  const filters = parseBoardFilters(await searchParams);

  const queryClient = new QueryClient();
  const [board, meta] = await Promise.all([
    getPipelineBoard({ ctx, input: { pipelineId: id, filters } }).catch((error: unknown) => {
      if (isAppError(error) && error.code === 'not_found') notFound();
      throw error;
    }),
    getBoardMeta({ ctx }),
  ]);
  await Promise.all([
    queryClient.prefetchQuery({ queryKey: boardKeys.summary(id, filters), queryFn: () => seedBoard(queryClient, id, filters, board) }),
    queryClient.prefetchQuery({ queryKey: boardKeys.meta(), queryFn: () => meta }),
  ]);

  return (
    <>
      <PageHeader title={board.pipeline.name}>
        <nav aria-label="Pipelines" className="-my-1 flex min-w-0 gap-1 overflow-x-auto py-1">
          {meta.pipelines.map((p) => (
            <Link
              key={p.id}
              href={`/pipelines/${p.publicId}`}
              aria-current={p.id === id ? 'page' : undefined}
              className={`shrink-0 rounded-full px-3 py-1 text-sm ${p.id === id ? 'bg-slate-900 text-white' : 'bg-slate-100 text-slate-700 hover:bg-slate-200'}`}
            >
              {p.name}
            </Link>
          ))}
        </nav>
        <div className="ml-auto flex shrink-0 items-center gap-2">
          <BoardExportLink pipelineId={pipelineId} />
          <NewDealButton preset={{ pipelineId }} />
        </div>
      </PageHeader>
      <HydrationBoundary state={dehydrate(queryClient)}>
        <BoardView pipeline={{ id, publicId: pipelineId }} initialNow={Date.now()} />
      </HydrationBoundary>
    </>
  );
}
