'use client';

import { useState, type FormEvent } from 'react';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { toast } from 'sonner';
import { deletePipelineAction, updatePipelineAction } from '@/lib/actions/pipelines';
import { Button, inputClass, Spinner } from '@/components/deal/ui';
import { TrashIcon } from '@/components/ui/icons';
import { ActionDialog } from '@/components/ui/modal-dialog';
import { FieldError, invalidProps, type FieldErrors } from './field-error';

/** A pipeline's name (rename in place), default flag, a link to its board, and deleting it. */
export function PipelineSettingsHeader({
  pipeline,
  dealCount,
  readOnly,
}: {
  pipeline: { id: string; name: string; isDefault: boolean };
  dealCount: number;
  readOnly: boolean;
}) {
  const router = useRouter();
  const [name, setName] = useState(pipeline.name);
  const [savedName, setSavedName] = useState(pipeline.name);
  if (savedName !== pipeline.name) {
    setSavedName(pipeline.name);
    setName(pipeline.name);
  }
  const [errors, setErrors] = useState<FieldErrors>({});
  const [pending, setPending] = useState<'rename' | 'default' | 'delete' | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [deleteError, setDeleteError] = useState<string | null>(null);

  const rename = async (event: FormEvent) => {
    event.preventDefault();
    if (name === pipeline.name || pending) return;
    setPending('rename');
    const result = await updatePipelineAction(pipeline.id, { name });
    setPending(null);
    if (result.ok) {
      setErrors({});
      toast.success('Pipeline renamed');
    } else {
      setErrors(result.fieldErrors);
      if (!result.fieldErrors.name) toast.error(result.message);
    }
  };

  const makeDefault = async () => {
    setPending('default');
    const result = await updatePipelineAction(pipeline.id, { is_default: true });
    setPending(null);
    if (result.ok) toast.success(`“${pipeline.name}” is now the default pipeline`);
    else toast.error(result.message);
  };

  const remove = async () => {
    setPending('delete');
    const result = await deletePipelineAction(pipeline.id);
    setPending(null);
    if (!result.ok) {
      setDeleteError(result.message);
      return;
    }
    toast.success(`Pipeline “${pipeline.name}” deleted`);
    setConfirming(false);
    router.push('/settings/pipelines');
  };

  return (
    <section aria-label="Pipeline" className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm">
      <form onSubmit={rename} noValidate className="flex flex-wrap items-start gap-2">
        <div className="min-w-0 flex-1 basis-44">
          <label htmlFor="pipeline-name" className="mb-0.5 block text-[11px] font-medium text-slate-600">
            Pipeline name
          </label>
          <input
            id="pipeline-name"
            value={name}
            maxLength={200}
            disabled={readOnly}
            onChange={(e) => {
              setName(e.target.value);
              setErrors({});
            }}
            className={inputClass}
            {...invalidProps('pipeline-name-error', errors.name)}
          />
          <FieldError id="pipeline-name-error" messages={errors.name} />
        </div>
        {readOnly ? null : (
          <div className="pt-5">
            <Button type="submit" tone="primary" disabled={name === pipeline.name || pending !== null}>
              {pending === 'rename' ? <Spinner /> : null}
              Rename
            </Button>
          </div>
        )}
      </form>
      <div className="mt-3 flex flex-wrap items-center gap-2 text-sm">
        {pipeline.isDefault ? (
          <span className="rounded-full bg-blue-50 px-2 py-0.5 text-xs font-medium text-blue-800 ring-1 ring-inset ring-blue-200">Default pipeline</span>
        ) : readOnly ? null : (
          <Button size="sm" onClick={() => void makeDefault()} disabled={pending !== null}>
            {pending === 'default' ? <Spinner /> : null}
            Make default
          </Button>
        )}
        <Link href={`/pipelines/${pipeline.id}`} className="text-sm text-blue-700 underline underline-offset-2 hover:text-blue-900">
          Open its board
        </Link>
        {readOnly ? null : (
          <Button
            size="sm"
            tone="ghost"
            className="ml-auto hover:text-rose-700"
            onClick={() => {
              setDeleteError(null);
              setConfirming(true);
            }}
          >
            <TrashIcon />
            Delete pipeline
          </Button>
        )}
      </div>
      <ActionDialog
        tone="danger"
        open={confirming}
        title={`Delete pipeline “${pipeline.name}”?`}
        submitLabel="Delete pipeline"
        pending={pending === 'delete'}
        error={deleteError}
        onSubmit={() => void remove()}
        onCancel={() => setConfirming(false)}
      >
        {dealCount > 0 ? (
          <p>
            It still holds {dealCount === 1 ? '1 deal' : `${dealCount} deals`}: a pipeline with deals cannot be deleted. Move them to another pipeline, or
            delete its stages (choosing where their deals go) first.
          </p>
        ) : (
          <p>The pipeline and its stages disappear from the boards and lists. Its stage history stays in the reports.</p>
        )}
      </ActionDialog>
    </section>
  );
}
