import type { Metadata } from 'next';
import Link from 'next/link';
import { getBrowserContext } from '@/lib/auth/get-browser-context';
import { toPublicId } from '@/lib/ids';
import { listPipelinesPage } from '@/lib/services/pipelines/list-pipelines-page';
import { canConfigureWorkspace } from '@/lib/services/permissions';
import { EmptyState } from '@/components/deal/ui';
import { NewPipelineForm } from '@/components/settings/new-pipeline-form';
import { ChevronRightIcon } from '@/components/ui/icons';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Pipelines & stages · Settings' };

// /settings/pipelines – the pipelines with their stages; create a pipeline, open one to edit it
export default async function PipelinesSettingsPage() {
  const ctx = await getBrowserContext();
  const { rows: pipelines } = await listPipelinesPage({ ctx, input: { limit: 200 } });
  const canEdit = canConfigureWorkspace(ctx);
  return (
    <div className="mx-auto grid max-w-6xl gap-4 p-4 sm:p-6 lg:grid-cols-[minmax(0,1fr)_22rem] lg:items-start">
      <section aria-labelledby="pipelines-heading" className="min-w-0 space-y-3">
        <div>
          <h2 id="pipelines-heading" className="text-base font-semibold text-slate-900">
            Pipelines
          </h2>
          <p className="text-sm text-slate-600">Open a pipeline to rename it and edit, reorder or delete its stages.</p>
        </div>
        {pipelines.length === 0 ? (
          <EmptyState title="No pipelines yet">{canEdit ? 'Create the first one with the form.' : 'A manager or admin creates them.'}</EmptyState>
        ) : (
          <ul aria-label="Pipelines" className="space-y-2">
            {pipelines.map((pipeline) => {
              const id = toPublicId('pipeline', pipeline.id);
              return (
                <li key={pipeline.id} className="rounded-xl border border-slate-200 bg-white shadow-sm transition hover:border-blue-300">
                  <Link href={`/settings/pipelines/${id}`} className="flex items-center gap-3 p-4">
                    <div className="min-w-0 flex-1">
                      <p className="flex flex-wrap items-center gap-2">
                        <span className="font-medium text-slate-900">{pipeline.name}</span>
                        {pipeline.isDefault ? (
                          <span className="rounded-full bg-blue-50 px-2 py-0.5 text-xs font-medium text-blue-800 ring-1 ring-inset ring-blue-200">Default</span>
                        ) : null}
                        <span className="text-xs text-slate-500">{pipeline.stages.length === 1 ? '1 stage' : `${pipeline.stages.length} stages`}</span>
                      </p>
                      <p className="mt-1 truncate text-xs text-slate-500" title={pipeline.stages.map((s) => s.name).join(' → ')}>
                        {pipeline.stages.map((s) => s.name).join(' → ')}
                      </p>
                    </div>
                    <span className="sr-only">Edit</span>
                    <ChevronRightIcon className="h-4 w-4 text-slate-500" />
                  </Link>
                </li>
              );
            })}
          </ul>
        )}
      </section>
      {canEdit ? <NewPipelineForm /> : null}
    </div>
  );
}
