import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getBrowserContext } from '@/lib/auth/get-browser-context';
import { fromPublicId, toPublicId } from '@/lib/ids';
import { getPipelineBoard } from '@/lib/services/pipelines/get-pipeline-board';
import { listPipelines } from '@/lib/services/pipelines/list-pipelines';
import { PageHeader } from '@/components/app-shell/page-header';
import { StageColumn } from '@/components/board/stage-column';

export const dynamic = 'force-dynamic';

export const metadata: Metadata = { title: 'Pipeline' };

// /pipelines/:pipelineId – the pipeline board
export default async function PipelineBoardPage({ params }: { params: Promise<{ pipelineId: string }> }) {
  const { pipelineId } = await params;
  const id = fromPublicId('pipeline', pipelineId);
  if (id === null) notFound();
  const ctx = await getBrowserContext();
  const pipelines = await listPipelines({ ctx });
  if (!pipelines.some((p) => p.id === id)) notFound();
  const board = await getPipelineBoard({ ctx, input: { pipelineId: id } });
  const now = Date.now();
  return (
    <>
      <PageHeader title={board.pipeline.name}>
        <nav aria-label="Pipelines" className="flex gap-1">
          {pipelines.map((p) => (
            <Link
              key={p.id}
              href={`/pipelines/${toPublicId('pipeline', p.id)}`}
              aria-current={p.id === id ? 'page' : undefined}
              className={`rounded-full px-3 py-1 text-sm ${p.id === id ? 'bg-slate-900 text-white' : 'bg-slate-100 text-slate-700 hover:bg-slate-200'}`}
            >
              {p.name}
            </Link>
          ))}
        </nav>
      </PageHeader>
      <div className="flex min-h-0 flex-1 gap-3 overflow-x-auto p-4" data-testid="board">
        {board.stages.map((stage) => (
          <StageColumn key={stage.id} stage={stage} now={now} />
        ))}
      </div>
    </>
  );
}
