'use client';

import { useState } from 'react';
import { ActivitiesPanel } from './activities-panel';
import { ChangesTimeline } from './changes-timeline';
import { DealHeader } from './deal-header';
import { DetailsPanel } from './details-panel';
import { LineItemsEditor, LineItemsView } from './line-items-editor';
import { LinksPanel } from './links-panel';
import { LostDialog } from './loss-reason';
import { StageHistory } from './stage-history';
import { NextTask, TasksPanel, useTaskToggle } from './tasks-panel';
import type { DealWorkspaceData } from './types';
import { Button, LockIcon, Spinner, WarningIcon } from './ui';
import { useDealCommands } from './use-deal-commands';
import { DealMutationsProvider, fieldMessage, useDealMutations } from './use-deal-mutations';

// The deal workspace (/deals/:id): everything about one deal, editable in place. The server page
// hands it plain data; every write is a server action that answers the deal's new version and
// re-renders the page in the same response (see use-deal-mutations.tsx). A deal the viewer may only
// look at (data.viewOnly: reps edit only their own deals) says so once at the top and offers no
// control that changes the deal itself; its activities and tasks stay open to everyone.

export function DealWorkspace({ data }: { data: DealWorkspaceData }) {
  return (
    <DealMutationsProvider dealId={data.deal.id} version={data.deal.version}>
      <Workspace data={data} />
    </DealMutationsProvider>
  );
}

function Workspace({ data }: { data: DealWorkspaceData }) {
  const [lostOpen, setLostOpen] = useState(false);
  const commands = useDealCommands(data);
  const { stale, reload, reloading } = useDealMutations();
  const { tasks, toggle } = useTaskToggle(data.tasks);
  const lineItemsKey = `${data.deal.currency}|${data.deal.taxType}|${JSON.stringify(data.lineItems)}`;

  return (
    <div data-testid="deal-workspace" className="relative flex min-h-0 flex-1 flex-col overflow-y-auto">
      <DealHeader data={data} onRequestLost={() => setLostOpen(true)} />
      {data.viewOnly ? (
        <div
          role="status"
          data-testid="deal-view-only"
          className="flex items-start gap-2.5 border-b border-slate-200 bg-slate-100 px-4 py-2.5 text-sm text-slate-700 sm:px-6"
        >
          <LockIcon className="mt-0.5 h-4 w-4 shrink-0 text-slate-500" />
          <p className="min-w-0 flex-1">{data.viewOnly}</p>
        </div>
      ) : null}
      {stale ? (
        <div role="alert" className="flex flex-wrap items-center gap-3 border-b border-amber-200 bg-amber-50 px-4 py-2.5 text-sm text-amber-900 sm:px-6">
          <WarningIcon className="h-4 w-4 shrink-0" />
          <span className="min-w-0 flex-1">{stale}</span>
          <Button onClick={reload} disabled={reloading}>
            {reloading ? <Spinner /> : null} Reload
          </Button>
        </div>
      ) : null}
      <div className="@container mx-auto w-full max-w-[90rem] space-y-4 p-3 sm:p-6">
        <NextTask tasks={tasks} dealStatus={data.deal.status} renderedAt={data.renderedAt} toggle={toggle} />
        <div className="grid grid-cols-1 gap-4 @4xl:grid-cols-[20rem_minmax(0,1fr)] @6xl:grid-cols-[22rem_minmax(0,1fr)]">
          <div className="min-w-0 space-y-4">
            <DetailsPanel data={data} onRequestLost={() => setLostOpen(true)} />
            <LinksPanel data={data} />
          </div>
          <div className="@container min-w-0 space-y-4">
            {data.viewOnly ? <LineItemsView data={data} /> : <LineItemsEditor key={lineItemsKey} data={data} />}
            <div className="grid grid-cols-1 gap-4 @4xl:grid-cols-2">
              <TasksPanel tasks={tasks} users={data.users} renderedAt={data.renderedAt} toggle={toggle} />
              <ActivitiesPanel activities={data.activities} />
            </div>
            <div className="grid grid-cols-1 items-start gap-4 @5xl:grid-cols-2">
              <StageHistory data={data} />
              {/* remounted when a write adds an event, so it starts again from the newest */}
              <ChangesTimeline key={data.changes.events[0]?.id ?? 'none'} data={data} />
            </div>
          </div>
        </div>
      </div>
      <LostDialog
        open={lostOpen}
        dealName={data.deal.name}
        policy={data.lostReasonPolicy}
        onClose={() => setLostOpen(false)}
        onConfirm={async (reason) => {
          const result = await commands.markLost(reason, { toastFailure: false });
          if (result.ok) {
            setLostOpen(false);
            return null;
          }
          if (result.fieldErrors.version) setLostOpen(false);
          return fieldMessage(result, 'loss_reason', 'status');
        }}
      />
    </div>
  );
}
