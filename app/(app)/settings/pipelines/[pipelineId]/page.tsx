import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getBrowserContext } from '@/lib/auth/get-browser-context';
import { isAppError } from '@/lib/errors';
import { fromPublicId, toPublicId } from '@/lib/ids';
import { getPipelineOrThrow } from '@/lib/services/pipelines/get-pipeline-or-throw';
import { canConfigureWorkspace } from '@/lib/services/permissions';
import { countStageDeals } from '@/lib/services/stages/count-stage-deals';
import { PipelineSettingsHeader } from '@/components/settings/pipeline-settings-header';
import { StagesEditor } from '@/components/settings/stages-editor';
import type { SettingsStage } from '@/components/settings/stage-fields';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Pipeline · Settings' };

async function load(publicId: string) {
  const pipelineId = fromPublicId('pipeline', publicId);
  if (pipelineId === null) notFound();
  const ctx = await getBrowserContext();
  try {
    const pipeline = await getPipelineOrThrow({ ctx, input: { pipelineId } });
    const counts = await countStageDeals({ ctx, input: { pipelineId } });
    return { ctx, pipeline, counts };
  } catch (error) {
    if (isAppError(error) && error.code === 'not_found') notFound();
    throw error;
  }
}

// /settings/pipelines/[pipelineId] – rename a pipeline; add, edit, reorder and delete its stages
export default async function PipelineSettingsPage({ params }: { params: Promise<{ pipelineId: string }> }) {
  const { pipelineId } = await params;
  const { ctx, pipeline, counts } = await load(pipelineId);
  const stages: SettingsStage[] = pipeline.stages.map((stage) => ({
    id: toPublicId('stage', stage.id),
    name: stage.name,
    probability: stage.probability,
    rottingDays: stage.rottingDays,
    outcome: stage.outcome,
    dealCount: counts[stage.id] ?? 0,
  }));
  const readOnly = !canConfigureWorkspace(ctx);
  return (
    <div className="mx-auto max-w-6xl space-y-4 p-4 sm:p-6">
      <nav aria-label="Breadcrumb" className="text-sm text-slate-500">
        <Link href="/settings/pipelines" className="text-blue-700 underline underline-offset-2 hover:text-blue-900">
          Pipelines
        </Link>{' '}
        / <span className="text-slate-700">{pipeline.name}</span>
      </nav>
      <PipelineSettingsHeader
        pipeline={{ id: toPublicId('pipeline', pipeline.id), name: pipeline.name, isDefault: pipeline.isDefault }}
        dealCount={stages.reduce((sum, s) => sum + s.dealCount, 0)}
        readOnly={readOnly}
      />
      <StagesEditor pipelineId={toPublicId('pipeline', pipeline.id)} stages={stages} readOnly={readOnly} />
    </div>
  );
}
